import {
  type DeclaredFamily,
  decodeText,
  FAMILY_LABEL,
  familyFromContentType,
  familyFromFileName,
  KIND_LABEL,
  type SniffedKind,
  sniff,
} from './detect.ts';
import { docxToText, inspectDocx } from './docx.ts';
import { formatBytes, IngestError } from './errors.ts';
import { type ImageInfo, jpegInfo, pngInfo, tiffInfo } from './images.ts';
import { detectLegacyEncoding, LEGACY_HINT } from './legacy.ts';
import { type OcrPage, type OcrSettings, ocrImage, ocrPdfPages } from './ocr.ts';
import { readPdf } from './pdf.ts';
import type { ZipInspection } from './zip.ts';

export type IngestFormat = 'text' | 'docx' | 'pdf' | 'pdf-ocr' | 'image-ocr';

export interface IngestInput {
  bytes: Uint8Array;
  fileName: string;
  contentType?: string;
}

export interface IngestOptions {
  /** Largest upload accepted (default 50 MB). */
  maxBytes?: number;
  /** Time budget for all OCR child processes of one file (default 180 s). */
  ocrTimeoutMs?: number;
  /** Most pages OCR'd for one scanned file (default 30). */
  maxOcrPages?: number;
  signal?: AbortSignal;
  /** Commands, for servers with OCR installed elsewhere (default: `tesseract`, `pdftoppm` on PATH). */
  tesseractCommand?: string;
  pdftoppmCommand?: string;
}

export interface IngestResult {
  text: string;
  format: IngestFormat;
  /** Pages of a PDF or of a (multi-page) image; null for text and DOCX. */
  pages: number | null;
  /** Vietnamese notes for the reviewing officer (pages OCR'd, parts unreadable ...). */
  warnings: string[];
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_OCR_TIMEOUT_MS = 180_000;
export const DEFAULT_MAX_OCR_PAGES = 30;
/** An A4 page at 600 dpi is 35 Mpx; anything far above is a decompression bomb. */
export const MAX_IMAGE_PIXELS = 120_000_000;

type RealKind = 'pdf' | 'docx' | 'png' | 'jpeg' | 'tiff' | 'text';

const REAL_FAMILY: Record<RealKind, DeclaredFamily> = {
  pdf: 'pdf',
  docx: 'word',
  png: 'image',
  jpeg: 'image',
  tiff: 'image',
  text: 'text',
};

const SUPPORTED = 'DOCX, PDF, ảnh chụp/bản scan (PNG, JPEG, TIFF) hoặc văn bản thuần UTF-8 (TXT, MD)';

function emptyError(what: string): IngestError {
  return new IngestError(
    'empty',
    `${what} không có nội dung chữ để trích xuất. Hãy kiểm tra lại tệp (đúng tệp thông báo, không phải trang trắng) rồi tải lên lại.`,
  );
}

function legacyError(what: string): IngestError {
  return new IngestError(
    'unsupported-format',
    `${what} được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI, phông .VnTime/VNI-Times) nên không đọc được thành tiếng Việt. ${LEGACY_HINT}`,
    { reason: 'legacy-encoding' },
  );
}

function unsupported(kind: SniffedKind, bytes: Uint8Array): IngestError {
  switch (kind) {
    case 'ole': {
      // An Office file protected by a password is an OLE container holding "EncryptedPackage".
      const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
        Buffer.from('EncryptedPackage', 'utf16le'),
      );
      return new IngestError(
        'unsupported-format',
        encrypted
          ? 'Tệp Word đang được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu, lưu lại thành .docx rồi tải lên lại.'
          : 'Tệp ở định dạng Word cũ (.doc) chưa được hỗ trợ. Hãy mở bằng Word và chọn «Lưu thành» .docx (hoặc xuất ra PDF) rồi tải lên lại.',
        { kind, encrypted },
      );
    }
    case 'rtf':
      return new IngestError(
        'unsupported-format',
        'Tệp RTF chưa được hỗ trợ. Hãy mở bằng Word và lưu thành .docx (hoặc xuất ra PDF) rồi tải lên lại.',
        { kind },
      );
    case 'heic':
      return new IngestError(
        'unsupported-format',
        'Ảnh HEIC/HEIF (ảnh chụp từ iPhone) chưa được hỗ trợ. Hãy chuyển ảnh sang JPEG ' +
          '(trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất, hoặc gửi ảnh qua Zalo/email) rồi tải lên lại.',
        { kind },
      );
    case 'gif':
    case 'bmp':
    case 'webp':
      return new IngestError(
        'unsupported-format',
        `Ảnh ${kind.toUpperCase()} chưa được hỗ trợ. Hãy lưu ảnh thành PNG hoặc JPEG (hoặc quét lại ra PDF) rồi tải lên lại.`,
        { kind },
      );
    default:
      if (looksLikeLegacyText(bytes)) {
        return new IngestError(
          'unsupported-format',
          'Tệp văn bản không ở mã Unicode UTF-8 (có thể là mã TCVN3, VNI hoặc Windows-1258). ' +
            'Hãy mở tệp và lưu lại với mã Unicode UTF-8 (hoặc chuyển mã bằng Unikey) rồi tải lên lại.',
          { kind: 'legacy-text' },
        );
      }
      return new IngestError(
        'unsupported-format',
        `Không nhận ra định dạng của tệp. Hãy tải lên thông báo dưới dạng ${SUPPORTED}.`,
        { kind },
      );
  }
}

