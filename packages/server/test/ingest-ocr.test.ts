import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToText, IngestError } from '../src/ingest/index.ts';
import { configureOcr } from '../src/ingest/ocr.ts';
import { buildPdf, HEADER } from './ingest-support.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/ingest/${name}`, import.meta.url)));

/** Why the OCR tests cannot run here, or null when tesseract (vie) and pdftoppm are installed. */
function whyOcrMissing(): string | null {
  // The module honours DONDOC_TESSERACT / DONDOC_PDFTOPPM; so does this check.
  try {
    const langs = execFileSync(process.env.DONDOC_TESSERACT ?? 'tesseract', ['--list-langs'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    if (!langs.split(/\s+/).includes('vie'))
      return 'tesseract has no Vietnamese data (apt-get install tesseract-ocr-vie)';
  } catch {
    return 'the tesseract command is missing (apt-get install tesseract-ocr tesseract-ocr-vie)';
  }
  try {
    execFileSync(process.env.DONDOC_PDFTOPPM ?? 'pdftoppm', ['-v'], { stdio: 'pipe' });
  } catch {
    return 'the pdftoppm command is missing (apt-get install poppler-utils)';
  }
  return null;
}

const missing = whyOcrMissing();
if (missing) console.warn(`[ingest-ocr] OCR tests SKIPPED: ${missing}`);
const ocrIt = it.skipIf(missing !== null);
const skipNote = missing ? ` (SKIPPED: ${missing})` : '';

function expectNoticeText(text: string): void {
  expect(text).toBe(text.normalize('NFC'));
  expect(text).toContain('Ủy ban nhân dân');
  expect(text).toContain('chủ trì');
  expect(text).toContain('Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính');
  expect(text).toContain('THÔNG BÁO');
  expect(text).toMatch(/trước ngày\s+30\/9\/2025/);
}

const scratch = mkdtempSync(join(tmpdir(), 'dondoc-ingest-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeCommand(name: string, script: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

function ocrTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('dondoc-ocr-'));
}

describe('convertToText: scans (tesseract vie, pdftoppm)', () => {
  ocrIt(`reads a scanned notice image (PNG, 200 dpi, 1-bit)${skipNote}`, async () => {
    const result = await convertToText({
      bytes: fixture('notice-scan.png'),
      fileName: 'scan.png',
      contentType: 'image/png',
    });
    expect(result.format).toBe('image-ocr');
    expect(result.pages).toBe(1);
    expect(result.warnings).toEqual([expect.stringContaining('OCR')]); // a clean scan: no low-confidence warning
    expectNoticeText(result.text);
    // Word boxes give the header's and the signature's two columns and the paragraphs back.
    expect(result.text.startsWith(HEADER)).toBe(true);
    expect(result.text).toContain('\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn An');
    expect(result.text).toContain('kết luận như sau:\n\n1. Sở Khoa học và Công nghệ chủ trì');
  });

  ocrIt(`reads a tilted, blurred phone photo (JPEG)${skipNote}`, async () => {
    const result = await convertToText({
      bytes: fixture('notice-photo.jpg'),
      fileName: 'anh.jpg',
      contentType: 'image/jpeg',
    });
    expect(result).toMatchObject({ format: 'image-ocr', pages: 1 });
    expectNoticeText(result.text);
  });

  ocrIt(
    `turns a photo taken sideways back and keeps its columns${skipNote}`,
    async () => {
      const result = await convertToText({ bytes: fixture('notice-sideways.jpg'), fileName: 'xoay.jpg' });
      expect(result).toMatchObject({ format: 'image-ocr', pages: 1 });
      expect(result.warnings).toContainEqual(
        expect.stringContaining('bị xoay ngang/ngược, đã được tự xoay lại'),
      );
      expectNoticeText(result.text);
      expect(result.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(result.text.indexOf('Nơi nhận:')).toBeLessThan(result.text.indexOf('TL. CHỦ TỊCH'));
      expect(result.text.indexOf('Lưu: VT')).toBeLessThan(result.text.indexOf('TL. CHỦ TỊCH'));
    },
    120_000,
  );

  ocrIt(`re-reads a scan whose text layer came from an OCR without Vietnamese${skipNote}`, async () => {
    const lines = [
      'UY BAN NHAN DAN TINH AN GIANG So: 215/TB-UBND Ket luan cua Chu tich Uy ban nhan dan tinh',
      'So Khoa hoc va Cong nghe chu tri, phoi hop voi So Tai chinh hoan thien ke hoach chuyen doi so.',
      'Cong an tinh chu tri trien khai De an 06 tren dia ban; bao cao ket qua trong quy IV nam 2025.',
    ].map((text, i) => ({ x: 60, y: 780 - i * 20, size: 9, text }));
    const bytes = buildPdf([{ png: fixture('notice-scan.png'), lines }]);
    const result = await convertToText({ bytes, fileName: 'may-quet.pdf' });
    expect(result.format).toBe('pdf-ocr');
    expectNoticeText(result.text);
    expect(result.text).not.toContain('Cong nghe chu tri');
  });

  ocrIt(`reads a PDF with no text layer through pdftoppm -r 300${skipNote}`, async () => {
    const before = ocrTempDirs().length;
    const result = await convertToText({ bytes: fixture('notice-scan.pdf'), fileName: 'scan.pdf' });
    expect(result.format).toBe('pdf-ocr');
    expect(result.pages).toBe(1);
    expectNoticeText(result.text);
    // Temporary page images are removed.
    expect(ocrTempDirs().length).toBeLessThanOrEqual(before);
  });

  ocrIt(
    `OCRs only the scanned pages of a mixed PDF and keeps the text layer of the others${skipNote}`,
    async () => {
      const bytes = buildPdf([
        { lines: [{ x: 72, y: 770, text: 'Typed page: text layer kept exactly as printed (p. 1).' }] },
        { png: fixture('notice-scan.png') },
      ]);
      const result = await convertToText({ bytes, fileName: 'mixed.pdf' });
      expect(result.format).toBe('pdf-ocr');
      expect(result.pages).toBe(2);
      expect(result.text.startsWith('Typed page: text layer kept exactly as printed (p. 1).\n\n')).toBe(true);
      expectNoticeText(result.text);
      expect(result.warnings).toEqual([expect.stringContaining('Trang 2 là bản scan')]);
    },
  );
});

describe('convertToText: OCR not available', () => {
  it('says to install tesseract-ocr and tesseract-ocr-vie when the command is missing', async () => {
    const error = await convertToText(
      { bytes: fixture('notice-scan.png'), fileName: 'scan.png' },
      { tesseractCommand: join(scratch, 'no-such-tesseract') },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('ocr-unavailable');
    expect((error as IngestError).status).toBe(503);
    expect((error as IngestError).message).toContain('tesseract-ocr tesseract-ocr-vie');
    expect((error as IngestError).details).toEqual({ reason: 'tesseract-missing' });
  });

  it('names the missing Vietnamese data when tesseract has only English', async () => {
    const tesseract = fakeCommand(
      'tesseract-eng',
      'echo "List of available languages in \\"/x/\\" (2):"; echo eng; echo osd',
    );
    const error = await convertToText(
      { bytes: fixture('notice-scan.png'), fileName: 'scan.png' },
      { tesseractCommand: tesseract },
    ).catch((e: unknown) => e);
    expect((error as IngestError).code).toBe('ocr-unavailable');
    expect((error as IngestError).message).toContain('vie.traineddata');
    expect((error as IngestError).details).toEqual({ reason: 'vie-missing' });
  });

  it('asks for poppler-utils when pdftoppm is missing for a scanned PDF', async () => {
    const tesseract = fakeCommand('tesseract-vie', 'echo "List of available languages (1):"; echo vie');
    const error = await convertToText(
      { bytes: fixture('notice-scan.pdf'), fileName: 'scan.pdf' },
      { tesseractCommand: tesseract, pdftoppmCommand: join(scratch, 'no-such-pdftoppm') },
    ).catch((e: unknown) => e);
    expect((error as IngestError).code).toBe('ocr-unavailable');
    expect((error as IngestError).message).toContain('poppler-utils');
  });

  it('keeps the text pages of a mixed PDF, with a warning, when OCR is missing', async () => {
    const bytes = buildPdf([
      { lines: [{ x: 72, y: 770, text: 'Typed page with the directive text of the notice.' }] },
      { png: fixture('notice-scan.png') },
    ]);
    const result = await convertToText(
      { bytes, fileName: 'mixed.pdf' },
      { tesseractCommand: join(scratch, 'no-such-tesseract') },
    );
    expect(result).toMatchObject({
      format: 'pdf',
      pages: 2,
      text: 'Typed page with the directive text of the notice.',
    });
    expect(result.warnings).toEqual([
      expect.stringContaining('Trang 2 là bản scan nhưng chưa nhận dạng được chữ'),
    ]);
  });

  it('kills a hung OCR process at the time limit and cleans up its files', async () => {
    const tesseract = fakeCommand(
      'tesseract-slow',
      'if [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi\nexec sleep 30',
    );
    const before = ocrTempDirs().length;
    const started = Date.now();
    const error = await convertToText(
      { bytes: fixture('notice-scan.png'), fileName: 'scan.png' },
      { tesseractCommand: tesseract, ocrTimeoutMs: 800 },
    ).catch((e: unknown) => e);
    expect((error as IngestError).code).toBe('ocr-unavailable');
    expect((error as IngestError).details).toMatchObject({ reason: 'timeout' });
    expect((error as IngestError).message).toContain('thời gian');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ocrTempDirs().length).toBeLessThanOrEqual(before);
  });

  it('stops OCR when the caller aborts', async () => {
    const tesseract = fakeCommand(
      'tesseract-slow2',
      'if [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi\nexec sleep 30',
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('client went away')), 300);
    const started = Date.now();
    await expect(
      convertToText(
        { bytes: fixture('notice-scan.png'), fileName: 'scan.png' },
        { tesseractCommand: tesseract, signal: controller.signal },
      ),
    ).rejects.toThrow('client went away');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('runs one OCR job at a time when the concurrency is 1, queued jobs waiting their turn', async () => {
    const log = join(scratch, 'ocr.log');
    writeFileSync(log, '');
    const tesseract = fakeCommand(
      'tesseract-log',
      [
        'if [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi',
        `echo start >> ${log}`,
        'sleep 0.3',
        `echo end >> ${log}`,
        "printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'",
        "printf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t60\\t30\\t96\\tchủ trì\\n'",
      ].join('\n'),
    );
    const previous = configureOcr({ concurrency: 1 });
    try {
      const results = await Promise.all(
        [1, 2, 3].map((i) =>
          convertToText(
            { bytes: fixture('notice-scan.png'), fileName: `scan-${i}.png` },
            { tesseractCommand: tesseract },
          ),
        ),
      );
      expect(results.map((r) => r.text)).toEqual(['chủ trì', 'chủ trì', 'chủ trì']);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
        'start',
        'end',
        'start',
        'end',
        'start',
        'end',
      ]);
    } finally {
      configureOcr(previous);
    }
  });
});
