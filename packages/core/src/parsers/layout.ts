/**
 * A line's columns and markup, read without a regex split: pdftotext -layout sets the
 * header's and the footer's two columns apart by three spaces or more, and Markdown-ish OCR
 * output marks emphasis with '*' and headings with '#'.
 */
import { isSpace } from '../text/fold.ts';

/** The first place where three white-space characters follow each other. */
const COLUMN_GAP = /\s{3}/;

/**
 * `text.split(/\s{3,}/)[0]`: the text before the first gap. The split's first cut is at the
 * leftmost match of `\s{3,}`, which starts where the leftmost `\s{3}` does.
 */
export function leftColumn(text: string): string {
  const gap = text.search(COLUMN_GAP);
  return gap < 0 ? text : text.slice(0, gap);
}

/**
 * The last piece of `text.split(/\s{3,}/)`: the text after the last gap. Each greedy match of
 * `\s{3,}` spans a whole run of white space, so the last piece starts after the last run of
 * three or more (empty when the text ends with one).
 */
export function rightColumn(text: string): string {
  if (text.search(COLUMN_GAP) < 0) return text;
  let run = 0;
  for (let k = text.length - 1; k >= 0; k--) {
    if (isSpace(text.charCodeAt(k))) run++;
    else if (run >= 3) return text.slice(k + 1 + run);
    else run = 0;
  }
  // The one run of three or more opens the text.
  return text.slice(run);
}

/** A gap between columns or a mark of markup. */
const GAP_OR_MARKUP = /[*#]|\s{3}/;

/**
 * Whether `text` has neither a gap between columns nor a mark of markup: then it is its own
 * left and right column, without markup. One scan tells what three would (most lines).
 */
export function isPlain(text: string): boolean {
  return !GAP_OR_MARKUP.test(text);
}

/** `s.replace(/[*#]/g, '')`, without the regex when neither mark is there (most lines). */
export function withoutMarkup(s: string): string {
  return s.indexOf('*') < 0 && s.indexOf('#') < 0 ? s : s.replace(/[*#]/g, '');
}

const LETTER = /\p{L}/u;

/**
 * Whether the code point that ends right before `i` is a letter: what a leading
 * `(?<![\p{L}])` tests under the flag u. A low surrogate is read with the high one before it,
 * and alone when there is none (a lone surrogate is no letter).
 */
function letterBefore(text: string, i: number): boolean {
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
 * The next match of a global `re` (from its `lastIndex`) that no letter precedes:
 * the match of the pattern with `(?<![\p{L}])` at its head, which V8 runs several times
 * slower (it cannot scan ahead for the pattern's first characters then).
 */
export function execAfterNonLetter(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!letterBefore(text, m.index)) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}
