/** The cleaned text as lines with their offsets, which every parser reads. */
import { isSpace } from './text/fold.ts';
import type { Span } from './types.ts';

export interface Line {
  /** Index in `Doc.lines`. */
  index: number;
  /** The line's text, trimmed. */
  text: string;
  /** Offset of `text` in `Doc.text`. */
  start: number;
  end: number;
  /** True when a blank line precedes this line (it opens a block). */
  opensBlock: boolean;
}

export interface Doc {
  text: string;
  /** Non-blank lines only. */
  lines: Line[];
}

export function toDoc(text: string): Doc {
  const lines: Line[] = [];
  let blank = true;
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    // Trim in place: no copy of the untrimmed line.
    let start = from;
    let end = to;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) {
      lines.push({ index: lines.length, text: text.slice(start, end), start, end, opensBlock: blank });
      blank = false;
    } else blank = true;
    from = to + 1;
  }
  return { text, lines };
}

/**
 * The same lines read in `text`, a text of the same length whose spaces and line breaks
 * stand where `doc`'s do (the view and the text as printed, text/accents.ts).
 */
export function withText(doc: Doc, text: string): Doc {
  // The lines are toDoc's: the same fields, in the same order, listed rather than spread.
  return {
    text,
    lines: doc.lines.map((l) => ({
      index: l.index,
      text: text.slice(l.start, l.end),
      start: l.start,
      end: l.end,
      opensBlock: l.opensBlock,
    })),
  };
}

export const span = (start: number, end: number): Span => ({ start, end });

/** The span of a match found inside a line's text. */
export function spanIn(line: Line, from: number, length: number): Span {
  return span(line.start + from, line.start + from + length);
}
