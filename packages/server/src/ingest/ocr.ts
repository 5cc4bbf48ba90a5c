import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError } from './errors.ts';
import { type Row, renderRows, type Segment } from './layout.ts';

/** OCR with Debian's `tesseract` (Vietnamese data from `tesseract-ocr-vie`) and `pdftoppm`. */
export interface OcrSettings {
  tesseract: string;
  pdftoppm: string;
  /** Absolute time (ms since epoch) after which every child process is refused or killed. */
  deadline: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

const INSTALL_HINT =
  'Quản trị viên cần cài đặt trên máy chủ: apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils. ' +
  'Trong lúc chờ, hãy tải lên bản Word (DOCX) hoặc PDF có lớp chữ của thông báo.';

function unavailable(what: string, reason: string): IngestError {
  return new IngestError('ocr-unavailable', `${what} ${INSTALL_HINT}`, { reason });
}

interface RunResult {
  stdout: Buffer;
  stderr: Buffer;
}

class CommandMissing extends Error {}

function run(command: string, args: string[], settings: OcrSettings, what: string): Promise<RunResult> {
  const remaining = settings.deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timeoutError(settings));
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        encoding: 'buffer',
        timeout: remaining,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        signal: settings.signal,
        windowsHide: true,
        // One OpenMP thread: on this 2-core host tesseract took 2.1–2.8 s a page instead of
        // 5.8–6.4 s with its default threads (measured under load); pages run one at a time.
        env: { ...process.env, OMP_THREAD_LIMIT: process.env.OMP_THREAD_LIMIT ?? '1' },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        if (settings.signal?.aborted) {
          reject(settings.signal.reason);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          reject(new CommandMissing(`${command}: ${code}`));
          return;
        }
        if ((error as { killed?: boolean }).killed || Date.now() >= settings.deadline) {
          reject(timeoutError(settings));
          return;
        }
        const detail = Buffer.from(stderr).toString('utf8').trim().split('\n').slice(-3).join(' ');
        reject(new Error(`${what} failed: ${detail || error.message}`));
      },
    );
  });
}

function timeoutError(settings: OcrSettings): IngestError {
  return new IngestError(
    'ocr-unavailable',
    `Nhận dạng chữ (OCR) vượt quá thời gian cho phép (${Math.round(settings.timeoutMs / 1000)} giây). ` +
      'Hãy thử lại sau, hoặc tách bản scan thành tệp ít trang hơn, hoặc tải lên bản Word/PDF có lớp chữ.',
    { reason: 'timeout', timeoutMs: settings.timeoutMs },
  );
}

/**
 * OCR jobs (one file each, its pages one after another) that may run at once in this process.
 * tesseract keeps a core busy; on the 2-core servers this runs on, one job at a time keeps
 * the HTTP server responsive and is not slower overall. Others wait within their time budget.
 */
const limiter = {
  concurrency:
    Number(process.env.DONDOC_OCR_CONCURRENCY) || Math.max(1, Math.floor(availableParallelism() / 2)),
  active: 0,
  queue: [] as Array<() => void>,
};

/** Changes the OCR concurrency of this process (at start-up, or in tests); returns the previous settings. */
export function configureOcr(settings: { concurrency?: number }): { concurrency: number } {
  const previous = { concurrency: limiter.concurrency };
  if (settings.concurrency !== undefined) limiter.concurrency = Math.max(1, Math.floor(settings.concurrency));
  return previous;
}

function release(): void {
  limiter.active -= 1;
  limiter.queue.shift()?.();
}