/** Mostly printable 8-bit bytes without NULs: a text file in a legacy Vietnamese code page. */
function looksLikeLegacyText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const sample = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls += 1;
  }
  return controls <= sample.length / 100;
}

/** The name and the declared content type must not contradict the bytes (a PNG named .pdf). */
function checkDeclared(input: IngestInput, real: RealKind): void {
  const actual = REAL_FAMILY[real];
  const declarations: Array<[string, DeclaredFamily | null]> = [
    ['phần mở rộng của tên tệp', familyFromFileName(input.fileName)],
    ['kiểu nội dung trình duyệt gửi lên', familyFromContentType(input.contentType)],
  ];
  for (const [source, declared] of declarations) {
    if (declared !== null && declared !== actual) {
      throw new IngestError(
        'type-mismatch',
        `Tệp «${input.fileName}» được khai báo là ${FAMILY_LABEL[declared]} (theo ${source}) ` +
          `nhưng nội dung thực là ${KIND_LABEL[real]}. Có thể tệp đã bị đổi tên: ` +
          'hãy tải lên đúng tệp gốc hoặc sửa phần mở rộng cho khớp với nội dung.',
        { declared, actual: real, source: source.startsWith('phần') ? 'fileName' : 'contentType' },
      );
    }
  }
}

export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '').normalize('NFC');
}

/**
 * Turns an uploaded file into the text the extractor reads. The real type is judged from
 * the bytes; a declared type that contradicts them is refused. Throws `IngestError`.
 */
