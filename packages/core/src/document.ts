/** The cleaned text as lines with their offsets, which every parser reads. */
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
  let pos = 0;
  let blank = true;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) {
      const start = pos + lead;
      lines.push({ index: lines.length, text: t, start, end: start + t.length, opensBlock: blank });
      blank = false;
    } else blank = true;
    pos += raw.length + 1;
  }
  return { text, lines };
}

export const span = (start: number, end: number): Span => ({ start, end });

/** The span of a match found inside a line's text. */
export function spanIn(line: Line, from: number, length: number): Span {
  return span(line.start + from, line.start + from + length);
}
