/**
 * Parsers for the header components of an administrative document
 * (Decree 30/2020/NĐ-CP, Art. 8 and Phụ lục I): issuing body, number and notation,
 * place and date, type and subject (trích yếu), and the incoming stamp ('ĐẾN').
 */
import { DOC_TYPE_CODES, DOC_TYPES } from '../agencies/lexicon.ts';
import { fullYear, iso, isValidYMD } from '../dates.ts';
import type { Line } from '../document.ts';
import { lookupProvince } from '../gazetteer/provinces.ts';
import { isUpperCase } from '../text/caps.ts';
import { asciiKey, foldSpaces } from '../text/fold.ts';
import { isPlain, leftColumn, withoutMarkup } from '../text/layout.ts';
import type { Received, Span } from '../types.ts';
import { titleCaseAgency } from './case.ts';

export interface Found<T> {
  value: T;
  span: Span;
  line: number;
}

/** "Số: 125 /TB-VP", "Số: /TB-STTTT" (blank number), "Số 33/2014/QĐ-UBND". */
const NUMBER_RE =
  /(?:^|\s)(?:Số|SỐ|Sô|Sồ)\s*[:.]?\s*(\d(?:\s?\d){0,5}[a-zA-Z]?)?\s*\/\s*((?:(?:19|20)\d{2}\s*\/\s*)?[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*-\s*[A-ZĐ0-9][A-Za-zĐđ0-9&.]*)*)/u;

/**
 * A party document's number (Hướng dẫn 36-HD/VPTW on the Party's documents): "Số 268-TB/TU",
 * the number joined by a hyphen to the type and the issuer's code ("Số    -TB/HU" when blank).
 */
