/** Sentence case for names printed in capitals ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"). */
import { DEPARTMENT_NAMES } from '../agencies/lexicon.ts';
import { PROVINCES } from '../gazetteer/provinces.ts';
import { asciiKey, execAtWordStart, foldSpaces, letterBefore } from '../text/fold.ts';

const PROPER: string[] = [
  ...DEPARTMENT_NAMES,
  ...PROVINCES.flatMap((p) => [p.name, ...p.aliases]),
  'Ủy ban nhân dân',
  'Hội đồng nhân dân',
  'Văn phòng',
  'Tỉnh ủy',
  'Trung ương',
  'Việt Nam',
].sort((a, b) => b.length - a.length);

const escapeRe = (s: string) => s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * One pass over the lower-cased name finds every proper name in it, longest first, each
 * at a word start (checked by execAtWordStart: a leading lookbehind costs V8 the scan ahead).
 */
const PROPER_RE = new RegExp(`(?:${PROPER.map(escapeRe).join('|')})(?![\\p{L}])`, 'gu');
/** A province's other spellings that differ only in diacritics ("Thanh Hoá") take its own. */
const CANONICAL = new Map(PROPER.map((p) => [p.toLowerCase(), p]));
for (const p of PROVINCES)
  for (const a of p.aliases) if (asciiKey(a) === asciiKey(p.name)) CANONICAL.set(a.toLowerCase(), p.name);

/** Every proper name in a lower-cased name in its own spelling ("quảng nam" → "Quảng Nam"). */
function canonicalProperNames(s: string): string {
  if (!PROPER_BY_FIRST) return canonicalProperNamesByRegex(s);
  let out = '';
  let done = 0;
  for (let q = 0; q < s.length; q++) {
    const c = s.charCodeAt(q);
    const candidates = c < PROPER_BY_FIRST.length ? PROPER_BY_FIRST[c] : undefined;
    if (candidates === undefined || !wordStartsAt(s, q)) continue;
    const name = properNameAt(s, q, candidates);
    if (name === undefined) continue;
    out += s.slice(done, q) + (CANONICAL.get(name) ?? name);
    done = q + name.length;
    q = done - 1;
  }
  return done === 0 ? s : out + s.slice(done);
}

/**
 * PROPER_RE's alternatives in small letters, by the code of their first character, each list
 * in the alternation's order: the first of a list that matches at a position is what the
 * regex matches there. Null when an alternative is empty or holds a surrogate, which a
 * search by first character would not read as the regex does: the regex is used then.
 */
const PROPER_BY_FIRST = ((): (string[] | undefined)[] | null => {
  const lists: (string[] | undefined)[] = [];
  for (const p of PROPER) {
    const alt = p.toLowerCase();
    if (alt.length === 0 || /[\ud800-\udfff]/.test(alt)) return null;
    const c = alt.charCodeAt(0);
    lists[c] ??= [];
    (lists[c] as string[]).push(alt);
  }
  return Array.from(lists);
})();

/** The first of `candidates` printed at `q` and followed by no letter (PROPER_RE's `(?![\p{L}])`). */
function properNameAt(s: string, q: number, candidates: readonly string[]): string | undefined {
  // The second character rules out most candidates before a native comparison.
  const second = s.charCodeAt(q + 1);
  for (const name of candidates) {
    if (name.length > 1 && name.charCodeAt(1) !== second) continue;
    if (s.startsWith(name, q) && !letterAt(s, q + name.length)) return name;
  }
  return undefined;
}

/** Whether the code point at `i` is a letter (a pair of surrogates read as one). */
function letterAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCodePoint(s.codePointAt(i) as number));
}

/**
 * Whether no letter comes before `q`, as execAtWordStart tests it (its letterBefore), with the
 * letters of Vietnamese answered without a regex: À–ÿ but × ÷, U+0100–U+024F and Ạ–ỹ are all
 * letters.
 */
