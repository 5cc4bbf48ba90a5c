/**
 * List markers of Vietnamese administrative writing and their usual nesting
 * (Decree 30/2020, Phụ lục I, mục II.7: phần, chương, mục, điều, khoản, điểm —
 * in practice I. / 1. / 1.1. / a) / - / +).
 */

import { isSpace } from '../text/fold.ts';

export type MarkerType =
  | 'roman'
  | 'upper'
  | 'num1'
  | 'num2'
  | 'num3'
  | 'num4'
  | 'alpha'
  | 'ordinal'
  | 'paren'
  | 'dash'
  | 'plus'
  | 'star';

export interface Marker {
  type: MarkerType;
  /** The label as written: "2.1", "đ", "II", "-". */
  label: string;
  /** Characters the marker and its following spaces take. */
  length: number;
}

/** Usual depth of each marker; a marker never opens inside one of a deeper rank. */
export const RANK: Record<MarkerType, number> = {
  roman: 0,
  upper: 1,
  num1: 2,
  num2: 3,
  num3: 4,
  num4: 5,
  alpha: 6,
  ordinal: 6,
  // "(1)", "(a)": items under a numbered or lettered one ("1. Giao Chi cục …:" / "(1) …").
  paren: 6.5,
  dash: 7,
  plus: 8,
  star: 9,
};

export const isBullet = (t: MarkerType) => t === 'dash' || t === 'plus' || t === 'star';

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyzđ';
const UPPER = LOWER.toUpperCase();

/** Each pattern with the characters its marker can open on, tried in this order. */
const PATTERNS: ReadonlyArray<[MarkerType | 'numN', string, RegExp]> = [
  ['numN', DIGITS, /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+(?=\S)/u],
  ['num1', DIGITS, /^(\d{1,2})\s*[.)/]\s*(?=\p{L}|["“(])/u],
  ['roman', 'IVX', /^([IVX]{1,4})\s*[.)]\s+(?=\S)/u],
  // The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
  ['alpha', LOWER, /^([a-zđ])\s*[)./]\s+(?=\S)/u],
  ['upper', UPPER, /^([A-ZĐ])\s*[.)]\s+(?=\p{Lu})/u],
  [
    'ordinal',
    'MHBNSTC',
    /^((?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:]\s*/u,
  ],
  ['paren', '(', /^(\((?:\d{1,2}|[a-zđ])\))\s*(?=\S)/u],
  ['dash', '-–—−', /^([-–—−])\s*(?=\S)/u],
  ['plus', '+', /^(\+)\s*(?=\S)/u],
  ['star', '*•●○◦▪■□➢➤✓', /^([*•●○◦▪■□➢➤✓])\s*(?=\S)/u],
];

type Pattern = (typeof PATTERNS)[number];

/**
 * The patterns a line opening on a character can match, by the character's code (all are
 * single UTF-16 units): a digit is never tried as a letter. No pattern for the first
 * character, no marker.
 */
const BY_FIRST: (Pattern[] | null)[] = [];
for (const p of PATTERNS)
  for (const c of p[1]) {
    const k = c.charCodeAt(0);
    while (BY_FIRST.length <= k) BY_FIRST.push(null);
    const list = BY_FIRST[k];
    if (list) list.push(p);
    else BY_FIRST[k] = [p];
  }

/**
 * What every pattern above needs at the start of the line: one test rules out the many
 * lines that open with a word, before the patterns are tried one by one.
 */
const MAY_BE_MARKER =
  /^(?:[\d\-–—−+*•●○◦▪■□➢➤✓]|\((?:\d|[a-zđ]\))|(?:[IVX]{1,4}|[a-zđA-ZĐ])\s*[.)/]|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười|Thứ)\s)/u;

/**
 * A rule under the subject or between parts ("-----", "___", "* * *"): no item. It is
 * `/^[-–—−_=*~•.\s]{3,}$/u` read as a loop: every character of the set is one UTF-16 unit,
 * so the line is a rule when it has at least three units, all of them in the set.
 */
function isRuleLine(text: string): boolean {
  if (text.length < 3) return false;
  for (let k = 0; k < text.length; k++) if (!isRuleChar(text.charCodeAt(k))) return false;
  return true;
}

/** - – — − _ = * ~ • . and the spaces. */
function isRuleChar(c: number): boolean {
  if (c < 0x80) return c === 45 || c === 95 || c === 61 || c === 42 || c === 126 || c === 46 || isSpace(c);
  return c === 0x2013 || c === 0x2014 || c === 0x2212 || c === 0x2022 || isSpace(c);
}

/**
 * Whether MAY_BE_MARKER can match, settled for most lines by their first two characters: a
 * line that opens with a letter is an item only as a letter or roman numeral before a
 * space or [.)/], or as a number word ("Một", "Thứ"); one that opens with a digit always can.
 */
