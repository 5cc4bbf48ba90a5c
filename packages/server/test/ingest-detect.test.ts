import { describe, expect, it } from 'vitest';
import { sniff } from '../src/ingest/detect.ts';
import { tiffInfo } from '../src/ingest/images.ts';
import { convertToText, IngestError, type IngestErrorCode } from '../src/ingest/index.ts';
import { buildPdf } from './ingest-support.ts';

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const ingest = error as IngestError;
  // Every refusal speaks Vietnamese and says what to do.
  expect(ingest.message).toMatch(VIETNAMESE);
  expect(ingest.message).toMatch(/Hãy|hãy|cần/);
  return ingest;
}

function expectCode(error: IngestError, code: IngestErrorCode, status: number): void {
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  expect(error.toJSON().error.code).toBe(code);
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sniff: the bytes decide', () => {
  it.each([
    ['pdf', utf8('%PDF-1.7\n...')],
    ['pdf', utf8('junk before\n%PDF-1.4\n')],
    ['zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])],
    ['png', PNG],
    ['jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['tiff', new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['tiff', new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])],
    ['ole', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])],
    ['gif', utf8('GIF89a....')],
    ['heic', new Uint8Array([0, 0, 0, 0x18, ...utf8('ftypheic'), 0, 0, 0, 0])],
    ['rtf', utf8('{\\rtf1\\ansi Thong bao}')],
    ['text', utf8('Thông báo kết luận')],
    ['text', new Uint8Array([0xff, 0xfe, 0x54, 0x00])],
    ['unknown', new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00])],
    ['unknown', new Uint8Array([0xc3, 0x28, 0x41])], // invalid UTF-8
  ])('%s', (kind, bytes) => {
    expect(sniff(bytes)).toBe(kind);
  });
});

describe('convertToText: plain text', () => {
  it('decodes UTF-8 with a BOM, turns NFD into NFC and CRLF into LF', async () => {
    const nfd = 'Ủy ban nhân dân tỉnh\r\nSở Khoa học và Công nghệ chủ trì'.normalize('NFD');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(nfd)]);
    const result = await convertToText({
      bytes,
      fileName: 'tb.txt',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(result).toEqual({
      text: 'Ủy ban nhân dân tỉnh\nSở Khoa học và Công nghệ chủ trì',
      format: 'text',
      pages: null,
      warnings: [],
    });
  });

  it('decodes UTF-16 LE and BE with their BOM', async () => {
    const text = 'Thông báo số 215/TB-UBND';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect((await convertToText({ bytes: le, fileName: 'a.txt' })).text).toBe(text);
    expect((await convertToText({ bytes: be, fileName: 'b.md' })).text).toBe(text);
  });

  it('accepts markdown and files without a known extension', async () => {
    const md = await convertToText({ bytes: utf8('## THÔNG BÁO\n\n1. Giao Sở Nội vụ'), fileName: 'x.md' });
    expect(md.text).toBe('## THÔNG BÁO\n\n1. Giao Sở Nội vụ');
    const bare = await convertToText({
      bytes: utf8('Kết luận'),
      fileName: 'ketluan',
      contentType: 'application/octet-stream',
    });
    expect(bare.format).toBe('text');
  });

  it('refuses text that is only whitespace as empty, and a 0-byte file', async () => {
    expectCode(await refusal(convertToText({ bytes: utf8(' \n\t\n'), fileName: 'a.txt' })), 'empty', 422);
    expectCode(await refusal(convertToText({ bytes: new Uint8Array(), fileName: 'a.pdf' })), 'empty', 422);
  });

  it('refuses a legacy-encoded (Windows-1258/TCVN3) text file, asking for UTF-8', async () => {
    // "Thông báo" in Windows-1258: ô = 0xF4, á = a + combining acute 0xEC.
    const bytes = new Uint8Array([0x54, 0x68, 0xf4, 0x6e, 0x67, 0x20, 0x62, 0x61, 0xec, 0x6f]);
    const error = await refusal(convertToText({ bytes, fileName: 'cu.txt' }));
    expectCode(error, 'unsupported-format', 415);
    expect(error.message).toContain('UTF-8');
  });
});

