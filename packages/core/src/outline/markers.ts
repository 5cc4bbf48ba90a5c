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

/** The patterns a line opening on a character can match: a digit is never tried as a letter. */
const BY_FIRST = new Map<string, (typeof PATTERNS)[number][]>();
for (const p of PATTERNS)
  for (const c of p[1]) {
    const list = BY_FIRST.get(c);
    if (list) list.push(p);
    else BY_FIRST.set(c, [p]);
  }

/**
 * What every pattern above needs at the start of the line: one test rules out the many
 * lines that open with a word, before the patterns are tried one by one.
 */
const MAY_BE_MARKER =
  /^(?:[\d\-–—−+*•●○◦▪■□➢➤✓]|\((?:\d|[a-zđ]\))|(?:[IVX]{1,4}|[a-zđA-ZĐ])\s*[.)/]|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười|Thứ)\s)/u;

/** A rule under the subject or between parts ("-----", "___", "* * *"): no item. */
const RULE_LINE = /^[-–—−_=*~•.\s]{3,}$/u;

/**
 * Whether MAY_BE_MARKER can match, settled for most lines by their first two characters: a
 * line that opens with a letter is an item only as a letter or roman numeral before a
 * space or [.)/], or as a number word ("Một", "Thứ").
 */
function mayBeMarker(text: string): boolean {
  const c = text.charCodeAt(0);
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x110 || c === 0x111;
  if (letter) {
    const d = text.charCodeAt(1);
    const closes = isSpace(d) || d === 46 || d === 41 || d === 47; // . ) /
    if (!closes && !(roman(c) && roman(d)) && !NUMBER_WORD_OPENINGS.has(text.slice(0, 2))) return false;
  }
  return MAY_BE_MARKER.test(text);
}
/** I, V, X. */
const roman = (k: number) => k === 73 || k === 86 || k === 88;
/** The first two letters of MAY_BE_MARKER's number words. */
const NUMBER_WORD_OPENINGS = new Set(['Mộ', 'Ha', 'Ba', 'Bố', 'Nă', 'Sá', 'Bả', 'Tá', 'Ch', 'Mư', 'Th']);

export function readMarker(text: string): Marker | null {
  if (!mayBeMarker(text) || RULE_LINE.test(text)) return null;
  for (const [type, , re] of BY_FIRST.get(text.charAt(0)) ?? []) {
    const m = re.exec(text);
    if (!m) continue;
    const label = m[1] as string;
    if (type === 'numN') {
      const depth = label.split('.').length;
      const t = (['num1', 'num2', 'num3', 'num4'] as const)[Math.min(depth, 4) - 1] as MarkerType;
      return { type: t, label, length: m[0].length };
    }
    return { type, label, length: m[0].length };
  }
  return null;
}
