/**
 * Clean-up of OCR'd notice text before anything is parsed.
 *
 * Each step is a small function over lines, so that each one can be tested on the
 * noise it removes: markdown/HTML remnants, stamp and signature fragments, a sentence
 * broken by a page break, and a scan that holds the same pages twice.
 */
import type { Warning } from '../types.ts';
import { isUpperCase } from './caps.ts';
import { asciiKey, foldSpaces } from './fold.ts';
import { leftColumn } from './layout.ts';

export interface CleanResult {
  text: string;
  warnings: Warning[];
}

/** Longest input read; beyond this the text is cut (and a warning says so). */
export const MAX_INPUT_CHARS = 2_000_000;

export function cleanText(input: string): CleanResult {
  const warnings: Warning[] = [];
  let raw = input;
  if (raw.length > MAX_INPUT_CHARS) {
    raw = raw.slice(0, MAX_INPUT_CHARS);
    warnings.push({
      code: 'truncated-input',
      message: `Văn bản quá dài; chỉ đọc ${MAX_INPUT_CHARS.toLocaleString('vi-VN')} ký tự đầu.`,
    });
  }
  const kinds = characterKinds(raw);
  const normalized = normalizeCharacters(raw, kinds);
  let lines = normalized.split('\n');
  let lineMarks = marksOfLines(normalized, lines);
  let marks = 0;
  for (let k = 0; k < lineMarks.length; k++) marks |= lineMarks[k] as number;
  // A step whose characters the text lacks would leave every line as it is: skipped.
  if (marks & (SPACES_3 | PIPE | TAB)) {
    const before = lines;
    // Only a line with a wide gap can head a space-aligned table.
    if (marks & SPACES_3) lines = rewriteAlignedTables(lines, lineMarks);
    // Without a bar or a tab, only rows just written can make a table: else none changes.
    // (Lines as they were keep their marks: a line with no bar nor tab then needs no look.)
    if (marks & (PIPE | TAB) || !sameLines(lines, before))
      lines = rewriteTables(lines, (marks & TAB) !== 0, lines === before ? lineMarks : undefined);
    // A rewritten row holds other marks (a doubled space: "|  |", an empty cell).
    if (!sameLines(lines, before)) lineMarks = carryMarks(before, lineMarks, lines);
  }
  // Steps that read one line at a time share a loop: stripMarkup, then dropPageMarks, then
  // joinHyphenatedWords (a kept line that ends a word begun at the end of the one before
  // joins it: the last line kept is all that step reads).
  const stripped: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    const l = stripMarkup(lines[k] as string, lineMarks[k]);
    if (isPageMark(l)) continue;
    const last = stripped.length - 1;
    if (last >= 0 && isHyphenatedWord(stripped[last] as string, l))
      stripped[last] = joinWord(stripped[last] as string, l);
    else stripped.push(l);
  }
  lines = joinLoneMarkers(stripped);
  // dropRunningHeads, then cutAfterClosingMark on the lines it keeps.
  const heads = runningHeads(lines);
  const kept: string[] = [];
  for (let k = 0; k < lines.length; k++)
    if (!isRunningHead(lines[k] as string, k, heads)) kept.push(cutAfterClosingMarkIn(lines[k] as string));
  // dropStampFragments, then toBlocks over the lines it keeps, then joinPageBreaks as each
  // block ends. Pages first joined, so that an item broken by a page break compares whole
  // with its repeat.
  let blocks = toBlocks(kept, stampFragments(kept), true);
  const dedup = dropRepeatedBlocks(blocks);
  blocks = dedup.blocks;
  if (dedup.removedBlocks > 0)
    warnings.push({
      code: 'repeated-pages',
      message: `Bản quét có ${dedup.removedBlocks} đoạn lặp lại (trang quét hai lần); đã giữ bản sau.`,
    });
  const text = joinBlocks(blocks);
  // Removing characters can leave a combining mark beside a new base letter: recompose.
  // Text made of NFC-inert characters (and the ASCII the steps add) has none to recompose.
  return { text: kinds === 'composable' ? text.normalize('NFC') : text, warnings };
}

/** NFC, one kind of line break and space, no control or zero-width characters. */
export function normalizeCharacters(s: string, kinds: CharacterKinds = characterKinds(s)): string {
  // NFC leaves NFC-inert characters as they are: only other text needs the (costly) call.
  const nfc = kinds === 'composable' ? s.normalize('NFC') : s;
  if (kinds === 'plain' || (kinds === 'composable' && !ODD_CHARACTER.test(nfc))) return nfc;
  return (
    nfc
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00a0\u2007\u202f]/g, ' ')
      .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
      // OCR and binary junk: control characters (other than the line break) and U+FFFD.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, '')
  );
}

/** Any character that normalizeCharacters replaces or removes (one scan; most texts have none). */
const ODD_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\r\u00a0\u2007\u202f\u200b-\u200d\ufeff\u00ad\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/;

/**
 * 'plain' when every character of a text is NFC-inert and none is odd (nothing to
 * normalise), 'odd' when all are NFC-inert but some are odd, 'composable' otherwise.
 * NFC-inert characters are those NFC leaves as they are whatever their neighbours: Latin up
 * to U+02FF, Latin Extended Additional (every Vietnamese letter, in NFC) and general
 * punctuation U+2010–U+205E. None of them is a combining mark or composes with the one
 * before (the test checks every pair).
 */
