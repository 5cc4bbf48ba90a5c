import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertToText, IngestError } from '../src/ingest/index.ts';
import { renderRows } from '../src/ingest/layout.ts';
import { tsvToPages } from '../src/ingest/ocr.ts';
import { layoutLines, readPdf } from '../src/ingest/pdf.ts';
import { buildPdf, HEADER, SIGNATURE } from './ingest-support.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/ingest/${name}`, import.meta.url)));

function item(str: string, x: number, y: number, width: number, size = 12) {
  return { str, transform: [size, 0, 0, size, x, y], width, height: size };
}

describe('layoutLines', () => {
  it('groups items by baseline, orders them by x, and spaces them by their gaps', () => {
    const text = layoutLines([
      item('dân', 150, 700, 20),
      item('Ủy ban nhân', 72, 700.4, 70),
      item('chủ trì', 72, 685, 40),
      item('Tiếp', 72, 640, 30),
    ]);
    expect(text).toBe('Ủy ban nhân dân\nchủ trì\n\nTiếp');
  });

  it('joins glyph runs of one word without a space', () => {
    expect(layoutLines([item('Thô', 72, 700, 21), item('ng', 93.2, 700, 14)])).toBe('Thông');
  });
});

describe('convertToText: PDF with a text layer', () => {
  it('gives the Vietnamese text of a Chromium-printed notice, line by line, in NFC', async () => {
    const result = await convertToText({
      bytes: fixture('notice-text.pdf'),
      fileName: 'notice-text.pdf',
      contentType: 'application/pdf',
    });
    expect(result.format).toBe('pdf');
    expect(result.pages).toBe(1);
    expect(result.warnings).toEqual([]);
    const { text } = result;
    expect(text).toBe(text.normalize('NFC'));
    // The header's two columns (Decree 30/2020 layout) come out one after the other.
    expect(text.startsWith(HEADER)).toBe(true);
    expect(text).toContain('\n\nTHÔNG BÁO\n');
    expect(text).toContain(
      '1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính hoàn\nthiện kế hoạch chuyển đổi số',
    );
    expect(text).toContain('Ủy ban nhân dân tỉnh');
    // So do the recipients and the signature.
    expect(text.endsWith(SIGNATURE)).toBe(true);
  });

  it('separates pages by a blank line and counts them', async () => {
    const bytes = buildPdf([
      { lines: [{ x: 72, y: 770, text: 'Page one: the notice begins with several words here.' }] },
      { lines: [{ x: 72, y: 770, text: 'Page two: the notice ends with several words here.' }] },
    ]);
    const result = await convertToText({ bytes, fileName: 'two.pdf' });
    expect(result).toMatchObject({ format: 'pdf', pages: 2 });
    expect(result.text).toBe(
      'Page one: the notice begins with several words here.\n\nPage two: the notice ends with several words here.',
    );
  });

  it('marks a page without a text layer as a scan', async () => {
    const png = fixture('notice-scan.png');
    const bytes = buildPdf([
      { lines: [{ x: 72, y: 770, text: 'A typed first page with enough letters to count as text.' }] },
      // A signature stamp's text layer over a full-page image is still a scan (Decree 30/2020 digital signature).
      { png, lines: [{ x: 380, y: 40, size: 8, text: 'Ky boi: Van phong UBND tinh An Giang 20/08/2025' }] },
      {},
    ]);
    const pdf = await readPdf(bytes);
    expect(pdf.pages.map((page) => page.needsOcr)).toEqual([false, true, true]);
    expect(pdf.pages[1]?.imageCoverage).toBeGreaterThan(0.9);
  });

  it('does not trust a TCVN3 text layer: the page goes to OCR, the other pages keep their text', async () => {
    const bytes = buildPdf([
      { lines: [{ x: 72, y: 770, text: 'Uû ban nh©n d©n tØnh An Giang. Th«ng b¸o kÕt luËn cña Chñ tÞch' }] },
      { lines: [{ x: 72, y: 770, text: 'Unicode page: So Khoa hoc va Cong nghe chu tri thuc hien.' }] },
    ]);
    const pdf = await readPdf(bytes);
    expect(pdf.pages.map((page) => [page.legacyEncoding, page.needsOcr, page.text === ''])).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
    const result = await convertToText(
      { bytes, fileName: 'vntime.pdf' },
      { tesseractCommand: '/nonexistent/tesseract' },
    );
    expect(result.text).toBe('Unicode page: So Khoa hoc va Cong nghe chu tri thuc hien.');
    expect(result.warnings).toEqual([
      expect.stringContaining('Trang 1 có lớp chữ bằng bảng mã cũ (TCVN3/VNI)'),
      expect.stringContaining('Trang 1 là bản scan nhưng chưa nhận dạng được chữ'),
    ]);
  });

  it("re-reads a scan whose invisible text layer has no Vietnamese marks (a copier's English OCR)", async () => {
    const png = fixture('notice-scan.png');
    const unaccented = [
      'UY BAN NHAN DAN TINH AN GIANG So: 215/TB-UBND',
      'Ket luan cua Chu tich Uy ban nhan dan tinh tai cuoc hop ve chuyen doi so.',
      'So Khoa hoc va Cong nghe chu tri, phoi hop voi So Tai chinh hoan thien ke hoach.',
      'Cong an tinh chu tri trien khai De an 06 tren dia ban; bao cao ket qua trong quy IV.',
    ];
    const bytes = buildPdf([
      { png, lines: unaccented.map((text, i) => ({ x: 60, y: 780 - i * 20, size: 9, text })) },
    ]);
    const pdf = await readPdf(bytes);
    expect(pdf.pages[0]).toMatchObject({ foreignOcr: true, needsOcr: true, legacyEncoding: false });
    // Without OCR the unaccented layer is still given, with both warnings.
    const result = await convertToText(
      { bytes, fileName: 'may-quet.pdf' },
      { tesseractCommand: '/nonexistent/tesseract' },
    );
    expect(result.format).toBe('pdf');
    expect(result.text).toContain('So Khoa hoc va Cong nghe chu tri');
    expect(result.warnings).toEqual([
      expect.stringContaining('lớp chữ không dấu'),
      expect.stringContaining('chưa nhận dạng được chữ'),
    ]);
    // A typed page without marks (no image under it) is kept as it is.
    const typed = await readPdf(
      buildPdf([{ lines: unaccented.map((text, i) => ({ x: 60, y: 780 - i * 20, text })) }]),
    );
    expect(typed.pages[0]).toMatchObject({ foreignOcr: false, needsOcr: false });
  });

  it('refuses corrupt PDF bytes as corrupt-file', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog ');
    const error = await convertToText({ bytes, fileName: 'hong.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('corrupt-file');
    expect((error as IngestError).status).toBe(422);
    expect((error as IngestError).message).toContain('PDF bị hỏng');
  });

  it('refuses an encrypted PDF saying it has a password', async () => {
    const bytes = buildPdf([{ lines: [{ x: 72, y: 770, text: 'secret' }] }], { encrypted: true });
    const error = await convertToText({ bytes, fileName: 'khoa.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('unsupported-format');
    expect((error as IngestError).message).toContain('mật khẩu');
    expect((error as IngestError).details).toEqual({ reason: 'encrypted' });
  });

  it('refuses more scanned pages than the limit before running OCR', async () => {
    const error = await convertToText(
      { bytes: fixture('notice-scan.pdf'), fileName: 'scan.pdf' },
      { maxOcrPages: 0, tesseractCommand: '/nonexistent/tesseract' },
    ).catch((e: unknown) => e);
    expect((error as IngestError).code).toBe('too-large');
    expect((error as IngestError).status).toBe(413);
  });
});

describe('renderRows (columns and tables)', () => {
  const seg = (x: number, end: number, text: string) => ({ x, end, text });
  const row = (breakBefore: boolean, ...segments: ReturnType<typeof seg>[]) => ({
    segments,
    size: 12,
    breakBefore,
  });

  it('writes a two-column header and signature block column by column, tables by tabs', () => {
    const text = renderRows([
      row(false, seg(90, 200, 'ỦY BAN NHÂN DÂN'), seg(280, 520, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')),
      row(false, seg(100, 190, 'TỈNH AN GIANG'), seg(320, 480, 'Độc lập - Tự do - Hạnh phúc')),
      row(false, seg(95, 195, 'Số: 215/TB-UBND')),
      row(false, seg(300, 500, 'An Giang, ngày 20 tháng 8 năm 2025')),
      row(true, seg(260, 350, 'THÔNG BÁO')),
      row(true, seg(72, 520, 'Nội dung kết luận trải hết bề ngang trang.')),
      row(false, seg(72, 100, 'STT'), seg(150, 250, 'Nội dung'), seg(300, 400, 'Chủ trì')),
      row(true, seg(72, 150, 'Nơi nhận:'), seg(330, 460, 'KT. CHỦ TỊCH')),
      row(false, seg(72, 140, '- Như trên;'), seg(335, 455, 'PHÓ CHỦ TỊCH')),
      row(false, seg(72, 140, '- Lưu: VT.')),
      row(true, seg(340, 450, 'Nguyễn Văn A')),
    ]);
    expect(text).toBe(
      [
        'ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 215/TB-UBND',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Giang, ngày 20 tháng 8 năm 2025',
        'THÔNG BÁO',
        'Nội dung kết luận trải hết bề ngang trang.\nSTT\tNội dung\tChủ trì',
        'Nơi nhận:\n- Như trên;\n- Lưu: VT.',
        'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A',
      ].join('\n\n'),
    );
  });

  it('does not pull a short body line after a paragraph gap into a column', () => {
    const text = renderRows([
      row(false, seg(72, 150, 'Nơi nhận:'), seg(330, 460, 'KT. CHỦ TỊCH')),
      row(true, seg(72, 120, 'Ghi chú.')),
    ]);
    expect(text).toBe('Nơi nhận:\n\nKT. CHỦ TỊCH\n\nGhi chú.');
  });
});

describe('tsvToPages (tesseract word boxes)', () => {
  const header =
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const word = (
    page: number,
    par: number,
    line: number,
    left: number,
    top: number,
    width: number,
    text: string,
    conf = 95,
  ) => `5\t${page}\t1\t${par}\t${line}\t1\t${left}\t${top}\t${width}\t30\t${conf}\t${text}`;

  it('puts a tab at a column gap, a blank line between paragraphs and a page per page_num', () => {
    const tsv = [
      header,
      '4\t1\t1\t1\t1\t0\t341\t176\t1110\t38\t-1\t',
      word(1, 1, 1, 341, 176, 45, 'ỦY'),
      word(1, 1, 1, 395, 176, 69, 'BAN'),
      word(1, 1, 1, 772, 176, 94, 'CỘNG'),
      word(1, 1, 1, 876, 176, 73, 'HÒA'),
      word(1, 1, 2, 341, 220, 80, 'Số:'),
      word(1, 2, 1, 341, 300, 80, 'THÔNG'),
      word(1, 2, 1, 431, 300, 60, 'BÁO'),
      word(2, 1, 1, 341, 176, 45, 'Trang', 40),
      word(2, 1, 1, 395, 176, 20, 'hai', 50),
    ].join('\n');
    const pages = tsvToPages(tsv);
    expect(pages.map((page) => page.text)).toEqual(['ỦY BAN\nSố:\n\nCỘNG HÒA\n\nTHÔNG BÁO', 'Trang hai']);
    expect(pages[0]?.confidence).toBeCloseTo(95);
    expect(pages[1]?.confidence).toBeCloseTo(45);
  });

  it('turns the word boxes of a page read sideways (--psm 1) back into lines', () => {
    // Page turned 90°: words of a line go down the image, lines follow right to left.
    const box = (line: number, left: number, top: number, text: string) =>
      `5\t1\t1\t1\t${line}\t1\t${left}\t${top}\t30\t60\t95\t${text}`;
    const tsv = [
      header,
      box(1, 900, 100, 'Một'),
      box(1, 900, 170, 'hai'),
      box(2, 850, 100, 'Ba'),
      box(2, 850, 170, 'bốn'),
    ].join('\n');
    expect(tsvToPages(tsv)[0]?.text).toBe('Một hai\nBa bốn');
  });
});
