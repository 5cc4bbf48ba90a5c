import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IngestError } from './errors.ts';
import { type Row, renderRows, type Segment } from './layout.ts';
import { detectLegacyEncoding, vietnameseMarkRatio } from './legacy.ts';

/** A text item of pdfjs' getTextContent (marked-content entries have no `str`). */
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export interface PdfPageText {
  /** 1-based page number. */
  number: number;
  text: string;
  /** Letters and digits in the text layer. */
  chars: number;
  /** Share of the page covered by images (0–1), measured only on pages with little text. */
  imageCoverage: number;
  /** The text layer is in a pre-Unicode code (TCVN3/VNI fonts): unreadable, OCR the page. */
  legacyEncoding: boolean;
  /** A full-page image under a text layer without Vietnamese marks (a copier's English OCR). */
  foreignOcr: boolean;
  /** The text layer is empty, nearly so, or unreadable: the page is a scan and needs OCR. */
  needsOcr: boolean;
}

export interface PdfText {
  pages: PdfPageText[];
  warnings: string[];
}

export const PDF_LIMITS = {
  maxPages: 300,
  /** Fewer letters than this on a page: nothing worth keeping, OCR it. */
  scanMaxChars: 30,
  /** A page mostly covered by an image with only a stamp/signature text layer is a scan. */
  scanImageCoverage: 0.5,
  scanImageMaxChars: 200,
  /** A scan's text layer with fewer Vietnamese marks than this (share of letters) came from an OCR without Vietnamese. */
  foreignOcrMarkRatio: 0.05,
  /** pdfjs runs on the server's thread: stop a pathological file between pages. */
  maxParseMs: 60_000,
} as const;

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function countChars(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

interface Line {
  y: number;
  size: number;
  items: PdfTextItem[];
}

function fontSize(item: PdfTextItem): number {
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d) || item.height || 1;
}

/**
 * Rebuilds lines from item positions: items on one baseline (within half a font size) form
 * a row, sorted by x; a gap wider than ~0.2 em becomes a space, a gap over 3 em splits the
 * row into parts (columns, table cells; see layout.ts). A vertical step a quarter above the
 * usual line spacing starts a new paragraph (a blank line).
 */
export function layoutLines(items: PdfTextItem[]): string {
  const visible = items.filter((item) => item.str.trim() !== '');
  const lines: Line[] = [];
  const sorted = [...visible].sort((a, b) => (b.transform[5] ?? 0) - (a.transform[5] ?? 0));
  for (const item of sorted) {
    const y = item.transform[5] ?? 0;
    const size = fontSize(item);
    const line = lines.find((candidate) => Math.abs(candidate.y - y) <= Math.min(candidate.size, size) * 0.5);
    if (line) {
      line.items.push(item);
      line.size = Math.max(line.size, size);
    } else {
      lines.push({ y, size, items: [item] });
    }
  }
  lines.sort((a, b) => b.y - a.y);

  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const current = lines[i];
    if (previous && current) steps.push(previous.y - current.y);
  }
  const usual = median(steps.filter((step) => step > 0));

  const rows: Row[] = lines.map((line, i) => {
    line.items.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
    const segments: Segment[] = [];
    let current: Segment | null = null;
    for (const item of line.items) {
      const x = item.transform[4] ?? 0;
      const size = fontSize(item);
      if (current && x - current.end > size * 3) current = null;
      if (!current) {
        current = { x, end: x + item.width, text: item.str };
        segments.push(current);
        continue;
      }
      if (x - current.end > size * 0.2 && !/\s$/.test(current.text) && !/^\s/.test(item.str))
        current.text += ' ';
      current.text += item.str;
      current.end = Math.max(current.end, x + item.width);
    }
    for (const segment of segments) segment.text = segment.text.replace(/[ \u00a0]+/g, ' ').trim();
    const step = i > 0 ? (steps[i - 1] ?? 0) : 0;
    return {
      segments: segments.filter((segment) => segment.text !== ''),
      size: line.size,
      breakBefore: i > 0 && usual > 0 && step > usual * 1.25 && step > line.size * 1.4,
    };
  });
  return renderRows(rows);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // The lower median: with few lines, the paragraph gaps must not set the usual spacing.
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** Share of the page area painted by images, from the operator list (unit square × CTM). */
function imageCoverage(fnArray: number[], argsArray: unknown[], pageArea: number): number {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let area = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) && matrix.length === 6) ctm = multiply(ctm, matrix as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (
      fn === OPS.paintImageXObject ||
      fn === OPS.paintInlineImageXObject ||
      fn === OPS.paintImageMaskXObject ||
      fn === OPS.paintImageXObjectRepeat
    ) {
      area += Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
    }
  }
  return pageArea > 0 ? Math.min(1, area / pageArea) : 0;
}

