/**
 * Parsers for the closing components (Decree 30/2020, Art. 8, Phụ lục I):
 * the recipients list (Nơi nhận) and the signature block — authority prefix
 * (TM., KT., TL., TUQ., Q.), the signer's title and name.
 */
import type { Line } from '../document.ts';
import { isUpperCase } from '../text/caps.ts';
import { asciiKey, foldSpaces, isSpace } from '../text/fold.ts';
import { isPlain, leftColumn, rightColumn, withoutMarkup } from '../text/layout.ts';
import type { Signer, Span } from '../types.ts';
import type { Found } from './header.ts';
import { isPersonName, mayOpenName, trailingName } from './names.ts';

const RECIPIENTS_HEAD = /^N[ơo]i\s*nh[ậa]n\s*:?\s*/iu;
/** TM. KT. TL. TUQ. Q. (Decree 30/2020, Phụ lục I); T/M, K/T, T/L in the Party's documents. */
const AUTHORITY_LINE = /^(?:(?:TM|KT|TL|TUQ|Q|Q\.\s*|TTL)\.\s*|(?:T\/M|K\/T|T\/L)\s+)\S/u;
const SEMICOLON = 0x3b;
const FULL_STOP = 0x2e;

/** Whether a line opens with a list mark, one of - + • * – (the test of /^[-+•*–]/u). */
function opensItem(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 0x2d || c === 0x2b || c === 0x2022 || c === 0x2a || c === 0x2013;
}

/** AUTHORITY_LINE, tried only on lines opening with T, K or Q: its alternatives all do. */
function isAuthorityLine(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c === 0x54 || c === 0x4b || c === 0x51) && AUTHORITY_LINE.test(s);
}

/**
 * Where the run of white space and ; , . that ends `s` begins: `s.slice(0, end)` is
 * `s.replace(/[\s;,.]+$/u, '')`.
 */
function endBeforePunctuation(s: string): number {
  let e = s.length;
  for (; e > 0; e--) {
    const c = s.charCodeAt(e - 1);
    if (c !== SEMICOLON && c !== FULL_STOP && c !== 0x2c && !isSpace(c)) break;
  }
  return e;
}

export interface Recipients {
  entries: string[];
  /** A signer's name glued to the last entry by OCR ("Lưu: VT, TH. Trần Minh Khoa"). */
  gluedName: string | null;
  endLine: number;
}

export function findRecipientsHead(lines: Line[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = (lines[i] as Line).text;
    if (opensWithN(text) && RECIPIENTS_HEAD.test(text)) return i;
  }
  return -1;
}

/** Whether `s` opens with N or n, the only letters that `/^N/iu` matches (none folds to n). */
function opensWithN(s: string): boolean {
  return (s.charCodeAt(0) | 0x20) === 0x6e;
}