export type CharacterKinds = 'plain' | 'odd' | 'composable';

/**
 * Marks: characters a clean-up step looks for in each line. A text without them lets the
 * step skip its per-line searches (each a call that costs more than the scan of its share).
 */
const TAB = 1;
const ANGLE = 2;
const CARET = 4;
const HASH = 8;
const STAR = 16;
const UNDERSCORE = 32;
const PIPE = 64;
/** Two spaces in a row. */
const SPACES_2 = 128;
/** Three spaces in a row (a wide gap). */
const SPACES_3 = 256;
const ALL_MARKS = 511;

/** A character outside the NFC-inert ranges. */
const NOT_INERT = /[^\0-\u02ff\u1e00-\u1eff\u2010-\u205e]/;
/**
 * The NFC-inert characters that ODD_CHARACTER matches are these controls (all but the tab
 * and the line break, and U+0080–U+009F) and ODD_SINGLES. Split so, each search is cheap;
 * the controls are only looked for with NOT_INERT's class, in one alternation.
 */
const ODD_CONTROL_OR_NOT_INERT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\0-\x08\x0b-\x1f\x80-\x9f]|[^\0-\u02ff\u1e00-\u1eff\u2010-\u205e]/;
const ODD_SINGLES = ['\x7f', '\u00a0', '\u00ad', '\u202f'];

const MARK_CHARACTERS = [
  ['\t', TAB],
  ['<', ANGLE],
  ['^', CARET],
  ['#', HASH],
  ['*', STAR],
  ['_', UNDERSCORE],
  ['|', PIPE],
] as const;

/**
 * A text's character kinds. Native searches only: V8 rejects most characters at once for
 * these classes, where a loop over char codes costs more.
 */
export function characterKinds(s: string): CharacterKinds {
  // One scan rules out both classes in most texts (V8 runs this alternation as fast as either).
  if (ODD_CONTROL_OR_NOT_INERT.test(s)) return NOT_INERT.test(s) ? 'composable' : 'odd';
  return ODD_SINGLES.some((c) => s.includes(c)) ? 'odd' : 'plain';
}

/**
 * The marks each line holds, for the lines `text.split('\n')` makes. A native search
 * finds each mark's next line: one call a line that holds it (few do), and one to end.
 */
export function marksOfLines(text: string, lines: string[]): Uint16Array {
  const marks = new Uint16Array(lines.length);
  // Offset of the line break that ends each line (the text's length for the last line).
  // Read only in this call: one buffer serves all (a typed array costs ~0.3 µs to make).
  if (endsBuffer.length < lines.length)
    endsBuffer = new Int32Array(Math.max(lines.length, 2 * endsBuffer.length));
  const ends = endsBuffer;
  for (let k = 0, end = -1; k < lines.length; k++) ends[k] = end += (lines[k] as string).length + 1;
  for (const [c, mark] of MARK_CHARACTERS) {
    let k = 0;
    for (let p = text.indexOf(c); p >= 0; p = text.indexOf(c, (ends[k] as number) + 1)) {
      while ((ends[k] as number) < p) k++;
      marks[k] = (marks[k] as number) | mark;
    }
  }
  // A regex finds a doubled space faster than indexOf('  '): spaces are so common.
  let k = 0;
  for (
    DOUBLED_SPACE.lastIndex = 0;
    DOUBLED_SPACE.test(text);
    DOUBLED_SPACE.lastIndex = (ends[k] as number) + 1
  ) {
    const p = DOUBLED_SPACE.lastIndex - 2;
    while ((ends[k] as number) < p) k++;
    const wide = (lines[k] as string).includes('   ');
    marks[k] = (marks[k] as number) | (wide ? SPACES_2 | SPACES_3 : SPACES_2);
  }
  return marks;
}

const DOUBLED_SPACE = / {2}/g;
let endsBuffer = new Int32Array(256);

/**
 * The marks of rewritten lines. The lines before the first change and after the last keep
 * theirs (a rewrite changes only its tables); the lines between are searched again.
 */
function carryMarks(before: string[], marks: Uint16Array, after: string[]): Uint16Array {
  const n = Math.min(before.length, after.length);
  let head = 0;
  while (head < n && after[head] === before[head]) head++;
  let tail = 0;
  while (tail < n - head && after[after.length - 1 - tail] === before[before.length - 1 - tail]) tail++;
  const middle = after.slice(head, after.length - tail);
  const out = new Uint16Array(after.length);
  out.set(marks.subarray(0, head), 0);
  out.set(marksOfLines(middle.join('\n'), middle), head);
  out.set(marks.subarray(before.length - tail), after.length - tail);
  return out;
}