function pdfError(error: unknown): IngestError {
  const name = error instanceof Error ? error.name : '';
  const reason = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new IngestError(
      'unsupported-format',
      'Tệp PDF được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu (hoặc in/xuất lại ra PDF không mật khẩu) rồi tải lên lại.',
      { reason: 'encrypted' },
      error,
    );
  }
  return new IngestError(
    'corrupt-file',
    'Tệp PDF bị hỏng hoặc không đúng chuẩn nên không đọc được. Hãy mở thử tệp trên máy, xuất lại ra PDF (hoặc quét lại) rồi tải lên lại.',
    { reason },
    error,
  );
}

/** Reads the text layer of every page (pdfjs-dist 5 legacy build, no worker in Node). */
export async function readPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfText> {
  const task = getDocument({
    // A plain Uint8Array copy: pdfjs refuses a Buffer and may take ownership of the data.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
  });
  const abort = (): void => {
    void task.destroy();
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      signal?.throwIfAborted();
      throw pdfError(error);
    }
    if (doc.numPages > PDF_LIMITS.maxPages) {
      throw new IngestError(
        'too-large',
        `Tệp PDF có ${doc.numPages} trang, vượt giới hạn ${PDF_LIMITS.maxPages} trang cho một thông báo. Hãy tách riêng phần thông báo rồi tải lên lại.`,
        { pages: doc.numPages, maxPages: PDF_LIMITS.maxPages },
      );
    }
    const pages: PdfPageText[] = [];
    const warnings: string[] = [];
    const started = Date.now();
    for (let number = 1; number <= doc.numPages; number++) {
      signal?.throwIfAborted();
      if (Date.now() - started > PDF_LIMITS.maxParseMs) {
        throw new IngestError(
          'too-large',
          `Tệp PDF quá phức tạp: đọc ${number - 1}/${doc.numPages} trang đã mất hơn ${PDF_LIMITS.maxParseMs / 1000} giây. ` +
            'Hãy xuất lại tệp ra PDF (In → Lưu dưới dạng PDF) hoặc tách riêng phần thông báo rồi tải lên lại.',
          { pagesRead: number - 1, pages: doc.numPages },
        );
      }
      let text = '';
      let coverage = 0;
      try {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        const items = (content.items as unknown[]).filter(
          (item): item is PdfTextItem => typeof item === 'object' && item !== null && 'str' in item,
        );
        text = layoutLines(items);
        const chars = countChars(text);
        const fewMarks = vietnameseMarkRatio(text) < PDF_LIMITS.foreignOcrMarkRatio;
        if (chars >= PDF_LIMITS.scanMaxChars && (chars < PDF_LIMITS.scanImageMaxChars || fewMarks)) {
          const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
          const ops = await page.getOperatorList();
          coverage = imageCoverage(ops.fnArray, ops.argsArray, Math.abs((x1 - x0) * (y1 - y0)));
        }
        page.cleanup();
      } catch (error) {
        signal?.throwIfAborted();
        if (error instanceof IngestError) throw error;
        warnings.push(`Không đọc được lớp chữ của trang ${number}; trang này được nhận dạng như bản scan.`);
        text = '';
      }
      const chars = countChars(text);
      const legacyEncoding = detectLegacyEncoding(text).legacy;
      const foreignOcr =
        !legacyEncoding &&
        chars >= PDF_LIMITS.scanImageMaxChars &&
        coverage >= PDF_LIMITS.scanImageCoverage &&
        vietnameseMarkRatio(text) < PDF_LIMITS.foreignOcrMarkRatio;
      const needsOcr =
        legacyEncoding ||
        foreignOcr ||
        chars < PDF_LIMITS.scanMaxChars ||
        (chars < PDF_LIMITS.scanImageMaxChars && coverage >= PDF_LIMITS.scanImageCoverage);
      pages.push({
        number,
        text: legacyEncoding ? '' : text.normalize('NFC'),
        chars,
        imageCoverage: coverage,
        legacyEncoding,
        foreignOcr,
        needsOcr,
      });
    }
    return { pages, warnings };
  } finally {
    signal?.removeEventListener('abort', abort);
    await task.destroy().catch(() => undefined);
  }
}