/** One entry a line; list marks and trailing ';' removed; lines that OCR split rejoined. */
export function parseRecipients(lines: Line[], head: number): Found<Recipients> | null {
  const h = lines[head];
  if (!h) return null;
  const entries: string[] = [];
  // In a two-column footer the head line's right column is the signature block.
  const rest = leftColumn(h.text).replace(RECIPIENTS_HEAD, '').trim();
  let k = head + 1;
  const pending: string[] = rest ? [rest] : [];
  let last = h;
  for (; k < lines.length; k++) {
    const l = lines[k] as Line;
    // Two-column layouts put the signer beside the list: keep the left column.
    // A plain line is its own left column, without markup.
    const plain = isPlain(l.text);
    const left = plain ? l.text : leftColumn(l.text);
    const marked = opensItem(left);
    if (
      isAuthorityLine(left) ||
      (plain ? isCleanSignerTitle(left.trim()) : isSignerTitle(left)) ||
      (!marked && isPersonName(plain || left.indexOf('*') < 0 ? left : left.replace(/[*]/g, '')))
    )
      break;
    if (l.opensBlock && !marked && pending.length > 0) break;
    pending.push(left);
    last = l;
  }
  for (const raw of pending) {
    const marked = opensItem(raw);
    // The mark goes, and trim() takes the white space after it (as /^[-+•*–]\s*/u would).
    const text = (marked ? raw.slice(1) : raw).trim();
    if (!text) continue;
    const prev = entries[entries.length - 1];
    // A line that starts in lower case continues the entry above it (OCR split the line).
    // (`prev` is never empty: its last character is that of /[;.]$/ and /[;]$/.)
    const prevEnd = prev === undefined ? 0 : prev.charCodeAt(prev.length - 1);
    if (
      prev !== undefined &&
      (opensLowerCase(text) || (!marked && prevEnd !== SEMICOLON && prevEnd !== FULL_STOP)) &&
      prevEnd !== SEMICOLON
    ) {
      entries[entries.length - 1] = `${prev} ${text}`;
    } else entries.push(text);
  }
  let gluedName: string | null = null;
  const cleaned: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    let t = entries[i] as string;
    // The archive line "Lưu: ..." may end with the signer's name (the cheap test first).
    if (i === entries.length - 1 && /^Lưu\b/u.test(t)) {
      const g = trailingName(t);
      if (g) {
        gluedName = g.name;
        t = t.slice(0, g.index);
      }
    }
    t = t.slice(0, endBeforePunctuation(t)).trim();
    if (t) cleaned.push(t);
  }
  return {
    value: { entries: cleaned, gluedName, endLine: last.index },
    span: { start: h.start, end: last.end },
    line: head,
  };
}

const TITLE_WORDS =
  /^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|THỦ TRƯỞNG|TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHÁNH THANH TRA|GIÁM ĐỐC SỞ|CHỦ NHIỆM)\b/u;

function isSignerTitle(s: string): boolean {
  return isCleanSignerTitle(withoutMarkup(s).trim());
}

/** isSignerTitle of a text already without markup and trimmed. */
function isCleanSignerTitle(t: string): boolean {
  return t.length <= 60 && isUpperCase(t) && TITLE_WORDS.test(t);
}

/**
 * What the seal prints, read as lines among the title's: its ring between stars, or the
 * issuing body's name, which a signer's title never goes on with (Decree 30/2020, Phụ lục I:
 * the title is the office alone, "PHÓ CHÁNH VĂN PHÒNG", the body stands in the authority line).
 */
const SEAL_RING = /^\s*\*.*\*\s*$/u;
const SEAL_NAME = /^(?:VĂN PHÒNG|ỦY BAN|UỶ BAN|UBND|SỞ|BỘ|HỘI ĐỒNG|ĐẢNG ỦY|ĐẢNG UỶ)(?![\p{L}])/u;

/** SEAL_RING, which needs a star. */
function isSealRing(s: string): boolean {
  return s.indexOf('*') >= 0 && SEAL_RING.test(s);
}

/** SEAL_NAME, tried on lines opening with V, Ủ, U, S, B, H or Đ: its words all do. */
function isSealName(s: string): boolean {
  const c = s.charCodeAt(0);
  return (
    (c === 0x56 || c === 0x1ee6 || c === 0x55 || c === 0x53 || c === 0x42 || c === 0x48 || c === 0x110) &&
    SEAL_NAME.test(s)
  );
}

/**
 * The signer's name on a line: "(Đã ký) Nguyễn Văn An", or in capitals ("NGUYỄN VĂN AN"),
 * which reads as the same name in title case.
 */
const OFFICE_WORDS =
  /CHỦ TỊCH|GIÁM ĐỐC|VĂN PHÒNG|TRƯỞNG|BÍ THƯ|ỦY BAN|UỶ BAN|THƯỜNG TRỰC|CHÁNH|THANH TRA|CHỦ NHIỆM|Chủ tịch|Giám đốc|Văn phòng|Chủ nhiệm/u;

/**
 * The same offices in a block that OCR printed without diacritics ("PHO CHANH VAN PHONG"):
 * read on the folded line, where they open it, since bare "Van Phong" may end a name.
 */
const BARE_OFFICE =
  /^(?:pho|chanh|chu tich|giam doc|bi thu|thu truong|truong (?:ban|phong)|uy ban|van phong|thuong truc)(?: |$)/;