function wordStartsAt(s: string, q: number): boolean {
  if (q === 0) return true;
  const c = s.charCodeAt(q - 1);
  if (c < 0x80) return !((c >= 65 && c <= 90) || (c >= 97 && c <= 122));
  if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1ea0 && c <= 0x1ef9)) return false;
  return !letterBefore(s, q);
}

const LETTER = /\p{L}/u;

/** The same with the regex, for a list of proper names that the search above cannot take. */
function canonicalProperNamesByRegex(s: string): string {
  let out = '';
  let done = 0;
  PROPER_RE.lastIndex = 0;
  for (let m = execAtWordStart(PROPER_RE, s); m; m = execAtWordStart(PROPER_RE, s)) {
    out += s.slice(done, m.index) + (CANONICAL.get(m[0]) ?? m[0]);
    done = m.index + m[0].length;
  }
  return done === 0 ? s : out + s.slice(done);
}

const HEADS = [
  // A steering or command committee is named by its type (Decree 30/2020, Phụ lục II).
  'Ban Chỉ đạo',
  'Ban Chỉ huy',
  'Sở',
  'Ban',
  'Bộ',
  'Cục',
  'Chi cục',
  'Phòng',
  'Trung tâm',
  'Đài',
  'Báo',
  'Công an',
  'Văn phòng',
];

const HEAD_PREFIXES = HEADS.map((h) => [h, `${h.toLowerCase()} `] as const);

/** "SỞ THÔNG TIN VÀ TRUYỀN THÔNG QUẢNG NAM" → "Sở Thông tin và Truyền thông Quảng Nam". */
export function titleCaseAgency(upper: string): string {
  let s = upper.toLowerCase();
  // Old tone placement of "Ủy ban" ("UỶ BAN"), as in the national motto's "CỘNG HOÀ".
  if (s.includes('uỷ ban')) s = s.replace(/(?<![\p{L}])uỷ ban(?![\p{L}])/gu, 'ủy ban');
  s = canonicalProperNames(foldSpaces(s));
  for (const [h, prefix] of HEAD_PREFIXES) {
    if (s.startsWith(prefix)) {
      s = h + s.slice(h.length);
      // "Ban Chỉ đạo Phòng thủ dân sự": the committee's field opens with a capital.
      if (h.startsWith('Ban ')) s = capitaliseFieldAt(s, h.length + 1);
      break;
    }
  }
  s = capitalisePlaceName(s);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Administrative units: the proper name after the last of them is a place's name, every
 * syllable capitalised — "ủy ban nhân dân phường hòa xuân" → "... phường Hòa Xuân".
 * Units are found at word starts by execAtWordStart.
 */
const UNIT_RE = /(?:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã(?! hội)|phường)(?=\s+\S)/gu;

function capitalisePlaceName(s: string): string {
  UNIT_RE.lastIndex = 0;
  let end = -1;
  for (let m = execAtWordStart(UNIT_RE, s); m; m = execAtWordStart(UNIT_RE, s)) end = m.index + m[0].length;
  if (end < 0) return s;
  const rest = s.slice(end);
  // Only a run of words to the end is a name: a phrase ("tỉnh về ...") or "(cũ)" is not.
  if (!/^(?:\s+[\p{L}\d]+(?:-[\p{L}\d]+)*)+$/u.test(rest) || /\s(?:và|về|của|các)(?:\s|$)/u.test(rest))
    return s;
  return (
    s.slice(0, end) + rest.replace(/(\s|-)(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase())
  );
}

/** Capitalises the word at `at` unless it is a unit word or no word ("Ban Chỉ đạo 389"). */
function capitaliseFieldAt(s: string, at: number): string {
  const word = /^\p{Ll}+/u.exec(s.slice(at))?.[0];
  if (!word || /^(?:tỉnh|thành|huyện|quận|thị|xã|phường|về|các|của)$/u.test(word)) return s;
  return s.slice(0, at) + word.charAt(0).toUpperCase() + s.slice(at + 1);
}