export async function convertToText(input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  options.signal?.throwIfAborted();
  const { bytes } = input;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength === 0) throw emptyError('Tệp tải lên rỗng (0 byte) và');
  if (bytes.byteLength > maxBytes) {
    throw new IngestError(
      'too-large',
      `Tệp «${input.fileName}» có dung lượng ${formatBytes(bytes.byteLength)}, vượt giới hạn ${formatBytes(maxBytes)}. ` +
        'Hãy nén/giảm độ phân giải bản scan (300 dpi, đen trắng là đủ) hoặc tách tệp rồi tải lên lại.',
      { size: bytes.byteLength, maxBytes },
    );
  }

  const sniffed = sniff(bytes);
  let real: RealKind;
  let zip: ZipInspection | null = null;
  switch (sniffed) {
    case 'zip':
      zip = await inspectDocx(bytes);
      real = 'docx';
      break;
    case 'pdf':
    case 'png':
    case 'jpeg':
    case 'tiff':
    case 'text':
      real = sniffed;
      break;
    default:
      throw unsupported(sniffed, bytes);
  }
  checkDeclared(input, real);
  options.signal?.throwIfAborted();

  switch (real) {
    case 'text': {
      const decoded = decodeText(bytes);
      if (decoded === null) throw unsupported('unknown', bytes);
      const text = normalizeText(decoded);
      if (text.trim() === '') throw emptyError('Tệp văn bản');
      if (detectLegacyEncoding(text).legacy) throw legacyError('Tệp văn bản');
      return { text, format: 'text', pages: null, warnings: [] };
    }
    case 'docx': {
      if (zip === null) throw unsupported('zip', bytes);
      const { text, warnings } = await docxToText(zip);
      if (text.trim() === '') throw emptyError('Tệp Word');
      if (detectLegacyEncoding(text).legacy) throw legacyError('Tệp Word');
      return { text, format: 'docx', pages: null, warnings };
    }
    case 'pdf':
      return convertPdf(bytes, options);
    default:
      return convertImage(bytes, real, options);
  }
}

function ocrSettings(options: IngestOptions): OcrSettings {
  const timeoutMs = options.ocrTimeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
  return {
    tesseract: options.tesseractCommand ?? process.env.DONDOC_TESSERACT ?? 'tesseract',
    pdftoppm: options.pdftoppmCommand ?? process.env.DONDOC_PDFTOPPM ?? 'pdftoppm',
    deadline: Date.now() + timeoutMs,
    timeoutMs,
    signal: options.signal,
  };
}

function tooManyScanPages(count: number, max: number): IngestError {
  return new IngestError(
    'too-large',
    `Bản scan có ${count} trang cần nhận dạng chữ, vượt giới hạn ${max} trang một lần tải lên. ` +
      'Hãy tách riêng các trang của thông báo thành tệp nhỏ hơn rồi tải lên lại.',
    { pages: count, maxOcrPages: max },
  );
}

function pageList(pages: number[]): string {
  return pages.join(', ');
}

const OCR_REVIEW = 'chữ được nhận dạng tự động (OCR), hãy đối chiếu với bản gốc khi duyệt.';

/** Below this mean word confidence a page's OCR is poor enough to say so. */
export const LOW_OCR_CONFIDENCE = 75;

function ocrQualityWarnings(pages: Array<[number, OcrPage]>): string[] {
  const warnings: string[] = [];
  const turned = pages.filter(([, page]) => page.rotated);
  if (turned.length > 0) {
    warnings.push(
      `Trang ${pageList(turned.map(([number]) => number))} bị xoay ngang/ngược, đã được tự xoay lại để nhận dạng.`,
    );
  }
  const low = pages.filter(([, page]) => page.confidence !== null && page.confidence < LOW_OCR_CONFIDENCE);
  if (low.length > 0) {
    const detail = low
      .map(([number, page]) => `trang ${number}: ${Math.round(page.confidence ?? 0)}%`)
      .join(', ');
    warnings.push(
      `Bản scan mờ hoặc nghiêng, độ tin cậy nhận dạng thấp (${detail}): hãy soát kỹ số, ngày, tên cơ quan; ` +
        'nếu sai nhiều, hãy quét lại ở 300 dpi rồi tải lên lại.',
    );
  }
  return warnings;
}