const PARTY_NUMBER_RE =
  /(?:^|\s)(?:Số|SỐ)\s*[:.]?\s*(\d{1,6})?\s*-\s*([A-ZĐ][A-Za-zĐđ]{0,5}\s*\/\s*[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*-\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)/u;

export function parseNumber(lines: Line[]): Found<{ number: string | null; notation: string }> | null {
  for (const l of lines) {
    // Both patterns need the "S" of "Số" (they have no flag i).
    if (l.text.indexOf('S') < 0) continue;
    const m = NUMBER_RE.exec(l.text) ?? PARTY_NUMBER_RE.exec(l.text);
    if (!m) continue;
    // "Giấy mời số 249/GM-UBND" is a reference inside a sentence, not the header.
    const before = l.text.slice(0, m.index).trim();
    if (before && !/\s{2,}$|^[\p{Lu}\s.,-]+$/u.test(l.text.slice(0, m.index))) continue;
    const notation = (m[2] as string).replace(/\s+/g, '');
    const at = l.text.indexOf(m[0].trimStart(), m.index);
    return {
      // OCR splits digits ("1 86"): the number is printed as one word.
      value: { number: m[1]?.replace(/\s/g, '') ?? null, notation },
      span: { start: l.start + at, end: l.start + m.index + m[0].length },
      line: l.index,
    };
  }
  return null;
}

/** The type abbreviation from the notation ("TB-VP" → TB); công văn have none (Phụ lục III). */
export function docTypeFromNotation(notation: string | null): string | null {
  if (!notation) return null;
  // A party notation names its type before the slash ("TB/TU"), a state one after ("TB-VP").
  const party = /^([A-ZĐ][A-Za-zĐđ]*)\//u.exec(notation)?.[1];
  if (party && DOC_TYPE_CODES.has(party)) return party;
  const parts = notation.split('/').pop()?.split('-') ?? [];
  const head = parts[0] ?? '';
  if (DOC_TYPE_CODES.has(head)) return head;
  const ci = CODES_BY_LOWER.get(head.toLowerCase());
  if (ci) return ci;
  return parts.length >= 2 ? 'CV' : null;
}

/**
 * The type codes by their lower case, the first in DOC_TYPE_CODES' order where two share
 * one: what a search of the codes for the first with the same lower case finds.
 */
const CODES_BY_LOWER = new Map<string, string>();
for (const c of DOC_TYPE_CODES)
  if (!CODES_BY_LOWER.has(c.toLowerCase())) CODES_BY_LOWER.set(c.toLowerCase(), c);

const TYPE_LINE_RE = new RegExp(`^(?:${Object.keys(DOC_TYPES).join('|')})(?:\\s+KẾT LUẬN)?$`, 'u');

/**
 * The type names' first two characters, as one number: TYPE_LINE_RE matches only a line that
 * opens with one of them. Null (no precheck) unless every name is plain capitals and spaces,
 * which the regex reads literally.
 */
const TYPE_NAME_OPENINGS = Object.keys(DOC_TYPES).every((k) => /^\p{Lu}[\p{Lu} ]+$/u.test(k))
  ? new Set(Object.keys(DOC_TYPES).map((k) => k.charCodeAt(0) * 0x10000 + k.charCodeAt(1)))
  : null;

function mayOpenTypeName(t: string): boolean {
  return TYPE_NAME_OPENINGS === null || TYPE_NAME_OPENINGS.has(t.charCodeAt(0) * 0x10000 + t.charCodeAt(1));
}

/** `s.replace(/[*#:]/g, '')`, without the regex when none of the marks is there. */
function withoutTypeMarks(s: string): string {
  return s.indexOf(':') < 0 && s.indexOf('*') < 0 && s.indexOf('#') < 0 ? s : s.replace(/[*#:]/g, '');
}

/** The type line ("THÔNG BÁO", "KẾ HOẠCH") standing alone above the subject. */
export function parseTypeLine(lines: Line[]): Found<string> | null {
  for (const l of lines) {
    // The type names are printed in capitals: a line with a small letter is none of them.
    if (!isUpperCase(l.text)) continue;
    const t = withoutTypeMarks(l.text).trim();
    if (mayOpenTypeName(t) && TYPE_LINE_RE.test(t)) {
      const key = Object.keys(DOC_TYPES).find((k) => t.startsWith(k)) as string;
      return { value: DOC_TYPES[key] as string, span: { start: l.start, end: l.end }, line: l.index };
    }
  }
  return null;
}

const PLACE_DATE_RE =
  /(\p{Lu}(?:[\p{L}.'’-]|[ -](?=\S)){1,40}?)\s*,\s*ngày\s*(\d{1,2}|[.…_\s]*)\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u;
const PLACE_DATE_NUMERIC_RE =
  /(\p{Lu}(?:[\p{L}.'’-]|[ -](?=\S)){1,40}?)\s*,\s*ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/u;

export interface PlaceDate {
  place: string;
  printedPlace: string;
  date: string | null;
  blankDay: boolean;
}

/** "Kiên Giang, ngày 18 tháng 5 năm 2021"; a blank day gives "2020-12". */
export function parsePlaceDate(lines: Line[]): Found<PlaceDate> | null {
  for (const l of lines) {
    // The place comes right before ", ngày": anchor the search there instead of trying
    // every capital letter of the line.
    // A comma, then "ngày" after it: native searches rule out most lines before the regex.
    const first = l.text.indexOf(',');
    const comma = first < 0 || l.text.indexOf('ngày', first + 1) < 0 ? -1 : l.text.search(/,\s*ngày/u);
    if (comma < 0) continue;
    const from = Math.max(0, comma - 45);
    const m = PLACE_DATE_RE.exec(l.text.slice(from)) ?? PLACE_DATE_NUMERIC_RE.exec(l.text.slice(from));
    if (!m) continue;
    const printed = placeWords((m[1] as string).trim());
    const y = +(m[4] as string);
    const mo = +(m[3] as string);
    const dayText = (m[2] as string).trim();
    const d = /^\d+$/.test(dayText) ? +dayText : null;
    let date: string | null = null;
    if (d !== null && isValidYMD(y, mo, d)) date = iso(y, mo, d);
    else if (d === null && mo >= 1 && mo <= 12) date = `${y}-${String(mo).padStart(2, '0')}`;
    const at = l.text.indexOf(printed, from + m.index);
    return {
      value: { place: canonicalPlace(printed), printedPlace: printed, date, blankDay: d === null },
      span: { start: l.start + at, end: l.start + from + m.index + m[0].length },
      line: l.index,
    };
  }
  return null;
}

/**
 * The place is the last words before ", ngày": when OCR ran the header's columns together
 * ("Số: 12/TB-UBND Hà Nội, ngày ..."), drop the notation's code words before the place.
 */
function placeWords(printed: string): string {
  const words = printed.split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && /[\d/]|^[A-ZĐ]+(?:-[A-ZĐ]+)+$/u.test(words[k] as string)) k++;
  return words.slice(k).join(' ');
}

/**
 * Canonical spelling of a place: provinces from the gazetteer, others (wards, communes,
 * districts) as printed, in the capitals of a place name — every syllable capitalised
 * (Decree 30/2020, Phụ lục II), so "HÒA XUÂN" reads "Hòa Xuân".
 */
export function canonicalPlace(printed: string): string {
  const clean = foldSpaces(printed);
  const p = lookupProvince(clean);
  if (!p) return placeCapitals(clean);
  if (/^(?:TP\.?|Thành phố)\s/iu.test(clean)) return `Thành phố ${p.name}`;
  return p.name;
}

/** "HÒA XUÂN" → "Hòa Xuân"; a name printed in mixed case, and abbreviations ("TP."), are kept. */
function placeCapitals(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .split(' ')
    .map((w) => (w.includes('.') ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}

const NATIONAL_MOTTO = /CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-\s*Tự do|ĐỘC LẬP|^-+$/u;

const BODY_HEAD = /^(?:VĂN PHÒNG|SỞ|BAN|PHÒNG|CHI CỤC|TRUNG TÂM)(?![\p{L}])/u;

/**
 * The issuing body from the block above the number: "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NAM"
 * (Decree 30/2020, Phụ lục I: tên cơ quan chủ quản above tên cơ quan ban hành).
 */
export function parseIssuerBlock(lines: Line[], numberLine: number | null): Found<string> | null {
  const block: Line[] = [];
  // The block's lines as read: the left column, without markup.
  const texts: string[] = [];
  for (const l of lines) {
    if (numberLine !== null && l.index >= numberLine) break;
    // Two-column layouts (pdftotext -layout) put the motto beside the issuer: keep the left column.
    // (A plain line is its own left column, without markup.)
    const plain = isPlain(l.text);
    const left = plain ? l.text : leftColumn(l.text);
    if (NATIONAL_MOTTO.test(left)) continue;
    if (/ngày|Số\s*:/u.test(left)) break;
    const t = (plain ? left : withoutMarkup(left)).trim();
    if (t.length >= 3 && isUpperCase(t) && hasCapital(t) && t.length < 80) {
      block.push(l);
      texts.push(t);
    } else if (block.length) break;
  }
  if (block.length === 0) return null;
  // "UBND TỈNH X" / "SỞ Y TẾ" (the governing body may take two lines, "ỦY BAN NHÂN DÂN" /
  // "THÀNH PHỐ X", and the issuer's name wrap): the issuer is the lower part, from the last
  // line that opens a body, within the upper's place. A Văn phòng belongs to the UBND
  // itself; a Sở only to the province.
  let name = texts.join(' ');
  let k = texts.length - 1;
  while (k > 0 && !BODY_HEAD.test(texts[k] as string)) k--;
  if (k > 0) {
    const lower = texts.slice(k).join(' ');
    const upper = texts.slice(0, k).join(' ');
    if (/^VĂN PHÒNG/u.test(lower)) name = `${lower} ${upper}`;
    else {
      const place = upper.replace(/^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+/u, '');
      // "BAN CHỈ ĐẠO ... TỈNH" under "UBND TỈNH X": the unit is named once.
      const unit = /\s(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)$/u.exec(lower);
      name = `${unit && place.startsWith(`${unit[1]} `) ? lower.slice(0, unit.index) : lower} ${place}`;
    }
  }
  if (name.includes('UBND')) name = name.replace(/(?<![\p{L}])UBND(?![\p{L}])/u, 'ỦY BAN NHÂN DÂN');
  const first = block[0] as Line;
  const last = block[block.length - 1] as Line;
  return { value: titleCaseAgency(name), span: { start: first.start, end: last.end }, line: first.index };
}

const SUBJECT_STOP =
  /^(?:Ngày|Sáng|Chiều|Tối|Hôm nay|Căn cứ|Thực hiện|Kính gửi|Theo|Vừa qua|Trong|Sau khi|Tham dự|Dự họp|Tại|Chiều ngày|Sáng ngày|Thời gian)(?![\p{L}])/u;

/**
 * Trích yếu: the lines after the type line, or in a công văn the "V/v ..." lines under the
 * number, up to the body. "V/v" is part of a công văn's trích yếu as printed (Decree
 * 30/2020, Phụ lục I) and is kept.
 */
export function parseSubject(lines: Line[], typeLine: number | null, after: number): Found<string> | null {
  let i = lines.findIndex((l) => (typeLine !== null ? l.index > typeLine : l.index > after));
  if (typeLine === null) {
    const vv = lines.findIndex((l) => /^V\/v\b|^Về việc\b/u.test(l.text));
    if (vv < 0) return null;
    i = vv;
  }
  if (i < 0) return null;
  const parts: Line[] = [];
  for (let k = i; k < lines.length; k++) {
    const l = lines[k] as Line;
    if (parts.length > 0 && l.opensBlock) break;
    if (opensRule(l.text) && /^[-_*=]{3,}$/.test(l.text)) break;
    if (parts.length > 0 && SUBJECT_STOP.test(l.text)) break;
    if (opensStampWord(l.text) && /^(?:ĐẾN|Số\s*:|Ngày\s*:)/u.test(l.text)) continue;
    parts.push(l);
    if (parts.length >= 4) break;
  }
  if (parts.length === 0) return null;
  const first = parts[0] as Line;
  if (SUBJECT_STOP.test(first.text) && first.text.length > 200) return null;
  const last = parts[parts.length - 1] as Line;
  const value = foldSpaces(parts.map((l) => l.text).join(' '));
  return { value, span: { start: first.start, end: last.end }, line: last.index };
}

/** The incoming stamp: "SỞ ... / ĐẾN Lúc: ... / Số: 1203 Ngày: 5/3/24". */
export function parseReceived(lines: Line[]): Found<Received> | null {
  // "ĐẾN", "CÔNG VĂN ĐẾN", or the stamp's own lines "Số đến: 123" / "Ngày đến: 5/3/24".
  let k = 0;
  while (k < lines.length && !isStampLine((lines[k] as Line).text)) k++;
  if (k === lines.length) return null;
  const stamp = lines.slice(k, k + 4);
  let number: string | null = null;
  let date: string | null = null;
  for (const l of stamp) {
    const n = /Số\s*(?:đến)?\s*[:.]?\s*(\d{1,7})(?!\d)(?!\s*\/)/u.exec(l.text);
    if (n && !number) number = n[1] as string;
    const d = /Ngày\s*(?:đến)?\s*[:.]?\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})/u.exec(l.text);
    if (d && !date) {
      const y = fullYear(+(d[3] as string));
      const mo = +(d[2] as string);
      const dd = +(d[1] as string);
      if (isValidYMD(y, mo, dd)) date = iso(y, mo, dd);
    }
  }
  if (!number && !date) return null;
  const prev = lines[k - 1];
  const byText = prev && isUpperCase(prev.text) && prev.text.length < 90 ? prev.text : null;
  const first = byText && prev ? prev : (lines[k] as Line);
  const last = stamp[stamp.length - 1] as Line;
  return {
    value: { by: byText ? titleCaseAgency(withoutMarkup(byText)) : null, number, date },
    span: { start: first.start, end: last.end },
    line: k,
  };
}

/**
 * A line of the stamp's head: "ĐẾN" as a word, or "Số đến:" opening the line. Native
 * prechecks first: the first needs "ĐẾN" in the line, the second an opening S, s or ſ (the
 * only letters that `/^S/iu` matches) then ố or Ố.
 */
function isStampLine(text: string): boolean {
  if (text.length >= 80) return false;
  if (text.includes('ĐẾN') && /(?:^|\s)ĐẾN(?:\s|$|:)/u.test(text)) return true;
  const c = text.charCodeAt(0);
  const o = text.charCodeAt(1);
  return (
    (c === 0x53 || c === 0x73 || c === 0x17f) && (o === 0x1ed1 || o === 0x1ed0) && /^Số đến\s*:/iu.test(text)
  );
}

/** `/\p{Lu}/u.test(s)`: true at once when `s` opens with A–Z (the usual capital line). */
function hasCapital(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || /\p{Lu}/u.test(s);
}

/** Whether a line may be a rule (/^[-_*=]{3,}$/): it opens with one of - _ * =. */
function opensRule(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 0x2d || c === 0x5f || c === 0x2a || c === 0x3d;
}

/** Whether a line may open with "ĐẾN", "Số:" or "Ngày:": it opens with Đ, S or N. */
function opensStampWord(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 0x110 || c === 0x53 || c === 0x4e;
}

/** True when two printed place names differ only by OCR slips of diacritics. */
export function placeCorrected(printed: string, canonical: string): boolean {
  return printed !== canonical && asciiKey(printed) === asciiKey(canonical);
}