async function withOcrSlot<T>(settings: OcrSettings, job: () => Promise<T>): Promise<T> {
  if (limiter.active >= limiter.concurrency) {
    await new Promise<void>((resolve, reject) => {
      const start = (): void => {
        clearTimeout(timer);
        settings.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const leave = (error: unknown): void => {
        const index = limiter.queue.indexOf(start);
        if (index >= 0) limiter.queue.splice(index, 1);
        settings.signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => leave(settings.signal?.reason);
      const timer = setTimeout(
        () => leave(timeoutError(settings)),
        Math.max(0, settings.deadline - Date.now()),
      );
      settings.signal?.addEventListener('abort', onAbort, { once: true });
      limiter.queue.push(start);
    });
  }
  limiter.active += 1;
  try {
    return await job();
  } finally {
    release();
  }
}

const verified = new Set<string>();

/** Checks once per process that tesseract with Vietnamese data (and pdftoppm when needed) runs. */
export async function checkOcrTools(settings: OcrSettings, needPdftoppm: boolean): Promise<void> {
  const key = `tesseract:${settings.tesseract}`;
  if (!verified.has(key)) {
    let langs: string;
    try {
      langs = (await run(settings.tesseract, ['--list-langs'], settings, 'tesseract')).stdout.toString(
        'utf8',
      );
    } catch (error) {
      if (error instanceof IngestError || settings.signal?.aborted) throw error;
      throw unavailable(
        'Máy chủ chưa cài chương trình nhận dạng chữ (tesseract) nên chưa đọc được bản scan/ảnh chụp.',
        'tesseract-missing',
      );
    }
    if (!langs.split(/\s+/).includes('vie')) {
      throw unavailable(
        'Máy chủ đã có tesseract nhưng thiếu dữ liệu tiếng Việt (vie.traineddata) nên chưa đọc được bản scan/ảnh chụp.',
        'vie-missing',
      );
    }
    verified.add(key);
  }
  const popplerKey = `pdftoppm:${settings.pdftoppm}`;
  if (needPdftoppm && !verified.has(popplerKey)) {
    try {
      await run(settings.pdftoppm, ['-v'], settings, 'pdftoppm');
    } catch (error) {
      if (error instanceof IngestError || settings.signal?.aborted) throw error;
      throw unavailable(
        'Máy chủ chưa cài chương trình chuyển trang PDF thành ảnh (pdftoppm, gói poppler-utils) nên chưa đọc được PDF dạng scan.',
        'pdftoppm-missing',
      );
    }
    verified.add(popplerKey);
  }
}

export interface OcrPage {
  text: string;
  /** Mean word confidence reported by tesseract (0–100), null when no word was found. */
  confidence: number | null;
  /** Degrees the page was turned to be read (a sideways photo), when it was. */
  rotated?: number;
}

interface OcrWord {
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

interface OcrLine {
  key: string;
  block: string;
  paragraph: string;
  words: OcrWord[];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/**
 * With `--psm 1` tesseract reads a sideways or upside-down page but reports the word boxes in
 * the image's own frame. Turns the boxes into the reading frame (x along the line, y down the
 * page), judging the direction from how the words of each line follow one another.
 */
function uprightLines(lines: OcrLine[]): OcrLine[] {
  let horizontal = 0;
  let vertical = 0;
  let along = 0;
  const direction = { right: 0, left: 0, down: 0, up: 0 };
  for (const line of lines) {
    const first = line.words[0];
    const last = line.words.at(-1);
    if (!first || !last || first === last) continue;
    const dx = last.left + last.width / 2 - (first.left + first.width / 2);
    const dy = last.top + last.height / 2 - (first.top + first.height / 2);
    if (Math.abs(dx) >= Math.abs(dy)) {
      horizontal += 1;
      direction[dx >= 0 ? 'right' : 'left'] += 1;
    } else {
      vertical += 1;
      direction[dy >= 0 ? 'down' : 'up'] += 1;
    }
    along += 1;
  }
  if (along === 0) return lines;
  const reading =
    horizontal >= vertical
      ? direction.right >= direction.left
        ? 'right'
        : 'left'
      : direction.down >= direction.up
        ? 'down'
        : 'up';
  if (reading === 'right') return lines;
  // Lines follow one another across the reading direction; find which way.
  const cross = (word: OcrWord): number =>
    reading === 'left' ? word.top + word.height / 2 : word.left + word.width / 2;
  const firstLine = lines[0]?.words[0];
  const lastLine = lines.at(-1)?.words[0];
  const forward = firstLine && lastLine ? cross(lastLine) >= cross(firstLine) : true;
  const turn = (word: OcrWord): OcrWord => {
    switch (reading) {
      case 'left':
        return {
          ...word,
          left: -(word.left + word.width),
          top: forward ? word.top : -(word.top + word.height),
        };
      case 'down':
        return {
          ...word,
          left: word.top,
          width: word.height,
          top: forward ? word.left : -(word.left + word.width),
          height: word.width,
        };
      default:
        return {
          ...word,
          left: -(word.top + word.height),
          width: word.height,
          top: forward ? word.left : -(word.left + word.width),
          height: word.width,
        };
    }
  };
  return lines.map((line) => ({ ...line, words: line.words.map(turn) }));
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function boxOf(line: OcrLine): Box {
  return {
    top: Math.min(...line.words.map((w) => w.top)),
    bottom: Math.max(...line.words.map((w) => w.top + w.height)),
    left: Math.min(...line.words.map((w) => w.left)),
    right: Math.max(...line.words.map((w) => w.left + w.width)),
  };
}

/**
 * Lines of different blocks side by side (with --psm 1 the header's two columns are two
 * blocks) form one row, as a row of --psm 6 does; lines are put in page order.
 */
function mergeRows(lines: OcrLine[]): OcrLine[][] {
  if (new Set(lines.map((line) => line.block)).size <= 1) return lines.map((line) => [line]);
  const boxed = lines.map((line) => ({ line, box: boxOf(line) })).sort((a, b) => a.box.top - b.box.top);
  const rows: Array<Array<{ line: OcrLine; box: Box }>> = [];
  for (const entry of boxed) {
    const row = rows.at(-1);
    const fits =
      row?.every(({ line, box }) => {
        const overlap = Math.min(box.bottom, entry.box.bottom) - Math.max(box.top, entry.box.top);
        const height = Math.min(box.bottom - box.top, entry.box.bottom - entry.box.top);
        const apart = entry.box.left >= box.right || entry.box.right <= box.left;
        return line.block !== entry.line.block && apart && overlap >= height * 0.5;
      }) ?? false;
    if (row && fits) row.push(entry);
    else rows.push([entry]);
  }
  return rows.map((row) => row.sort((a, b) => a.box.left - b.box.left).map(({ line }) => line));
}

/**
 * Rebuilds the text of each page from tesseract's TSV (word boxes), the same way as a PDF
 * text layer: a wide gap inside a line (the header's second column, Decree 30/2020 Phụ lục I)
 * becomes a tab, a new paragraph or a clearly larger line step a blank line.
 */
export function tsvToPages(tsv: string): OcrPage[] {
  const pages = new Map<number, OcrLine[]>();
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = (cols.slice(11).join('\t') ?? '').trim();
    if (text === '') continue;
    const [, page, block, par, line] = cols.map((c) => Number.parseInt(c, 10));
    const word: OcrWord = {
      left: Number(cols[6]),
      top: Number(cols[7]),
      width: Number(cols[8]),
      height: Number(cols[9]),
      conf: Number(cols[10]),
      text,
    };
    const lines = pages.get(page ?? 1) ?? [];
    pages.set(page ?? 1, lines);
    const key = `${block}/${par}/${line}`;
    let current = lines.at(-1);
    if (!current || current.key !== key) {
      current = { key, block: String(block), paragraph: `${block}/${par}`, words: [] };
      lines.push(current);
    }
    current.words.push(word);
  }
  const out: OcrPage[] = [];
  const count = Math.max(0, ...pages.keys());
  for (let number = 1; number <= count; number++) {
    const rows = mergeRows(uprightLines(pages.get(number) ?? []));
    const bottoms = rows.map((row) =>
      Math.max(...row.flatMap((line) => line.words.map((w) => w.top + w.height))),
    );
    const steps = bottoms.slice(1).map((bottom, i) => bottom - (bottoms[i] ?? 0));
    const usual = median(steps.filter((step) => step > 0));
    const confidences: number[] = [];
    const layoutRows: Row[] = rows.map((row, i) => {
      const words = row
        .flatMap((line, index) => line.words.map((word) => ({ word, index })))
        .sort((a, b) => a.word.left - b.word.left);
      const size = median(words.map(({ word }) => word.height)) || 1;
      const segments: Segment[] = [];
      let current: Segment | null = null;
      let currentLine = -1;
      for (const { word, index } of words) {
        if (word.conf >= 0) confidences.push(word.conf);
        // A wide gap, or a word of another tesseract line (another block), starts a new part.
        if (current && (word.left - current.end > size * 2.5 || index !== currentLine)) current = null;
        currentLine = index;
        if (!current) {
          current = { x: word.left, end: word.left + word.width, text: word.text };
          segments.push(current);
          continue;
        }
        current.text += ` ${word.text}`;
        current.end = Math.max(current.end, word.left + word.width);
      }
      const previous = new Set((rows[i - 1] ?? []).map((line) => line.paragraph));
      const newParagraph = i > 0 && row.every((line) => !previous.has(line.paragraph));
      const step = steps[i - 1] ?? 0;
      const gapBefore = i > 0 && usual > 0 && step > usual * 1.3;
      return { segments, size, breakBefore: gapBefore || newParagraph, gapBefore };
    });
    const text = renderRows(layoutRows);
    out.push({
      text: text.normalize('NFC'),
      confidence: confidences.length > 0 ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
    });
  }
  return out.length > 0 ? out : [{ text: '', confidence: null }];
}

async function tesseract(image: string, settings: OcrSettings, psm: '6' | '1' = '6'): Promise<OcrPage[]> {
  try {
    // --psm 6: one uniform block, so a row of the header's two columns stays one row; TSV gives
    // the word boxes for the layout. --psm 1 (with orientation detection) reads a turned page.
    const { stdout } = await run(
      settings.tesseract,
      [image, 'stdout', '-l', 'vie', '--psm', psm, 'tsv'],
      settings,
      'tesseract',
    );
    return tsvToPages(stdout.toString('utf8'));
  } catch (error) {
    if (error instanceof CommandMissing) {
      throw unavailable('Không chạy được chương trình nhận dạng chữ (tesseract).', 'tesseract-missing');
    }
    throw error;
  }
}

/** Below this mean word confidence a page may be turned (a phone photo taken sideways). */
const TURNED_PAGE_CONFIDENCE = 60;

/** Degrees tesseract's orientation detection (osd.traineddata) would turn the page by; 0 when unsure. */
async function orientation(image: string, settings: OcrSettings): Promise<number> {
  try {
    const { stdout } = await run(settings.tesseract, [image, 'stdout', '--psm', '0'], settings, 'tesseract');
    const text = stdout.toString('utf8');
    const rotate = Number(/Rotate:\s*(\d+)/.exec(text)?.[1] ?? 0);
    const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(text)?.[1] ?? 0);
    return confidence >= 1.5 ? rotate : 0;
  } catch (error) {
    if (error instanceof IngestError || settings.signal?.aborted) throw error;
    return 0; // no osd data, or too little text to tell
  }
}

/** OCR of one image file; a poor single page is checked for being turned and read again if so. */
async function recognise(image: string, settings: OcrSettings): Promise<OcrPage[]> {
  const pages = await tesseract(image, settings);
  const [page] = pages;
  if (pages.length !== 1 || !page || (page.confidence ?? 0) >= TURNED_PAGE_CONFIDENCE) return pages;
  const rotate = await orientation(image, settings);
  if (rotate === 0) return pages;
  const turned = await tesseract(image, settings, '1');
  const [again] = turned;
  if (!again || (again.confidence ?? 0) <= (page.confidence ?? 0)) return pages;
  return [{ ...again, rotated: rotate }];
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-ocr-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function unreadable(kind: string, error: unknown): IngestError {
  return new IngestError(
    'corrupt-file',
    `Không đọc được ${kind} để nhận dạng chữ: tệp bị hỏng hoặc không đúng chuẩn. Hãy quét/xuất lại rồi tải lên lại.`,
    { reason: error instanceof Error ? error.message : String(error) },
    error,
  );
}

/** OCR of an image file (PNG, JPEG, TIFF; a TIFF may hold several pages). Text per page. */
export async function ocrImage(
  bytes: Uint8Array,
  extension: string,
  settings: OcrSettings,
): Promise<OcrPage[]> {
  await checkOcrTools(settings, false);
  return withOcrSlot(settings, () =>
    withTempDir(async (dir) => {
      const input = join(dir, `input.${extension}`);
      await writeFile(input, bytes);
      try {
        return await recognise(input, settings);
      } catch (error) {
        if (error instanceof IngestError || settings.signal?.aborted) throw error;
        throw unreadable('ảnh', error);
      }
    }),
  );
}

/** Renders the given PDF pages at 300 dpi (pdftoppm) and OCRs them one by one. */
export async function ocrPdfPages(
  bytes: Uint8Array,
  pageNumbers: number[],
  settings: OcrSettings,
): Promise<Map<number, OcrPage>> {
  await checkOcrTools(settings, true);
  return withOcrSlot(settings, () =>
    withTempDir(async (dir) => {
      const input = join(dir, 'input.pdf');
      await writeFile(input, bytes);
      const texts = new Map<number, OcrPage>();
      for (const page of pageNumbers) {
        const prefix = join(dir, `page-${page}`);
        try {
          await run(
            settings.pdftoppm,
            [
              '-r',
              '300',
              '-gray',
              '-png',
              '-f',
              String(page),
              '-l',
              String(page),
              '-singlefile',
              input,
              prefix,
            ],
            settings,
            'pdftoppm',
          );
        } catch (error) {
          if (error instanceof IngestError || settings.signal?.aborted) throw error;
          if (error instanceof CommandMissing) {
            throw unavailable(
              'Không chạy được chương trình chuyển trang PDF thành ảnh (pdftoppm).',
              'pdftoppm-missing',
            );
          }
          throw unreadable(`trang ${page} của tệp PDF`, error);
        }
        const image = `${prefix}.png`;
        const [text = { text: '', confidence: null }] = await recognise(image, settings).catch(
          (error: unknown) => {
            if (error instanceof IngestError || settings.signal?.aborted) throw error;
            throw unreadable(`ảnh trang ${page}`, error);
          },
        );
        texts.set(page, text);
        await rm(image, { force: true });
      }
      return texts;
    }),
  );
}
