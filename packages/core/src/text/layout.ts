/**
 * A line's columns and markup, read without a regex split: pdftotext -layout sets the
 * header's and the footer's two columns apart by three spaces or more, and Markdown-ish OCR
 * output marks emphasis with '*' and headings with '#'.
 */
import { isSpace } from './fold.ts';

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