function mayBeMarker(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x110 || c === 0x111;
  if (letter) {
    const d = text.charCodeAt(1);
    const closes = isSpace(d) || d === 46 || d === 41 || d === 47; // . ) /
    if (!closes && !(roman(c) && roman(d)) && !NUMBER_WORD_OPENINGS.has(c * 0x10000 + d)) return false;
  }
  return MAY_BE_MARKER.test(text);
}
/** I, V, X. */
const roman = (k: number) => k === 73 || k === 86 || k === 88;
/** The first two letters of MAY_BE_MARKER's number words, as their two codes in one number. */
const NUMBER_WORD_OPENINGS = new Set(
  ['Mộ', 'Ha', 'Ba', 'Bố', 'Nă', 'Sá', 'Bả', 'Tá', 'Ch', 'Mư', 'Th'].map(
    (w) => w.charCodeAt(0) * 0x10000 + w.charCodeAt(1),
  ),
);

/**
 * A bullet's pattern, `^([-–—−])\s*(?=\S)` and the like, read without a regex: the bullet,
 * the spaces after it, and then something else than a space, else no marker.
 */
function readBullet(text: string, type: MarkerType): Marker | null {
  let k = 1;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  return k < text.length ? { type, label: text.charAt(0), length: k } : null;
}

/**
 * The alpha pattern, `^([a-zđ])\s*[)./]\s+(?=\S)`, read by hand on a line that opens with a
 * small letter: each part has one way to match (where the pattern backs off, a space stands
 * where [)./] or \S must).
 */
function readLetter(text: string): Marker | null {
  let k = 1;
  while (isSpace(text.charCodeAt(k))) k++;
  const close = text.charCodeAt(k);
  if (close !== 41 && close !== 46 && close !== 47) return null; // ) . /
  k++;
  if (!isSpace(text.charCodeAt(k))) return null;
  while (isSpace(text.charCodeAt(k))) k++;
  return k < text.length ? { type: 'alpha', label: text.charAt(0), length: k } : null;
}

/**
 * "2.1", "12.3.4": what the numN pattern needs after its first number, a '.' and a digit.
 * A line that lacks them is tried as "1." or "1)" only.
 */
function mayBeDotted(text: string): boolean {
  const dot =
    text.charCodeAt(1) === 46 ? 1 : isDigit(text.charCodeAt(1)) && text.charCodeAt(2) === 46 ? 2 : -1;
  return dot > 0 && isDigit(text.charCodeAt(dot + 1));
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The num1 pattern, `^(\d{1,2})\s*[.)/]\s*(?=\p{L}|["“(])`, read by hand: each part has one way
 * to match (a third digit, or a space where [.)/] or the lookahead stands, fails whatever
 * the pattern backs off to). The lookahead is left to the pattern past ASCII.
 */
function readNumber(text: string, re: RegExp): Marker | null {
  let k = isDigit(text.charCodeAt(1)) ? 2 : 1;
  if (isDigit(text.charCodeAt(k))) return null;
  const label = text.slice(0, k);
  while (isSpace(text.charCodeAt(k))) k++;
  const close = text.charCodeAt(k);
  if (close !== 46 && close !== 41 && close !== 47) return null; // . ) /
  k++;
  while (isSpace(text.charCodeAt(k))) k++;
  const next = text.charCodeAt(k);
  if (next >= 0x80 && !isLatinLetter(next)) {
    const m = re.exec(text);
    return m ? { type: 'num1', label: m[1] as string, length: m[0].length } : null;
  }
  const opens =
    next >= 0x80 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 34 || next === 40; // " (
  return opens ? { type: 'num1', label, length: k } : null;
}

/**
 * Latin-1 letters (but × and ÷), Latin Extended-A and -B, and Latin Extended Additional
 * (ạ–ỹ): letters (\p{L}) all of them, the ones Vietnamese items open with.
 */
function isLatinLetter(c: number): boolean {
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}

const NUMBERED_BY_DEPTH = ['num1', 'num2', 'num3', 'num4'] as const;

export function readMarker(text: string): Marker | null {
  const c = text.charCodeAt(0);
  const patterns = c < BY_FIRST.length ? BY_FIRST[c] : null; // NaN (an empty line) is not < length
  if (!patterns) return null;
  // A bullet opens only its own pattern, and MAY_BE_MARKER matches every bullet.
  // Read by index: destructuring goes through the array iterator.
  const kind = (patterns[0] as Pattern)[0];
  if (patterns.length === 1 && (kind === 'dash' || kind === 'plus' || kind === 'star'))
    return isRuleLine(text) ? null : readBullet(text, kind);
  // A small letter opens the alpha pattern only; where it matches, MAY_BE_MARKER does too,
  // and no rule opens on a letter.
  if (patterns.length === 1 && kind === 'alpha') return readLetter(text);
  if (!mayBeMarker(text) || isRuleLine(text)) return null;
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p] as Pattern;
    const type = pattern[0];
    const re = pattern[2];
    if (type === 'numN' && !mayBeDotted(text)) continue;
    if (type === 'num1') {
      const marker = readNumber(text, re);
      if (marker) return marker;
      continue;
    }
    const m = re.exec(text);
    if (!m) continue;
    const label = m[1] as string;
    if (type === 'numN') {
      // The depth is the count of the label's numbers: its dots and one.
      let depth = 1;
      for (let k = label.indexOf('.'); k >= 0; k = label.indexOf('.', k + 1)) depth++;
      return { type: NUMBERED_BY_DEPTH[Math.min(depth, 4) - 1] as MarkerType, label, length: m[0].length };
    }
    return { type, label, length: m[0].length };
  }
  return null;
}
