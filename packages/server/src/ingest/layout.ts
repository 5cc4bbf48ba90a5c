/**
 * Positioned text (a PDF text layer, OCR word boxes) → lines of text.
 *
 * A notice's header and its signature block are two columns side by side (Decree 30/2020
 * Phụ lục I: issuer and number on the left, national motto and place/date on the right;
 * recipients on the left, signature on the right). Read row by row they interleave
 * ("Số: 215/TB-UBND   An Giang, ngày ..."), so a run of two-column rows is written as the
 * left column, a blank line, then the right column — the way the extractor reads them.
 * Rows with three or more parts (a table) keep their parts on one line, split by tabs.
 */

export interface Segment {
  x: number;
  end: number;
  text: string;
}

export interface Row {
  /** Parts of the row split at wide gaps, sorted by x. */
  segments: Segment[];
  /** Typical glyph size on the row, in the same unit as x. */
  size: number;
  /** A new paragraph starts here (a larger step, or the OCR engine says so). */
  breakBefore: boolean;
  /** Only the vertical step is larger (when it differs from breakBefore). */
  gapBefore?: boolean;
}

interface Run {
  start: number;
  end: number;
  left: Array<{ text: string; breakBefore: boolean }>;
  right: Array<{ text: string; breakBefore: boolean }>;
}

type Side = 'left' | 'right' | null;

function sideOf(row: Row, leftEnd: number, rightStart: number): Side {
  if (row.segments.length !== 1) return null;
  const [segment] = row.segments;
  if (!segment) return null;
  const tolerance = row.size * 0.5;
  if (segment.x >= rightStart - tolerance) return 'right';
  if (segment.end <= rightStart - tolerance && segment.x < leftEnd) return 'left';
  return null;
}

function findRun(rows: Row[], seed: number, floor: number): Run {
  const first = rows[seed];
  const [a, b] = first?.segments ?? [];
  let leftEnd = a?.end ?? 0;
  let rightStart = b?.x ?? 0;
  const members = new Map<number, Side | 'both'>([[seed, 'both']]);
  // Forward: more two-part rows, rows only in the right column (even after a gap: the signer's
  // name under the signature), rows only in the left column while no paragraph gap intervenes.
  let end = seed;
  for (let k = seed + 1; k < rows.length; k++) {
    const row = rows[k];
    if (!row) break;
    if (row.segments.length === 2) {
      const [l, r] = row.segments;
      if (!l || !r || l.end >= rightStart || r.x <= leftEnd) break;
      leftEnd = Math.max(leftEnd, l.end);
      rightStart = Math.min(rightStart, r.x);
      members.set(k, 'both');
      end = k;
      continue;
    }
    const side = sideOf(row, leftEnd, rightStart);
    if (side === 'right' || (side === 'left' && !(row.gapBefore ?? row.breakBefore))) {
      members.set(k, side);
      end = k;
      continue;
    }
    break;
  }
  // Backward: rows only in the right column just above, or one-sided rows up to the top of the page.
  let start = seed;
  const oneSided: number[] = [];
  for (let k = seed - 1; k >= floor; k--) {
    const row = rows[k];
    if (!row || sideOf(row, leftEnd, rightStart) === null) break;
    oneSided.push(k);
  }
  const reachesTop = floor === 0 && oneSided.length === seed;
  for (const k of oneSided) {
    const row = rows[k];
    if (!row) break;
    const side = sideOf(row, leftEnd, rightStart);
    if (side !== 'right' && !reachesTop) break;
    members.set(k, side);
    start = k;
  }
  const left: Run['left'] = [];
  const right: Run['right'] = [];
  for (let k = start; k <= end; k++) {
    const row = rows[k];
    const role = members.get(k);
    if (!row || !role) continue;
    if (role === 'both') {
      left.push({ text: row.segments[0]?.text ?? '', breakBefore: row.breakBefore });
      right.push({ text: row.segments[1]?.text ?? '', breakBefore: row.breakBefore });
    } else {
      (role === 'left' ? left : right).push({
        text: row.segments[0]?.text ?? '',
        breakBefore: row.breakBefore,
      });
    }
  }
  return { start, end, left, right };
}

function column(lines: Array<{ text: string; breakBefore: boolean }>): string {
  return lines
    .map((line, i) => (i > 0 && line.breakBefore ? `\n${line.text}` : line.text))
    .join('\n')
    .trim();
}

export function renderRows(rows: Row[]): string {
  const runs: Run[] = [];
  let floor = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]?.segments.length === 2) {
      const run = findRun(rows, i, floor);
      runs.push(run);
      floor = run.end + 1;
      i = run.end;
    }
  }
  let out = '';
  let forceBreak = false;
  const push = (text: string, breakBefore: boolean): void => {
    if (text === '') return;
    if (out !== '') out += breakBefore || forceBreak ? '\n\n' : '\n';
    forceBreak = false;
    out += text;
  };
  let r = 0;
  for (let i = 0; i < rows.length; i++) {
    const run = runs[r];
    if (run && i === run.start) {
      push(column(run.left), true);
      push(column(run.right), true);
      // The row after a column block starts a new paragraph.
      forceBreak = true;
      i = run.end;
      r += 1;
      continue;
    }
    const row = rows[i];
    if (row) push(row.segments.map((segment) => segment.text).join('\t'), row.breakBefore);
  }
  return out;
}
