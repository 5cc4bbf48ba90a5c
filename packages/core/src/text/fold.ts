/**
 * Folding Vietnamese text into comparison and search keys.
 *
 * OCR and typists disagree on two things that must not matter when comparing:
 * where the tone mark sits ("hoà" vs "hòa", "uỷ" vs "ủy" — the old and the new
 * placement), and whether diacritics survived at all ("Vinh Long" for "Vĩnh Long").
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Whitespace folded to single spaces and trimmed. */
export function foldSpaces(s: string): string {
  // Most strings are folded already; testing costs far less than a replace that rebuilds them.
  const folded = s.charCodeAt(0) !== 32 && s.charCodeAt(s.length - 1) !== 32 && !NOT_FOLDED.test(s);
  return folded ? s : s.replace(/\s+/g, ' ').trim();
}
/** Whitespace other than a single space (the ends are checked apart: cheaper). */
const NOT_FOLDED = /[^\S ]| {2}/;

/**
 * `foldSpaces(s)` for text that mostly spans lines, as a paragraph's source does: a line
 * break is never folded, and its native search costs far less than the test it spares.
 */
export function foldLines(s: string): string {
  return s.indexOf('\n') >= 0 ? s.replace(/\s+/g, ' ').trim() : foldSpaces(s);
}

/** Whether the UTF-16 code `c` is one that `\s` matches (white space or a line terminator). */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `end` moved back over the spaces before it (the end of `text.slice(0, end).trimEnd()`). */
export function endBeforeSpaces(text: string, end: number): number {
  let e = end;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

const LETTER = /\p{L}/u;

/**
 * Whether the code point that ends right before `i` is a letter: what a leading
 * `(?<![\p{L}])` tests under the flag u. A low surrogate is read with the high one before
 * it, and alone when there is none (a lone surrogate is no letter).
 */
export function letterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER.test(text.slice(i - 2, i));
  }
  return LETTER.test(text.charAt(i - 1));
}

/**
 * The next match of a global `re` (from its `lastIndex`) that starts a word, i.e. is not
 * preceded by a letter. The same as writing `(?<![\p{L}])` at the head of the pattern,
 * which V8 runs several times slower: it cannot then scan ahead for the first letters.
 */
export function execAtWordStart(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!letterBefore(text, m.index)) return m;
    re.lastIndex = indexAfter(text, m.index);
  }
  return null;
}

/**
 * The index after the character at `i`, a surrogate pair counted whole. A search with the
 * flag u resumed from the middle of a pair starts again at the pair: resuming a match found
 * at `i` from `i + 1` would find it again, for ever.
 */
export function indexAfter(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/**
 * `s.toLowerCase()`, remembered for the last few strings: each paragraph is lower-cased by
 * several scanners in turn (roles, classification, deadlines, recurrence), and lower-casing
 * is not cheap. Always as long as `s`, so that offsets found in it hold in `s`: "İ", the one
 * character whose lower case is longer ("i̇"), becomes "i".
 */
export function lowerCase(s: string): string {
  for (let k = 0; k < LOWER_MEMO_SIZE; k++) if (lowerInputs[k] === s) return lowerOutputs[k] as string;
  let lower = s.toLowerCase();
  if (lower.length !== s.length) lower = s.replace(/\u0130/g, 'i').toLowerCase();
  lowerInputs[lowerNext] = s;
  lowerOutputs[lowerNext] = lower;
  lowerNext = (lowerNext + 1) % LOWER_MEMO_SIZE;
  return lower;
}
const LOWER_MEMO_SIZE = 4;
const lowerInputs: (string | undefined)[] = new Array(LOWER_MEMO_SIZE).fill(undefined);
const lowerOutputs: (string | undefined)[] = new Array(LOWER_MEMO_SIZE).fill(undefined);
let lowerNext = 0;

/**
 * A test of whether lower-cased text holds any of `words`. Each word is first sought from
 * its first toned vowel (U+1EA0–U+1EFF), else its first other non-ASCII letter: a string
 * search is quick when its first character is rare, and these are far rarer in Vietnamese
 * than consonants or spaces ("ới " before " với ").
 */
export function containsAny(words: readonly string[]): (lower: string) => boolean {
  const probes = words.map((w) => w.slice(rareFrom(w)));
  return (lower) => {
    for (let k = 0; k < words.length; k++) {
      const probe = probes[k] as string;
      const word = words[k] as string;
      if (lower.includes(probe) && (probe.length === word.length || lower.includes(word))) return true;
    }
    return false;
  };
}

/** Where `containsAny` starts its search of `w`. */
function rareFrom(w: string): number {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) >= 0x1ea0 && w.charCodeAt(i) <= 0x1eff) return i;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) >= 0x80) return i;
  return 0;
}

