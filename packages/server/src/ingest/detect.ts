/**
 * What a file really is, judged from its bytes (magic numbers), never from its name or
 * the declared content type; those are only checked against the bytes.
 */
export type SniffedKind =
  | 'pdf'
  | 'zip' // DOCX when it holds word/document.xml; decided after inspecting the archive
  | 'png'
  | 'jpeg'
  | 'tiff'
  | 'text'
  | 'ole' // legacy .doc/.xls, or an Office file protected by a password
  | 'rtf'
  | 'gif'
  | 'bmp'
  | 'webp'
  | 'heic' // iPhone photos (HEIF)
  | 'unknown';

/** The families a user or a browser can declare; a declaration only contradicts another family. */
export type DeclaredFamily = 'pdf' | 'word' | 'image' | 'text';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) {
    if (bytes[offset + i] !== signature[i]) return false;
  }
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** `%PDF-` may follow a little junk (the PDF spec's readers accept it within the first 1 KB). */
export function findPdfHeader(bytes: Uint8Array): number {
  const sig = ascii('%PDF-');
  const limit = Math.min(bytes.length - sig.length, 1024);
  for (let i = 0; i <= limit; i++) {
    if (startsWith(bytes, sig, i)) return i;
  }
  return -1;
}

export function sniff(bytes: Uint8Array): SniffedKind {
  if (findPdfHeader(bytes) >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif'].includes(brand)) return 'heic';
  }
  if (startsWith(bytes, ascii('BM')) && bytes.length > 26 && bytes[14] !== undefined && bytes[14] <= 124) {
    // BM + a plausible DIB header size; plain text starting with "BM" falls through.
    const dib = (bytes[14] ?? 0) | ((bytes[15] ?? 0) << 8);
    if (dib === 12 || dib === 40 || dib === 52 || dib === 56 || dib === 108 || dib === 124) return 'bmp';
  }
  if (looksLikeText(bytes)) {
    if (startsWith(stripUtf8Bom(bytes), ascii('{\\rtf'))) return 'rtf';
    return 'text';
  }
  return 'unknown';
}

export function stripUtf8Bom(bytes: Uint8Array): Uint8Array {
  return startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding of a text file: UTF-16 only with its BOM; UTF-8 with or without one. */
export function textEncoding(bytes: Uint8Array): TextEncoding | null {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return null;
  }
}

/** Decodes a text file (BOM removed). Returns null when it is not valid text. */
export function decodeText(bytes: Uint8Array): string | null {
  const encoding = textEncoding(bytes);
  if (encoding === null) return null;
  let text: string;
  try {
    // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (text.includes('\u0000')) return null;
  // A binary file that happens to be valid UTF-8 still carries control characters.
  let controls = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls += 1;
  }
  if (controls > Math.max(2, text.length / 100)) return null;
  return text;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  return decodeText(bytes) !== null;
}

const EXTENSION_FAMILY: Record<string, DeclaredFamily> = {
  pdf: 'pdf',
  docx: 'word',
  doc: 'word',
  docm: 'word',
  dotx: 'word',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  jpe: 'image',
  jfif: 'image',
  tif: 'image',
  tiff: 'image',
  gif: 'image',
  bmp: 'image',
  webp: 'image',
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function familyFromFileName(fileName: string): DeclaredFamily | null {
  return EXTENSION_FAMILY[extensionOf(fileName)] ?? null;
}

/** A content type such as `application/octet-stream` declares nothing. */
export function familyFromContentType(contentType: string | undefined): DeclaredFamily | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf' || type === 'application/x-pdf') return 'pdf';
  if (
    type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ||
    type === 'application/msword' ||
    type === 'application/vnd.ms-word.document.macroenabled.12'
  ) {
    return 'word';
  }
  if (type.startsWith('image/')) return 'image';
  if (type === 'text/plain' || type === 'text/markdown' || type === 'text/x-markdown') return 'text';
  return null;
}

export const FAMILY_LABEL: Record<DeclaredFamily, string> = {
  pdf: 'PDF',
  word: 'Word (DOCX)',
  image: 'ảnh',
  text: 'văn bản thuần (TXT/MD)',
};

export const KIND_LABEL: Record<SniffedKind | 'docx', string> = {
  pdf: 'PDF',
  zip: 'tệp nén ZIP',
  docx: 'Word (DOCX)',
  png: 'ảnh PNG',
  jpeg: 'ảnh JPEG',
  tiff: 'ảnh TIFF',
  text: 'văn bản thuần',
  ole: 'Word/Excel định dạng cũ (.doc/.xls) hoặc tệp Office có mật khẩu',
  rtf: 'RTF',
  gif: 'ảnh GIF',
  bmp: 'ảnh BMP',
  webp: 'ảnh WebP',
  heic: 'ảnh HEIC/HEIF (iPhone)',
  unknown: 'không xác định',
};