/** Whether two lists hold the same lines (most rewrites change none). */
function sameLines(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Removes markdown and HTML remnants that OCR tools leave: **, ##, <b>, *...*, ^{...}.
 * `marks`: those the line holds (marksOfLines), or more: each only lets a search run.
 */
export function stripMarkup(line: string, marks = ALL_MARKS): string {
  // Empty lines (about two in five: they part the paragraphs) hold nothing to strip.
  if (line.length === 0) return line;
  let s = marks & TAB && line.includes('\t') ? line.replace(/\t+/g, '   ') : line;
  if (marks & ANGLE && s.includes('<')) s = s.replace(/<\/?[a-zA-Z][^<>]{0,40}>/g, ' ');
  if (marks & CARET && s.includes('^{')) s = s.replace(/\^\{[^}]{0,20}\}/g, '');
  if (marks & HASH && s.includes('#')) s = s.replace(/^\s{0,3}#{1,6}\s+/, '');
  if ((marks & STAR && s.includes('*')) || (marks & UNDERSCORE && s.includes('__'))) {
    // A "* " at the start of a line is a bullet; every other asterisk is emphasis.
    const bullet = /^\s*\*\s+/.exec(s);
    const head = bullet ? '* ' : '';
    const body = bullet ? s.slice(bullet[0].length) : s;
    s = head + body.replace(/\*+/g, '').replace(/__+/g, '');
  }
  // A doubled space between words is an OCR slip; wider gaps (columns) are kept. (A tag
  // removed above can leave one the text did not hold.) The search only spares a replace
  // that would find nothing: an unchanged line with the mark needs none.
  if (s === line ? marks & SPACES_2 : s.includes('  ')) s = s.replace(/(\S) {2}(?=\S)/g, '$1 ');
  // Most lines end in a non-space: nothing to trim.
  return isNonSpace(s.charCodeAt(s.length - 1)) ? s : s.trimEnd();
}

/**
 * Page furniture: page numbers ("2", "- 2 -", "Trang 2", "Trang 2/5") and lines
 * holding only markup symbols. They sit where a page broke, often mid-sentence.
 */
export function dropPageMarks(lines: string[]): string[] {
  return lines.filter((l) => !isPageMark(l));
}

function isPageMark(l: string): boolean {
  return mayEndIn(l, PAGE_MARK_ENDS) && PAGE_MARK.test(l);
}

/** A page number or a markup-only line, with the spaces around it (one regex, no trimmed copy). */
const PAGE_MARK =
  /^\s*(?:(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?|Trang\s+\d{1,3}(?:\s*\/\s*\d{1,3})?|[*_#=~|>•]+)\s*$/iu;
/** The printable ASCII characters that can end a PAGE_MARK (case does not fold any symbol). */
const PAGE_MARK_ENDS = asciiSet('0123456789-*_#=~|>');

/**
 * A table laid out with spaces (what `pdftotext -layout` makes of a PDF table): a header
 * line whose columns name the task table, then rows whose cells wrap over several lines.
 * Rewritten as one '|' row a task, cells joined across their lines.
 */
export function rewriteAlignedTables(lines: string[], marks?: ArrayLike<number>): string[] {
  // Lines are copied from the first table on (most texts have none: the lines themselves).
  let out: string[] | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    // Only a line with several wide gaps can be a header of a space-aligned table.
    // (Layout tools leave wide gaps; a doubled space in prose is only an OCR slip.)
    const cols =
      (marks ? ((marks[i] as number) & SPACES_3) !== 0 : line.includes('   ')) &&
      (line.match(/\S {3,}(?=\S)/g)?.length ?? 0) >= 2 &&
      TASK_TABLE_HEADER.test(line)
        ? columnStarts(line)
        : NO_COLUMNS;
    // (Fewer than 3 columns settle it without naming them: most lines have none.)
    const names = cols.length < 3 ? [] : cols.map((c, k) => line.slice(c, cols[k + 1] ?? line.length).trim());
    if (cols.length < 3 || names.filter((n) => TASK_TABLE_HEADER.test(n)).length < 2) {
      out?.push(line);
      i++;
      continue;
    }
    out ??= lines.slice(0, i);
    const rows: string[][] = [names];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as string;
      if (!l.trim()) break;
      // A line that starts in the first column and has no cell gaps is prose again.
      if (!/\S\s{2,}\S/.test(l) && !/^\s/.test(l)) break;
      const cells = cols.map((c, k) => sliceColumn(l, c, cols[k + 1]));
      const first = cells[0] ?? '';
      if (/^\d{1,3}\.?$/.test(first) || rows.length === 1) rows.push(cells);
      else {
        const row = rows[rows.length - 1] as string[];
        cells.forEach((c, k) => {
          if (c) row[k] = row[k] ? `${row[k]} ${c}` : c;
        });
      }
    }
    for (const r of rows) out.push(`| ${r.join(' | ')} |`);
    i = j;
  }
  return out ?? lines;
}

const NO_COLUMNS: readonly number[] = [];

/** Start offsets of the cells of a line whose cells are separated by 2+ spaces. */
function columnStarts(line: string): number[] {
  const starts: number[] = [];
  const re = /(?:^\s*|\s{2,})(\S)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) starts.push(m.index + m[0].length - 1);
  return starts;
}

/** The text of a line between two column starts, moved to the nearest gap so words stay whole. */
function sliceColumn(line: string, start: number, next: number | undefined): string {
  return line.slice(snapToGap(line, start), next === undefined ? line.length : snapToGap(line, next)).trim();
}

/** `p` moved to the nearest gap of `line` (the start of a word). */
function snapToGap(line: string, p: number): number {
  if (p <= 0 || p >= line.length) return Math.min(Math.max(p, 0), line.length);
  let a = p;
  while (a > 0 && line[a - 1] !== ' ') a--;
  let b = p;
  while (b < line.length && line[b - 1] !== ' ') b++;
  return p - a <= b - p ? a : b;
}

/**
 * A word hyphenated at a line's end ("công ng-" / "hệ xây dựng"): Vietnamese does not break
 * syllables, so a letter, a hyphen and a line starting in lower case are one word again.
 */
export function joinHyphenatedWords(lines: string[]): string[] {
  // Lines are copied from the first join on (most texts have none: the lines themselves).
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i] as string;
    const at = i;
    while (i + 1 < lines.length && isHyphenatedWord(l, lines[i + 1] as string)) {
      l = joinWord(l, lines[i + 1] as string);
      i++;
    }
    if (i !== at) out ??= lines.slice(0, at);
    out?.push(l);
  }
  return out ?? lines;
}

