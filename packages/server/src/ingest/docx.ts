import mammoth from 'mammoth';
import { IngestError } from './errors.ts';
import { htmlToText } from './html-text.ts';
import { labelNumberedParagraphs, readNumbering } from './numbering.ts';
import { inspectZip, type ZipInspection } from './zip.ts';

export const DOCX_MAIN = 'word/document.xml';
const CONTENT_TYPES = '[Content_Types].xml';

/** What a ZIP that is not a DOCX probably is, to say so in the refusal. */
function otherZipKind(inspection: ZipInspection): string {
  const names = new Set(inspection.entries.map((entry) => entry.name));
  if (names.has('xl/workbook.xml')) return 'bảng tính Excel (XLSX)';
  if (names.has('ppt/presentation.xml')) return 'bản trình chiếu PowerPoint (PPTX)';
  const mimetype = inspection.files.get('mimetype')?.toString('utf8') ?? '';
  if (mimetype.includes('opendocument.text')) return 'văn bản OpenDocument (ODT)';
  if (mimetype.includes('opendocument')) return 'tệp OpenDocument';
  return 'tệp nén ZIP';
}

export function isDocx(inspection: ZipInspection): boolean {
  if (inspection.entries.some((entry) => entry.name === DOCX_MAIN)) return true;
  const types = inspection.files.get(CONTENT_TYPES)?.toString('utf8') ?? '';
  return types.includes('wordprocessingml.document.main+xml');
}

/** Inspects a ZIP (bomb limits) and tells whether it is a DOCX; refuses other archives. */
export async function inspectDocx(bytes: Uint8Array): Promise<ZipInspection> {
  // Keep the XML parts (what mammoth reads); media are listed but not kept.
  const inspection = await inspectZip(
    bytes,
    (name) => name === 'mimetype' || name.endsWith('.xml') || name.endsWith('.rels'),
  );
  if (!isDocx(inspection)) {
    throw new IngestError(
      'unsupported-format',
      `Tệp này là ${otherZipKind(inspection)}, không phải văn bản Word (DOCX). ` +
        'Hãy tải lên thông báo dưới dạng DOCX, PDF, ảnh chụp (PNG, JPEG, TIFF) hoặc văn bản thuần (TXT).',
      { kind: 'zip' },
    );
  }
  return inspection;
}

export interface DocxText {
  text: string;
  warnings: string[];
}

/** The archive as mammoth's internal zip object, served from the entries already inflated and checked. */
function mammothFile(inspection: ZipInspection, replaced: Map<string, string>) {
  const names = new Set(inspection.entries.map((entry) => entry.name));
  return {
    exists: (name: string): boolean => names.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      const text = replaced.get(name);
      const data =
        text === undefined ? (inspection.files.get(name) ?? Buffer.alloc(0)) : Buffer.from(text, 'utf8');
      if (encoding === 'base64') return data.toString('base64');
      if (encoding) return new TextDecoder(encoding).decode(data);
      return new Uint8Array(data);
    },
  };
}

/**
 * DOCX → text through mammoth's HTML (its raw-text output drops in-paragraph line breaks).
 * mammoth reads the entries `inspectDocx` already inflated under the zip-bomb limits (its
 * `file` input), with Word's list labels written into the paragraphs first.
 */
export async function docxToText(inspection: ZipInspection): Promise<DocxText> {
  const replaced = new Map<string, string>();
  const documentXml = inspection.files.get(DOCX_MAIN)?.toString('utf8');
  if (documentXml !== undefined) {
    const model = readNumbering(
      inspection.files.get('word/numbering.xml')?.toString('utf8'),
      inspection.files.get('word/styles.xml')?.toString('utf8'),
    );
    const { xml, labels } = labelNumberedParagraphs(documentXml, model);
    if (labels > 0) replaced.set(DOCX_MAIN, xml);
  }
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      // `file` is mammoth's own input path (lib/unzip.js) for an already opened archive.
      { file: mammothFile(inspection, replaced) } as unknown as { buffer: Buffer },
      {
        // Images carry no text here; do not inline them as base64.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
      },
    );
  } catch (error) {
    throw new IngestError(
      'corrupt-file',
      'Không đọc được nội dung tệp Word (DOCX): tệp bị hỏng hoặc không đúng chuẩn. ' +
        'Hãy mở tệp bằng Word, lưu lại thành .docx hoặc xuất ra PDF rồi tải lên lại.',
      { reason: error instanceof Error ? error.message : String(error) },
      error,
    );
  }
  const warnings: string[] = [];
  const errors = result.messages.filter((message) => message.type === 'error');
  if (errors.length > 0) {
    warnings.push(
      `Một số phần của tệp Word không đọc được (${errors.length} lỗi); hãy kiểm tra lại nội dung.`,
    );
  }
  return { text: htmlToText(result.value), warnings };
}
