/**
 * Tasks laid out as a table (often a Phụ lục after the signature):
 * STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành.
 * The cleaner keeps such tables one row a line, cells between '|'.
 */
import { ownersIn } from '../agencies/phrase.ts';
import type { YMD } from '../dates.ts';
import { chooseDeadline, findDeadlines } from '../deadlines/deadline.ts';
import { findRecurrence } from '../deadlines/recurrence.ts';
import type { Line } from '../document.ts';
import { endBeforeSpaces, foldSpaces, isSpace } from '../text/fold.ts';
import type { Task } from '../types.ts';

interface Cell {
  text: string;
  start: number;
  end: number;
}

type Column = 'stt' | 'content' | 'lead' | 'support' | 'due';

const COLUMN_TESTS: ReadonlyArray<[Column, RegExp]> = [
  ['stt', /^(?:stt|tt|số\s*tt|số thứ tự)$/iu],
  ['support', /phối hợp/iu],
  ['lead', /chủ trì|thực hiện|được giao|đầu mối|trách nhiệm/iu],
  ['due', /thời gian|thời hạn|hoàn thành|tiến độ|hạn/iu],
  ['content', /nội dung|nhiệm vụ|công việc|giải pháp|tên/iu],
];

function cellsOf(line: Line): Cell[] {
  const cells: Cell[] = [];
  const t = line.text;
  let from = t.indexOf('|') + 1;
  for (let k = t.indexOf('|', from); k >= 0; k = t.indexOf('|', from)) {
    // The cell between the bars, trimmed (trim() drops exactly the characters isSpace tells).
    let a = from;
    while (a < k && isSpace(t.charCodeAt(a))) a++;
    const b = endBeforeSpaces(t, k);
    const text = a < b ? t.slice(a, b) : '';
    cells.push({ text, start: line.start + a, end: line.start + a + text.length });
    from = k + 1;
  }
  return cells;
}

/** The row's cell in column `col`, when the table has that column. */
function cellOf(row: Cell[], cols: Map<Column, number>, col: Column): Cell | undefined {
  const k = cols.get(col);
  return k === undefined ? undefined : row[k];
}

export const isTableLine = (l: Line) => l.text.charCodeAt(0) === 124; // startsWith('|')

/** `source` is the text as printed, which task texts are cut from (the lines may be a view of it). */
export function extractTableTasks(lines: Line[], docDate: YMD | null, source?: string): Task[] {
  const tasks: Task[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isTableLine(lines[i] as Line)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && isTableLine(lines[j] as Line)) j++;
    const rows = lines.slice(i, j).map(cellsOf);
    i = j;
    const header = rows[0] ?? [];
    const cols = new Map<Column, number>();
    header.forEach((c, k) => {
      for (const [col, re] of COLUMN_TESTS) {
        if (!cols.has(col) && re.test(c.text)) {
          cols.set(col, k);
          break;
        }
      }
    });
    const content = cols.get('content');
    if (content === undefined || (!cols.has('lead') && !cols.has('due'))) continue;
    for (const row of rows.slice(1)) {
      const body = cellOf(row, cols, 'content');
      if (!body || body.text.length < 8) continue;
      const lead = ownersIn(cellOf(row, cols, 'lead')?.text);
      // A row with no agency and no deadline is a section heading inside the table.
      const dueCell = cellOf(row, cols, 'due')?.text ?? '';
      if (lead.length === 0 && !dueCell) continue;
      // "Quý II và quý III/2026": a cell naming several periods is due at the last one.
      const d = dueCell
        ? chooseDeadline(
            findDeadlines(
              `hoàn thành ${dueCell.replace(/\s+và\s+(?=\p{L})/gu, ', hoàn thành ')}`,
              docDate,
            ).sort((a, b) => (a.due < b.due ? -1 : 1)),
          )
        : null;
      const rec = findRecurrence(dueCell) ?? findRecurrence(body.text);
      const stt = cellOf(row, cols, 'stt')?.text;
      tasks.push({
        ref: stt ? `PL.${stt}` : null,
        // foldSpaces is `.replace(/\s+/g, ' ').trim()`, skipped for text folded already.
        text: foldSpaces(source ? source.slice(body.start, body.end) : body.text),
        lead,
        support: ownersIn(cellOf(row, cols, 'support')?.text),
        due: d?.due ?? null,
        dueText: d ? dueCell : null,
        recurrence: rec?.recurrence ?? null,
        span: { start: body.start, end: body.end },
      });
    }
  }
  return tasks;
}
