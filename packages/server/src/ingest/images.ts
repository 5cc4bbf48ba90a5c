/**
 * Image headers read without decoding: pixel size (to refuse a decompression bomb before
 * tesseract allocates it) and the page count of a TIFF.
 */
export interface ImageInfo {
  width: number | null;
  height: number | null;
  pages: number;
}

export function pngInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Signature (8) + IHDR length (4) + "IHDR" (4), then width and height, big-endian.
  if (bytes.byteLength < 24) return { width: null, height: null, pages: 1 };
  return { width: view.getUint32(16), height: view.getUint32(20), pages: 1 };
}

export function jpegInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 9 < bytes.byteLength) {
    if (view.getUint8(offset) !== 0xff) {
      offset += 1;
      continue;
    }
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7), pages: 1 };
    }
    if (marker === 0xda || length < 2) break;
    offset += 2 + length;
  }
  return { width: null, height: null, pages: 1 };
}

/** Walks the IFD chain of a TIFF: one IFD per page; width/height of the largest page. */
export function tiffInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  let width: number | null = null;
  let height: number | null = null;
  let pages = 0;
  let offset = bytes.byteLength >= 8 ? u32(4) : 0;
  const seen = new Set<number>();
  while (offset > 0 && offset + 2 <= bytes.byteLength && !seen.has(offset) && pages < 10_000) {
    seen.add(offset);
    pages += 1;
    const count = u16(offset);
    let pageWidth = 0;
    let pageHeight = 0;
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      if (entry + 12 > bytes.byteLength) break;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const value = type === 3 ? u16(entry + 8) : u32(entry + 8);
      if (tag === 256) pageWidth = value;
      if (tag === 257) pageHeight = value;
    }
    if (pageWidth * pageHeight > (width ?? 0) * (height ?? 0)) {
      width = pageWidth;
      height = pageHeight;
    }
    const next = offset + 2 + count * 12;
    offset = next + 4 <= bytes.byteLength ? u32(next) : 0;
  }
  return { width, height, pages: Math.max(pages, 1) };
}