/** Whether line `l` ends with a word that `next` ends: a letter and a hyphen, then a small letter. */
function isHyphenatedWord(l: string, next: string): boolean {
  return l.charCodeAt(l.length - 1) === 45 && /\p{L}-$/u.test(l) && /^\p{Ll}/u.test(next); // '-'
}

/** Line `l` joined to `next`, without the hyphen. */
function joinWord(l: string, next: string): string {
  return l.slice(0, -1) + next;
}

const LONE_MARKER = /^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]?|[a-zđ]\s*[).]|[IVX]{1,4}\s*[.)]|[-+•*])\s*$/u;
/** The printable ASCII characters that can end a LONE_MARKER. */
const LONE_MARKER_ENDS = asciiSet('0123456789.)-+*');
const isLoneMarker = (l: string) => mayEndIn(l, LONE_MARKER_ENDS) && LONE_MARKER.test(l);

/** OCR sometimes puts a list marker on its own line ("1." / "Giao Sở ..."): one item again. */
export function joinLoneMarkers(lines: string[]): string[] {
  // Lines are copied from the first join on (most texts have none: the lines themselves).
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (isLoneMarker(l)) {
      let j = i + 1;
      while (j < lines.length && (lines[j] as string).trim() === '') j++;
      const next = lines[j];
      if (next !== undefined && next.trim() !== '' && !isLoneMarker(next)) {
        out ??= lines.slice(0, i);
        out.push(`${l.trim()} ${next.trim()}`);
        i = j;
        continue;
      }
    }
    out?.push(l);
  }
  return out ?? lines;
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;

/** TABLE_ROW.test(l); most lines start with a character that is neither a space nor '|'. */
function isTableRow(l: string): boolean {
  const c = l.charCodeAt(0);
  return (c === 124 || !isNonSpace(c)) && mayEndIn(l, BAR) && TABLE_ROW.test(l);
}
const BAR = asciiSet('|');

/**
 * Whether a char code is printable ASCII other than `except`: a character no `\s`
 * matches, which lets a cheap look at a line's first or last character settle a test.
 */
function isPrintableAscii(c: number, except = -1): boolean {
  return c > 32 && c < 127 && c !== except;
}

/** A table of the printable ASCII characters of `chars`, for mayEndIn. */
function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/**
 * Whether a line may match a regex that matches no empty line and whose match ends the line
 * with a character of `ends` or a `\s`: false for an empty line, and when the last character
 * is printable ASCII (no `\s`) outside `ends`, as in most lines. Any other last character
 * leaves the regex to decide.
 */
function mayEndIn(l: string, ends: Uint8Array): boolean {
  const c = l.charCodeAt(l.length - 1);
  return l.length > 0 && (!isPrintableAscii(c) || ends[c] === 1);
}

/**
 * Whether no `\s` (the set trim removes) matches char code c: printable ASCII, U+00A1–U+167F
 * and U+1E00–U+1FFF (Vietnamese letters). Other codes may be spaces: trim decides.
 */
function isNonSpace(c: number): boolean {
  return (c > 32 && c < 127) || (c > 0xa0 && c < 0x1680) || (c >= 0x1e00 && c < 0x2000);
}

/** `l.trim()`, without the call for an empty line or one that starts and ends in a non-space. */
function trimmed(l: string): string {
  if (l.length === 0) return l;
  return isNonSpace(l.charCodeAt(0)) && isNonSpace(l.charCodeAt(l.length - 1)) ? l : l.trim();
}
const TABLE_RULE = /^\s*\|?[\s:|-]+\|?\s*$/;
const TASK_TABLE_HEADER = /nội dung|nhiệm vụ|công việc|chủ trì|phối hợp|thời (?:gian|hạn)|tiến độ/iu;

/**
 * Tables come two ways. A table of tasks (STT | Nội dung | Cơ quan chủ trì | ...)
 * keeps one row a line, cells between '|'. A layout table — a markdown or HTML
 * conversion's way to put the issuer beside the national motto, or the recipients
 * beside the signature — is flattened: each cell's lines, left cell first.
 * Tab-separated rows count as tables too.
 */
export function rewriteTables(lines: string[], mayHoldTabs = true, marks?: ArrayLike<number>): string[] {
  // (`mayHoldTabs` false: the caller knows no line holds a tab, and each would be left.)
  const tabbed = mayHoldTabs ? lines.map(tabRowToTableRow) : lines;
  // A tab row becomes a bar row: a line marked with neither holds no bar after.
  const rows = wrapBarePipeRows(tabbed, marks);
  const out: string[] = [];
  let i = 0;
  while (i < rows.length) {
    if (!isTableRow(rows[i] as string)) {
      out.push(rows[i] as string);
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && isTableRow(rows[j] as string)) j++;
    const group = rows.slice(i, j).filter((r) => !TABLE_RULE.test(r));
    const header = group[0] ? cellsOf(group[0]) : [];
    const isTaskTable = header.filter((c) => TASK_TABLE_HEADER.test(c)).length >= 2;
    if (isTaskTable) {
      for (const r of group)
        out.push(
          `| ${cellsOf(r)
            .map((c) => c.replace(/<br\s*\/?>/giu, ' '))
            .join(' | ')} |`,
        );
    } else {
      for (const r of group) {
        for (const c of cellsOf(r)) {
          if (!c) continue;
          for (const part of c.split(/<br\s*\/?>/iu)) if (!/^[-_=\s]*$/.test(part)) out.push(part.trim());
          out.push('');
        }
      }
    }
    i = j;
  }
  return out;
}

