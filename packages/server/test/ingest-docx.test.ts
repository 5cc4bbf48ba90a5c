import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { convertToText, IngestError } from '../src/ingest/index.ts';
import { buildZip } from './ingest-support.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function buildNoticeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'tasks',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun('ỦY BAN NHÂN DÂN'), new TextRun({ text: 'TỈNH AN GIANG', break: 1 })],
          }),
          new Paragraph('THÔNG BÁO'),
          new Paragraph('Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp ngày 15/8/2025'),
          new Paragraph({
            text: 'Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính.',
            numbering: { reference: 'tasks', level: 0 },
          }),
          new Paragraph({
            text: 'Hoàn thành trước ngày 30/9/2025.',
            numbering: { reference: 'tasks', level: 1 },
          }),
          new Paragraph({
            text: 'Công an tỉnh triển khai đề án 06.',
            numbering: { reference: 'tasks', level: 0 },
          }),
          new Table({
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Nhiệm vụ')] }),
                  new TableCell({ children: [new Paragraph('Đơn vị chủ trì')] }),
                  new TableCell({ children: [new Paragraph('Thời hạn')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Chuyển đổi số')] }),
                  new TableCell({ children: [new Paragraph('Sở Khoa học và Công nghệ')] }),
                  new TableCell({ children: [new Paragraph('Quý IV/2025')] }),
                ],
              }),
            ],
          }),
          new Paragraph('Nơi nhận:'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('convertToText: DOCX', () => {
  it('keeps in-paragraph line breaks, list numbering and table rows, in NFC', async () => {
    const bytes = await buildNoticeDocx();
    const result = await convertToText({ bytes, fileName: 'thong-bao.docx', contentType: DOCX_TYPE });
    expect(result.format).toBe('docx');
    expect(result.pages).toBeNull();
    const { text } = result;
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('ỦY BAN NHÂN DÂN\nTỈNH AN GIANG');
    expect(text).toContain('\n\nTHÔNG BÁO\n\n');
    expect(text).toContain('1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính.');
    expect(text).toContain('a) Hoàn thành trước ngày 30/9/2025.');
    expect(text).toContain('2. Công an tỉnh triển khai đề án 06.');
    expect(text).toContain(
      'Nhiệm vụ | Đơn vị chủ trì | Thời hạn\nChuyển đổi số | Sở Khoa học và Công nghệ | Quý IV/2025',
    );
    expect(text.endsWith('Nơi nhận:')).toBe(true);
  });

  it('refuses a zip bomb from the directory, before inflating it', async () => {
    // 200 MB of zeros deflate to ~200 KB: the directory declares a 1000:1 entry.
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const bytes = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: zeros },
    ]);
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const error = await convertToText({ bytes, fileName: 'bom.docx', contentType: DOCX_TYPE }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error.code).toBe('zip-bomb');
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/giải nén|tỉ lệ nén/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a zip whose directory lies about the sizes', async () => {
    const data = Buffer.alloc(5 * 1024 * 1024, 0x41);
    const bytes = buildZip([{ name: 'word/document.xml', data, declaredSize: 1000 }]);
    const error = await convertToText({ bytes, fileName: 'lie.docx' }).catch((e) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.code).toBe('corrupt-file');
  });

  it('refuses a zip that is not a DOCX, naming what it is', async () => {
    const bytes = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    const error = await convertToText({ bytes, fileName: 'bang.xlsx' }).catch((e) => e);
    expect(error.code).toBe('unsupported-format');
    expect(error.status).toBe(415);
    expect(error.message).toContain('Excel');
  });

  it('refuses a truncated DOCX as corrupt', async () => {
    const bytes = (await buildNoticeDocx()).subarray(0, 3000);
    const error = await convertToText({ bytes, fileName: 'hong.docx' }).catch((e) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.code).toBe('corrupt-file');
    expect(error.status).toBe(422);
  });

  it('refuses a DOCX with no text as empty', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const error = await convertToText({ bytes, fileName: 'trong.docx' }).catch((e) => e);
    expect(error.code).toBe('empty');
    expect(error.status).toBe(422);
  });
});