/**
 * Whether "(Đã ký)"/"Ký" may open `line`: it opens with "(", Đ or đ, or K, k or the Kelvin
 * sign (all that the flags iu read as K).
 */
function mayOpenSigned(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 0x28 || c === 0x110 || c === 0x111 || c === 0x4b || c === 0x6b || c === 0x212a;
}

/** `/^\p{Ll}/u.test(s)`, answered without the regex for a line opening in ASCII. */
function opensLowerCase(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return /^\p{Ll}/u.test(s);
}

function personName(line: string): string | null {
  let candidate = (mayOpenSigned(line) ? line.replace(/^\(?(?:Đã ký|Ký)\)?\s*/iu, '') : line).trim();
  // A name opens on a capital: most lines are ruled out before the office patterns run.
  if (!mayOpenName(candidate)) return null;
  if (OFFICE_WORDS.test(candidate)) return null;
  if (/^[\x20-\x7e]+$/.test(candidate) && BARE_OFFICE.test(asciiKey(candidate))) return null;
  if (isUpperCase(candidate))
    candidate = candidate
      .toLowerCase()
      .replace(/(^|\s)(\p{L})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
  return isPersonName(candidate) ? candidate : null;
}

/** The signature block, searched from the end of the document. */
export function parseSigner(lines: Line[], from: number, gluedName: string | null): Found<Signer> | null {
  let authority: string[] = [];
  let title: string[] = [];
  let name: string | null = null;
  let first: Line | null = null;
  let lastLine: Line | null = null;
  // A blank line after the title, then another title: the signer's other office ("PHÓ TRƯỞNG
  // BAN THƯỜNG TRỰC" / (blank) / "GIÁM ĐỐC SỞ ..."), which is no part of the title.
  let otherOffice = false;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const l = lines[i] as Line;
    // The last of the line's columns: the signature's side (a plain line is its own, without markup).
    const plain = isPlain(l.text);
    const raw = plain ? l.text : rightColumn(l.text);
    const t = (plain ? raw : withoutMarkup(raw)).trim();
    if (!t) continue;
    // The seal's ring read by OCR beside the title ("VĂN PHÒNG" / "* UBND TỈNH *") is no title.
    if (title.length > 0 && !name && (isSealRing(raw) || isSealName(t))) continue;
    // A name is read only where one may stand: under an authority line or a title.
    const asName: string | null = (authority.length > 0 || title.length > 0) && !name ? personName(t) : null;
    // (`t` has no markup and is trimmed.)
    if (l.opensBlock && title.length > 0 && !name && isCleanSignerTitle(t)) otherOffice = true;
    if (isAuthorityLine(t) && isUpperCase(t)) {
      if (title.length || name) {
        authority = [];
        title = [];
        name = null;
        otherOffice = false;
      }
      authority.push(foldSpaces(t));
      first ??= l;
      lastLine = l;
    } else if (asName) {
      name = asName;
      lastLine = l;
    } else if (
      !name &&
      !otherOffice &&
      (authority.length > 0 || isCleanSignerTitle(t)) &&
      isUpperCase(t) &&
      /\p{Lu}{2}/u.test(t) &&
      t.length <= 60
    ) {
      title.push(foldSpaces(t));
      first ??= l;
      lastLine = l;
    }
  }
  if (!name) {
    // The block may have lost its lines: the name glued to the archive line, or
    // standing alone as the document's last line.
    if (gluedName) name = gluedName;
    else {
      const lastL = lines[lines.length - 1];
      const t = lastL ? lastL.text.replace(/[*]/g, '').trim() : '';
      if (lastL && isPersonName(t)) {
        name = t;
        lastLine = lastL;
        first ??= lastL;
      }
    }
  }
  if (!name && authority.length === 0 && title.length === 0) return null;
  const span: Span = first && lastLine ? { start: first.start, end: lastLine.end } : { start: 0, end: 0 };
  return {
    value: {
      name,
      authority: authority.length ? authority.join(' ') : null,
      title: title.length ? title.join(' ') : null,
    },
    span,
    line: first?.index ?? lines.length - 1,
  };
}