/** The cells of a '|' row, trimmed. */
function cellsOf(r: string): string[] {
  return r
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** A line of cells between tabs, as a '|' row. */
function tabRowToTableRow(l: string): string {
  if (l.includes('\t') && (l.match(/\t/g)?.length ?? 0) >= 2 && !TABLE_ROW.test(l))
    return `| ${l
      .split(/\t/)
      .map((c) => c.trim())
      .join(' | ')} |`;
  return l;
}

/**
 * A task table written as bare pipe lines, without the outer bars or a rule line
 * ("STT | Nội dung nhiệm vụ | Cơ quan chủ trì | ..." then "1 | ... | ... |"): its header
 * names the task table, and each following line with at most one bar fewer is a row (a
 * row may leave off its trailing bar and an empty last cell).
 */
function wrapBarePipeRows(lines: string[], marks?: ArrayLike<number>): string[] {
  // Lines are copied from the first rewrite on (most texts have none: the lines themselves).
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    // A line with no bar (by its marks: `marks` hold PIPE or TAB for each line with a bar).
    if (marks !== undefined && ((marks[i] as number) & (PIPE | TAB)) === 0) continue;
    const head = lines[i] as string;
    const n = bars(head);
    if (n < 2 || TABLE_ROW.test(head)) continue;
    const cells = head.split('|').map((c) => c.trim());
    if (cells.filter((c) => TASK_TABLE_HEADER.test(c)).length < 2) continue;
    let j = i + 1;
    while (j < lines.length && bars(lines[j] as string) >= n - 1 && !TABLE_ROW.test(lines[j] as string)) j++;
    if (j === i + 1) continue;
    out ??= lines.slice();
    for (let k = i; k < j; k++) out[k] = `| ${(lines[k] as string).trim().replace(/^\|\s*|\s*\|$/g, '')} |`;
    i = j - 1;
  }
  return out ?? lines;
}

/** The count of '|' in a line (split's pieces less one), without making the pieces. */
function bars(l: string): number {
  let n = 0;
  for (let p = l.indexOf('|'); p >= 0; p = l.indexOf('|', p + 1)) n++;
  return n;
}

/**
 * The closing mark "./." ends a document's body (Decree 30/2020, Phụ lục I);
 * what follows it on the same line is stamp or initials residue ("VT^{am}", "Ues").
 */
export function cutAfterClosingMark(lines: string[]): string[] {
  return lines.map(cutAfterClosingMarkIn);
}

/** A line cut after its closing mark, as cutAfterClosingMark does. */
function cutAfterClosingMarkIn(l: string): string {
  // A cut leaves "./." and something after it: a shorter line (an empty one) has none.
  if (l.length < 4) return l;
  const i = closingMarkAt(l);
  if (i < 0) return l;
  const rest = l.slice(i + 3).trim();
  return rest.length > 0 && rest.length <= 15 && !/\d{2}/.test(rest) ? l.slice(0, i + 3) : l;
}

/**
 * `l.indexOf('./.')`, found from the slashes: the native search for one character is much
 * cheaper than for three, and few lines hold a slash.
 */
function closingMarkAt(l: string): number {
  for (let i = l.indexOf('/'); i >= 0; i = l.indexOf('/', i + 1))
    if (l.charCodeAt(i - 1) === 46 && l.charCodeAt(i + 1) === 46) return i - 1; // '.'
  return -1;
}

/** A line as a stamp prints it, without the stars of its ring ("* TỈNH S"). */
function stampText(l: string): string {
  const t = l.trim();
  // The regex matches only at a star that starts or ends the text.
  return t.charCodeAt(0) === 42 || t.charCodeAt(t.length - 1) === 42 ? t.replace(/^\*+\s*|\s*\*+$/g, '') : t;
}

const STAMP_TOKEN = /^[A-ZĐÀ-ỸÂĂÊÔƠƯ]{1,5}(?: [A-ZĐÀ-ỸÂĂÊÔƠƯ]{1,5})?$/u;
/** Two short words in capitals that are a document's own lines, not stamp residue. */
const MEANINGFUL_PAIR =
  /^(?:CHỦ TỊCH|GIÁM ĐỐC|THÔNG BÁO|KẾ HOẠCH|QUYẾT ĐỊNH|BÁO CÁO|VĂN PHÒNG|TỜ TRÌNH|CÔNG VĂN|CHỈ THỊ|NGHỊ QUYẾT|GIẤY MỜI|TRƯỞNG BAN|BÍ THƯ|ỦY BAN|UỶ BAN)$/u;