/** Unicode NFC with whitespace folded to single spaces and trimmed. */
export function squash(s: string): string {
  return foldSpaces(s.normalize('NFC'));
}

/**
 * One tone placement: the tone mark is moved to the word's end so that
 * "hoà" and "hòa", "thuỷ" and "thủy" give the same key. Lower-cased.
 */
export function toneKey(s: string): string {
  return s
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const tones = w.match(TONE_MARKS);
      const base = w.replace(TONE_MARKS, '').normalize('NFC');
      return tones ? `${base}${tones[tones.length - 1]}`.normalize('NFC') : base;
    })
    .join(' ');
}

/**
 * Lower-case ASCII letter or digit of each character up to U+1EFF (the precomposed Latin
 * letters: every Vietnamese letter is one UTF-16 unit in NFC), 0 for anything else. Built
 * once: a table lookup is far cheaper than NFD per call.
 */
const ASCII_KEY = (() => {
  const table = new Uint8Array(0x1f00);
  const set = (c: number, base: string) => {
    const b = base.toLowerCase().charCodeAt(0);
    if ((b >= 97 && b <= 122) || (b >= 48 && b <= 57)) table[c] = b;
  };
  for (let c = 0x30; c < 0x80; c++) set(c, String.fromCharCode(c));
  for (let c = 0xc0; c <= 0x24f; c++) set(c, String.fromCharCode(c).normalize('NFD'));
  for (let c = 0x1e00; c <= 0x1eff; c++) set(c, String.fromCharCode(c).normalize('NFD'));
  table[0x111] = 100; // đ
  table[0x110] = 100; // Đ
  return table;
})();

/** Lower case without any diacritics; đ → d. For lookups that forgive OCR slips. */
export function asciiKey(s: string): string {
  return keyOf(s, true) ?? (keyOf(s.normalize('NFC'), false) as string);
}

/**
 * The key of `s`, or null when `s` holds a character outside the ranges that are stable
 * under NFC (Latin up to U+02FF, Latin Extended Additional, general punctuation): then the
 * caller normalises first (and asks again with `bail` false). Most text is within them, and
 * NFC on every call is costly.
 */
function keyOf(s: string, bail: boolean): string | null {
  // Codes gathered in a buffer and decoded once: appending a character at a time builds a
  // deep rope that every later slice or compare must flatten.
  if (keyBuffer.length < s.length) keyBuffer = new Uint8Array(s.length * 2);
  const buf = keyBuffer;
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (bail && c >= 0x300 && !(c >= 0x1e00 && c < 0x1f00) && !(c >= 0x2010 && c <= 0x205e)) return null;
    const k = c < 0x1f00 ? (ASCII_KEY[c] as number) : 0;
    if (k !== 0) {
      buf[n++] = k;
      space = false;
    } else if (!space) {
      buf[n++] = 32;
      space = true;
    }
  }
  if (space && n > 0) n--;
  // Short keys (most) are built directly; the decoder's call costs more than it saves there.
  return n <= 512
    ? String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[])
    : latin1.decode(buf.subarray(0, n));
}

let keyBuffer = new Uint8Array(256);
/** Only ASCII codes are decoded, on which Latin-1 and ASCII agree. */
const latin1 = new TextDecoder('latin1');