async function convertPdf(bytes: Uint8Array, options: IngestOptions): Promise<IngestResult> {
  const pdf = await readPdf(bytes, options.signal);
  const warnings = [...pdf.warnings];
  const legacyPages = pdf.pages.filter((page) => page.legacyEncoding).map((page) => page.number);
  if (legacyPages.length > 0) {
    warnings.push(
      `Trang ${pageList(legacyPages)} có lớp chữ bằng bảng mã cũ (TCVN3/VNI) nên được nhận dạng lại từ hình trang (OCR).`,
    );
  }
  const foreignPages = pdf.pages.filter((page) => page.foreignOcr).map((page) => page.number);
  if (foreignPages.length > 0) {
    warnings.push(
      `Trang ${pageList(foreignPages)} là bản scan có lớp chữ không dấu (máy quét nhận dạng không có tiếng Việt) nên được nhận dạng lại.`,
    );
  }
  const scanPages = pdf.pages.filter((page) => page.needsOcr).map((page) => page.number);
  const texts = new Map(pdf.pages.map((page) => [page.number, page.text]));
  let ocrDone = false;
  if (scanPages.length > 0) {
    const maxPages = options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
    if (scanPages.length > maxPages) throw tooManyScanPages(scanPages.length, maxPages);
    const mixed = scanPages.length < pdf.pages.length;
    // Text to fall back on when OCR is missing: typed pages, or a scan's own (unaccented) layer.
    const usable = mixed || pdf.pages.some((page) => page.foreignOcr);
    try {
      const ocr = await ocrPdfPages(bytes, scanPages, ocrSettings(options));
      for (const [page, result] of ocr) texts.set(page, result.text);
      ocrDone = true;
      warnings.push(
        mixed
          ? `Trang ${pageList(scanPages)} là bản scan: ${OCR_REVIEW}`
          : `Tệp PDF là bản scan: ${OCR_REVIEW}`,
        ...ocrQualityWarnings([...ocr]),
      );
    } catch (error) {
      // A PDF that has a text layer on other pages still gives that text, with a warning.
      if (!(error instanceof IngestError) || error.code !== 'ocr-unavailable' || !usable) throw error;
      warnings.push(
        `Trang ${pageList(scanPages)} là bản scan nhưng chưa nhận dạng được chữ: ${error.message}`,
      );
    }
  }
  const text = pdf.pages
    .map((page) => texts.get(page.number) ?? '')
    .filter((page) => page.trim() !== '')
    .join('\n\n')
    .normalize('NFC');
  if (text.trim() === '') throw emptyError(ocrDone ? 'Bản scan PDF (đã nhận dạng chữ)' : 'Tệp PDF');
  return { text, format: ocrDone ? 'pdf-ocr' : 'pdf', pages: pdf.pages.length, warnings };
}

const IMAGE_EXTENSION: Record<'png' | 'jpeg' | 'tiff', string> = { png: 'png', jpeg: 'jpg', tiff: 'tif' };

async function convertImage(
  bytes: Uint8Array,
  kind: 'png' | 'jpeg' | 'tiff',
  options: IngestOptions,
): Promise<IngestResult> {
  const info: ImageInfo =
    kind === 'png' ? pngInfo(bytes) : kind === 'jpeg' ? jpegInfo(bytes) : tiffInfo(bytes);
  if (info.width !== null && info.height !== null && info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new IngestError(
      'too-large',
      `Ảnh có kích thước ${info.width} × ${info.height} điểm ảnh, quá lớn để nhận dạng chữ. ` +
        'Hãy quét lại ở 300 dpi (đủ cho nhận dạng) rồi tải lên lại.',
      { width: info.width, height: info.height, maxPixels: MAX_IMAGE_PIXELS },
    );
  }
  const maxPages = options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
  if (info.pages > maxPages) throw tooManyScanPages(info.pages, maxPages);
  const pages = await ocrImage(bytes, IMAGE_EXTENSION[kind], ocrSettings(options));
  const text = pages
    .map((page) => page.text)
    .filter((page) => page.trim() !== '')
    .join('\n\n')
    .normalize('NFC');
  if (text.trim() === '') throw emptyError('Ảnh (đã nhận dạng chữ)');
  const warnings = [
    `Ảnh chụp/bản scan: ${OCR_REVIEW}`,
    ...ocrQualityWarnings(pages.map((page, i): [number, OcrPage] => [i + 1, page])),
  ];
  return { text, format: 'image-ocr', pages: pages.length, warnings };
}