const MEANINGFUL_SHORT = new Set(['ĐẾN', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']);

/** A stamp fragment: one to 11 characters between its spaces, one or two short capital words. */
function isFragment(l: string): boolean {
  // A longer line whose ends are no space nor star is its own stamp text: too long.
  if (l.length === 0 || (l.length > 11 && (endsInPrintableAscii(l) || endsInNonSpaceNonStar(l))))
    return false;
  const t = stampText(l);
  return STAMP_TOKEN.test(t) && !MEANINGFUL_SHORT.has(t) && !MEANINGFUL_PAIR.test(t);
}

function endsInNonSpaceNonStar(l: string): boolean {
  const a = l.charCodeAt(0);
  const z = l.charCodeAt(l.length - 1);
  return isNonSpace(a) && isNonSpace(z) && a !== 42 && z !== 42;
}

function endsInPrintableAscii(l: string): boolean {
  return isPrintableAscii(l.charCodeAt(0)) && isPrintableAscii(l.charCodeAt(l.length - 1));
}

/** "UỶ BAN" standing alone right above a run of fragments is the stamp's ring too. */
function isLoneWord(lines: string[], k: number): boolean {
  const t = stampText(lines[k] ?? '');
  return MEANINGFUL_PAIR.test(t) && (lines[k - 1] ?? '').trim() === '';
}

/**
 * Drops the fragments a round stamp or a signature leaves in OCR: runs of lines that
 * each hold one short upper-case word ("ĐA / VĂN / ỦY / NHÀ / KT").
 */
export function dropStampFragments(lines: string[]): string[] {
  const drop = stampFragments(lines);
  return drop ? lines.filter((_, k) => !drop[k]) : lines;
}

/** Which lines dropStampFragments drops (undefined: none). */
function stampFragments(lines: string[]): boolean[] | undefined {
  let drop: boolean[] | undefined;
  let i = 0;
  while (i < lines.length) {
    if (!isFragment(lines[i] as string)) {
      i++;
      continue;
    }
    // Extend the run over fragment lines and blank lines between them.
    let j = i;
    let count = 0;
    let last = i;
    while (j < lines.length && (isFragment(lines[j] as string) || (lines[j] as string).trim() === '')) {
      if (isFragment(lines[j] as string)) {
        count++;
        last = j;
      }
      j++;
    }
    const isolated =
      count === 1 && (lines[i - 1] ?? '').trim() === '' && (lines[last + 1] ?? '').trim() === '';
    if (count >= 2 || (isolated && (lines[i] as string).trim().length <= 2)) {
      drop ??= new Array<boolean>(lines.length).fill(false);
      for (let k = i; k <= last; k++) drop[k] = true;
      if (count >= 2 && isLoneWord(lines, i - 1)) drop[i - 1] = true;
    }
    i = last + 1;
  }
  return drop;
}

/** Lines of the top of the first page that may head the pages after it. */
const HEAD_LINES = 6;
/** Where the first page's own header surely ends. */
const FIRST_PAGE_HEAD = 12;

/**
 * Drops the running head OCR reads at the top of each later page: the issuer's name in
 * capitals ("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG"), one line of the first page's issuer block or
 * two of them joined. Left there, it splits the sentence the page break cut.
 */
export function dropRunningHeads(lines: string[]): string[] {
  const heads = runningHeads(lines);
  return heads ? lines.filter((l, i) => !isRunningHead(l, i, heads)) : lines;
}

/** The keys of the lines that head the first page, and of each two of them joined (undefined: none). */
function runningHeads(lines: string[]): Set<string> | undefined {
  const heads = new Set<string>();
  let previous: string | null = null;
  for (let i = 0, seen = 0; i < lines.length && seen < HEAD_LINES; i++) {
    const key = headKey(lines[i] as string);
    if (key === null) {
      if ((lines[i] as string).trim() !== '') break;
      continue;
    }
    seen++;
    heads.add(key);
    if (previous !== null) heads.add(`${previous} ${key}`);
    previous = key;
  }
  return heads.size === 0 ? undefined : heads;
}

/** Whether line `i` repeats a running head of `heads` (runningHeads). */
function isRunningHead(l: string, i: number, heads: Set<string> | undefined): boolean {
  // A running head stands alone on its line: most lines fail on their first small letter
  // (and a line shorter than 4 has no head key).
  if (heads === undefined || i < FIRST_PAGE_HEAD || l.length < 4 || !isUpperCase(l)) return false;
  const key = headKey(l);
  return key !== null && heads.has(key);
}

/** The folded key of a line in capitals (its left column, stars dropped), else null. */
function headKey(line: string): string | null {
  // The key is made of a part of the line: a shorter line has none (blank lines are many).
  if (line.length < 4) return null;
  const left = leftColumn(line);
  const bare = (left.includes('*') ? left.replace(/\*/g, '') : left).trim();
  if (bare.length < 4 || !isUpperCase(bare) || !/\p{Lu}/u.test(bare)) return null;
  return asciiKey(foldSpaces(bare));
}

/**
 * `blocks.map((b) => b.join('\n')).join('\n\n')` with one join: a block's lines (an empty
 * block: one empty line) and an empty line between blocks.
 */
function joinBlocks(blocks: string[][]): string {
  const lines: string[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k] as string[];
    if (k > 0) lines.push('');
    if (block.length === 0) lines.push('');
    for (const l of block) lines.push(l);
  }
  return lines.join('\n');
}

/**
 * Groups lines into blocks separated by blank lines; blank lines are not kept, nor the
 * lines `drop` marks (as if dropped before). `joinBreaks`: the blocks as joinPageBreaks
 * leaves them.
 */
export function toBlocks(lines: string[], drop?: boolean[], joinBreaks = false): string[][] {
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (drop?.[k]) continue;
    const t = trimmed(lines[k] as string);
    if (t !== '') cur.push(t);
    // A blank line ends a block (a run of them, one).
    else if (cur.length) {
      addBlock(blocks, cur, joinBreaks);
      cur = [];
    }
  }
  if (cur.length) addBlock(blocks, cur, joinBreaks);
  return blocks;
}