describe('convertToText: refusals', () => {
  it('refuses TCVN3/VNI text saved as UTF-8 (mojibake), saying how to convert it', async () => {
    for (const legacy of [
      'Uû ban nh©n d©n tØnh An Giang. Th«ng b¸o kÕt luËn cña Chñ tÞch Uû ban nh©n d©n tØnh',
      'UÛy ban nhaân daân tænh An Giang. Thoâng baùo keát luaän cuûa Chuû tòch UÛy ban',
    ]) {
      const error = await refusal(convertToText({ bytes: utf8(legacy), fileName: 'cu.txt' }));
      expectCode(error, 'unsupported-format', 415);
      expect(error.message).toContain('TCVN3');
      expect(error.message).toContain('Unikey');
    }
  });

  it('refuses a PNG renamed .pdf (type-mismatch, from the name)', async () => {
    const error = await refusal(convertToText({ bytes: PNG, fileName: 'thong-bao.pdf' }));
    expectCode(error, 'type-mismatch', 415);
    expect(error.message).toContain('thong-bao.pdf');
    expect(error.message).toContain('ảnh PNG');
    expect(error.details).toMatchObject({ declared: 'pdf', actual: 'png', source: 'fileName' });
  });

  it('refuses a declared content type that contradicts the bytes', async () => {
    const pdf = buildPdf([{ lines: [{ x: 72, y: 770, text: 'Thong bao' }] }]);
    const error = await refusal(convertToText({ bytes: pdf, fileName: 'upload', contentType: 'image/png' }));
    expectCode(error, 'type-mismatch', 415);
    expect(error.details).toMatchObject({ declared: 'image', actual: 'pdf', source: 'contentType' });
  });

  it('refuses text named .docx', async () => {
    const error = await refusal(convertToText({ bytes: utf8('Thông báo'), fileName: 'tb.docx' }));
    expectCode(error, 'type-mismatch', 415);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const bytes = utf8('Thông báo '.repeat(200));
    const error = await refusal(convertToText({ bytes, fileName: 'tb.txt' }, { maxBytes: 1000 }));
    expectCode(error, 'too-large', 413);
    expect(error.details).toMatchObject({ size: bytes.byteLength, maxBytes: 1000 });
  });

  it('refuses legacy Word (.doc) and password-protected Office files with what to do', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const doc = await refusal(convertToText({ bytes: ole, fileName: 'cu.doc' }));
    expectCode(doc, 'unsupported-format', 415);
    expect(doc.message).toContain('.docx');
    const locked = new Uint8Array(ole);
    locked.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const encrypted = await refusal(convertToText({ bytes: locked, fileName: 'khoa.docx' }));
    expectCode(encrypted, 'unsupported-format', 415);
    expect(encrypted.message).toContain('mật khẩu');
  });

  it('refuses an iPhone HEIC photo, saying how to get a JPEG', async () => {
    const heic = new Uint8Array([0, 0, 0, 0x18, ...utf8('ftypheic'), 0, 0, 0, 0, ...utf8('mif1heic')]);
    const error = await refusal(
      convertToText({ bytes: heic, fileName: 'IMG_0001.HEIC', contentType: 'image/heic' }),
    );
    expectCode(error, 'unsupported-format', 415);
    expect(error.message).toContain('JPEG');
  });

  it('refuses RTF, GIF and unknown binary files', async () => {
    for (const [bytes, name] of [
      [utf8('{\\rtf1 abc}'), 'a.rtf'],
      [utf8('GIF89a\u0001\u0000'), 'a.gif'],
      [new Uint8Array([0, 1, 2, 3, 4, 0, 0, 9]), 'a.bin'],
    ] as const) {
      expectCode(await refusal(convertToText({ bytes, fileName: name })), 'unsupported-format', 415);
    }
  });

  it('refuses an image whose header declares a decompression bomb, without running OCR', async () => {
    const bomb = Buffer.alloc(33);
    Buffer.from(PNG).copy(bomb);
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    const error = await refusal(
      convertToText({ bytes: bomb, fileName: 'scan.png' }, { tesseractCommand: '/nonexistent/tesseract' }),
    );
    expectCode(error, 'too-large', 413);
  });

  it('stops when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      convertToText({ bytes: utf8('Thông báo'), fileName: 'a.txt' }, { signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });
});

describe('tiffInfo', () => {
  it('counts the pages of a multi-page TIFF from its IFD chain', () => {
    // Little-endian TIFF: header → IFD at 8 (1 entry: width 100) → IFD at 26 (1 entry: width 200) → end.
    const bytes = Buffer.alloc(44);
    bytes.write('II', 0, 'latin1');
    bytes.writeUInt16LE(42, 2);
    bytes.writeUInt32LE(8, 4);
    bytes.writeUInt16LE(1, 8);
    bytes.writeUInt16LE(256, 10);
    bytes.writeUInt16LE(3, 12);
    bytes.writeUInt32LE(1, 14);
    bytes.writeUInt16LE(100, 18);
    bytes.writeUInt32LE(26, 22);
    bytes.writeUInt16LE(1, 26);
    bytes.writeUInt16LE(256, 28);
    bytes.writeUInt16LE(3, 30);
    bytes.writeUInt32LE(1, 32);
    bytes.writeUInt16LE(200, 36);
    bytes.writeUInt32LE(0, 40);
    expect(tiffInfo(new Uint8Array(bytes)).pages).toBe(2);
  });
});