/**
 * Adds a block that toBlocks made, joined to the one before when `joinBreaks` and a page
 * break cut them (joinPageBreaks): the blocks are new, so the one before takes its lines.
 */
function addBlock(blocks: string[][], b: string[], joinBreaks: boolean): void {
  const prev = blocks[blocks.length - 1];
  if (joinBreaks && prev !== undefined && continuesAcrossBreak(prev, b)) {
    prev[prev.length - 1] = `${prev[prev.length - 1] as string} ${b[0] as string}`;
    for (let i = 1; i < b.length; i++) prev.push(b[i] as string);
  } else blocks.push(b);
}

function tokenSet(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of asciiKey(s).split(' ')) if (t) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) common += Math.min(v, b.get(k) ?? 0);
  return na + nb === 0 ? 0 : (2 * common) / (na + nb);
}

/** Whether blocks `a` and `b` say the same; `sets` keeps their token sets once built. */
function similarBlocks(
  blocks: string[][],
  texts: (string | undefined)[],
  sets: (Map<string, number> | undefined)[],
  a: number,
  b: number,
): boolean {
  const ta = textOf(blocks, texts, a);
  const tb = textOf(blocks, texts, b);
  if (ta === tb) return true;
  if (ta.length < 40 || tb.length < 40) return asciiKey(ta) === asciiKey(tb);
  sets[a] ??= tokenSet(ta);
  sets[b] ??= tokenSet(tb);
  return dice(sets[a], sets[b]) >= 0.6;
}

/**
 * A scan that holds some pages twice (often a first and a revised version) shows
 * up as a run of blocks that appears again later. The earlier copy is dropped.
 */
export function dropRepeatedBlocks(blocks: string[][]): { blocks: string[][]; removedBlocks: number } {
  const n = blocks.length;
  if (n < 6 || n > 20_000) return { blocks, removedBlocks: 0 };
  // A block's text (its lines joined) is built when first read (textOf).
  const texts: (string | undefined)[] = new Array(n);
  const sets: (Map<string, number> | undefined)[] = new Array(n);
  // Candidate pairs: blocks whose opening words agree. Most blocks share their opening with
  // no other; a hash of the head finds them without building it, and they get no head.
  // (A block gets its head when a second one has the same hash: one look-up a block.)
  const heads: (string | undefined)[] = new Array(n);
  clearHashTable(n);
  for (let k = 0; k < n; k++) {
    const t = openingOf(blocks, texts, k);
    if (t.length < 40) continue;
    const first = firstWithHash(headHash(t), k);
    if (first >= 0) {
      heads[first] ??= headOf(openingOf(blocks, texts, first));
      heads[k] = headOf(t);
    }
  }
  const byHead = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const head = heads[k];
    if (head === undefined) continue;
    const list = byHead.get(head);
    if (list) {
      if (list.length < 8) list.push(k);
    } else byHead.set(head, [k]);
  }
  // No two blocks open alike (most texts): none is repeated.
  if (byHead.size === 0) return { blocks, removedBlocks: 0 };
  const remove = new Array<boolean>(n).fill(false);
  let removed = 0;
  for (let i = 0; i < n; i++) {
    const head = heads[i];
    if (remove[i] || head === undefined) continue;
    for (const j of byHead.get(head) ?? []) {
      if (j <= i) continue;
      // Extend the aligned run, forgiving one block that differs.
      let len = 0;
      let chars = 0;
      let misses = 0;
      while (i + len < j && j + len < n) {
        if (similarBlocks(blocks, texts, sets, i + len, j + len)) {
          chars += textOf(blocks, texts, i + len).length;
          len++;
        } else if (
          misses === 0 &&
          i + len + 1 < j &&
          j + len + 1 < n &&
          similarBlocks(blocks, texts, sets, i + len + 1, j + len + 1)
        ) {
          misses++;
          len++;
        } else break;
      }
      // Two long paragraphs repeated in order are a repeated page too; shorter runs need three.
      if (len >= 2 && chars >= 400) {
        for (let k = i; k < i + len; k++) remove[k] = true;
        removed += len;
        i += len - 1;
        break;
      }
    }
  }
  return { blocks: blocks.filter((_, k) => !remove[k]), removedBlocks: removed };
}

/** Block k's lines joined by spaces, kept in `texts` (a one-line block's text is its line). */
function textOf(blocks: string[][], texts: (string | undefined)[], k: number): string {
  const b = blocks[k] as string[];
  texts[k] ??= b.length === 1 ? (b[0] as string) : b.join(' ');
  return texts[k];
}

/**
 * textOf(k), or a text as long as 60 characters at least that opens like it: headHash and
 * headOf read the first 60 characters of a text, and the length test asks for 40. A first
 * line that long is such a text, without a join.
 */
function openingOf(blocks: string[][], texts: (string | undefined)[], k: number): string {
  const first = (blocks[k] as string[])[0];
  return first !== undefined && first.length >= 60 ? first : textOf(blocks, texts, k);
}

/**
 * A table from head hashes to the first block with each (what a Map<number, number> would
 * hold, without its cost for ~40 keys a text): open addressing in buffers that every call
 * reuses. A slot is taken when its stamp is the call's; a new stamp clears the table.
 */
let slotHash = new Int32Array(1024);
let slotBlock = new Int32Array(1024);
let slotStamp = new Uint32Array(1024);
let stamp = 0;

/** Empties the table, made room for `n` blocks (half its slots at most). */
function clearHashTable(n: number): void {
  if (slotHash.length < 2 * n || stamp === 0xffffffff) {
    const size = Math.max(slotHash.length, 2 ** Math.ceil(Math.log2(2 * n)));
    slotHash = new Int32Array(size);
    slotBlock = new Int32Array(size);
    slotStamp = new Uint32Array(size);
    stamp = 0;
  }
  stamp++;
}

/** The first block given `hash` (-1 when none: block `k` is then the first). */
function firstWithHash(hash: number, k: number): number {
  const mask = slotHash.length - 1;
  for (let s = (hash ^ (hash >>> 16)) & mask; ; s = (s + 1) & mask) {
    if (slotStamp[s] !== stamp) {
      slotStamp[s] = stamp;
      slotHash[s] = hash;
      slotBlock[s] = k;
      return -1;
    }
    if (slotHash[s] === hash) return slotBlock[s] as number;
  }
}

/** A block's head: the key of its opening words. */
function headOf(text: string): string {
  return asciiKey(text.slice(0, 60)).slice(0, 40);
}

/**
 * A hash of the first HASHED characters of headOf(text): equal for equal heads, and
 * different for most blocks. The key is read off a table as asciiKey would make it (one
 * space for each run of other characters, none at the ends), without building it; an
 * opening with a character outside Latin and Latin Extended Additional (which asciiKey may
 * first normalise) has its head built and hashed.
 */
function headHash(text: string): number {
  let h = FNV_OFFSET;
  let length = 0;
  let space = false;
  for (let i = 0; i < text.length && i < 60 && length < HASHED; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return hashOf(headOf(text).slice(0, HASHED));
    const k = KEY_CODE[c] as number;
    if (k === 0) {
      space = length > 0;
      continue;
    }
    if (space) {
      h = Math.imul(h ^ 32, FNV_PRIME);
      space = false;
      if (++length === HASHED) break;
    }
    h = Math.imul(h ^ k, FNV_PRIME);
    length++;
  }
  return h;
}

const HASHED = 16;

function hashOf(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** asciiKey of each character below U+0300 and of Latin Extended Additional (0 when it has none). */
const KEY_CODE = new Uint8Array(0x1f00);
for (let c = 0; c < 0x1f00; c = c === 0x2ff ? 0x1e00 : c + 1)
  KEY_CODE[c] = asciiKey(String.fromCharCode(c)).charCodeAt(0) || 0;

/** `/^\p{Ll}/u.test(s)`, from the first char code when it is ASCII (most lines). */
function startsLowerCase(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : /^\p{Ll}/u.test(s);
}

/** A block cannot end on a word that needs a complement ("và", "của", "với" ...). */
const DANGLING = /(?:^|\s)(?:và|của|với|cho|các|để|theo|tại|về|trong|những|được|là)$/u;
/** The printable ASCII characters that end a DANGLING word. */
const DANGLING_ENDS = asciiSet('acgio');
const isDangling = (l: string) => mayEndIn(l, DANGLING_ENDS) && DANGLING.test(l);

/** `/[\p{L},\d]$/u.test(s)`, from the last char code when it is ASCII (most lines). */
function endsInLetterCommaOrDigit(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  if (!(c < 128)) return /[\p{L},\d]$/u.test(s);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 44;
}

const LIST_START = /^(?:[-+*•–—]\s|[a-zđ][).]\s|\d+[.)]|[IVXLC]+\.\s)/u;

/** Whether block `b` goes on with the sentence of block `prev` (joinPageBreaks). */
function continuesAcrossBreak(prev: string[], b: string[]): boolean {
  const lastLine = prev[prev.length - 1] as string;
  const first = b[0] as string;
  const continues = startsLowerCase(first) && endsInLetterCommaOrDigit(lastLine);
  return (continues || isDangling(lastLine)) && !LIST_START.test(first) && !/^\|/.test(first);
}

/**
 * A page break in the middle of a sentence leaves "... Truyền" / blank line /
 * "thông, ...": a block that does not end a sentence, followed by one that starts
 * in lower case (and is not a list item), is the same paragraph.
 */
export function joinPageBreaks(blocks: string[][]): string[][] {
  const out: string[][] = [];
  // Blocks are copied only to be joined: a block of the input is never changed.
  let lastIsCopy = false;
  for (const b of blocks) {
    const prev = out[out.length - 1];
    const first = b[0] as string;
    if (prev) {
      const lastLine = prev[prev.length - 1] as string;
      if (continuesAcrossBreak(prev, b)) {
        const joined = lastIsCopy ? prev : prev.slice();
        joined[joined.length - 1] = `${lastLine} ${first}`;
        joined.push(...b.slice(1));
        out[out.length - 1] = joined;
        lastIsCopy = true;
        continue;
      }
    }
    out.push(b);
    lastIsCopy = false;
  }
  return out;
}
