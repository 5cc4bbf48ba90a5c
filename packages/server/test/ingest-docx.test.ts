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
import { htmlToText } from '../src/ingest/html-text.ts';
import { convertToText, IngestError } from '../src/ingest/index.ts';
import { labelNumberedParagraphs, readNumbering } from '../src/ingest/numbering.ts';
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
      '| Nhiệm vụ | Đơn vị chủ trì | Thời hạn |\n| Chuyển đổi số | Sở Khoa học và Công nghệ | Quý IV/2025 |',
    );
    expect(text.endsWith('Nơi nhận:')).toBe(true);
  });

  it("writes Word's own list labels: roman, multi-level, bullets, restarts", async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'outline',
            levels: [
              { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.START },
              {
                level: 1,
                format: LevelFormat.DECIMAL,
                text: '%1.%2.',
                alignment: AlignmentType.START,
                start: 3,
              },
              { level: 2, format: LevelFormat.BULLET, text: '\uF0B7', alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: 'ĐÁNH GIÁ CHUNG', numbering: { reference: 'outline', level: 0 } }),
            new Paragraph({ text: 'Kết quả đạt được', numbering: { reference: 'outline', level: 1 } }),
            new Paragraph({ text: 'Tồn tại', numbering: { reference: 'outline', level: 1 } }),
            new Paragraph({ text: 'Chậm giải ngân', numbering: { reference: 'outline', level: 2 } }),
            new Paragraph({ text: 'NHIỆM VỤ', numbering: { reference: 'outline', level: 0 } }),
            new Paragraph({ text: 'Sở Nội vụ chủ trì', numbering: { reference: 'outline', level: 1 } }),
            new Paragraph({
              text: 'Danh sách mới',
              numbering: { reference: 'outline', level: 0, instance: 2 },
            }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const { text } = await convertToText({ bytes, fileName: 'dan-y.docx' });
    expect(text).toBe(
      [
        'I. ĐÁNH GIÁ CHUNG',
        'I.3. Kết quả đạt được',
        'I.4. Tồn tại',
        '- Chậm giải ngân',
        'II. NHIỆM VỤ',
        'II.3. Sở Nội vụ chủ trì',
        'I. Danh sách mới',
      ].join('\n\n'),
    );
  });

  it('labels paragraphs numbered through their style and skips mc:Choice copies', () => {
    const numbering =
      '<w:numbering><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>' +
      '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num></w:numbering>';
    const styles =
      '<w:styles><w:style w:type="paragraph" w:styleId="Muc"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="MucCon"><w:basedOn w:val="Muc"/></w:style></w:styles>';
    const p = (style: string, text: string) =>
      `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const document =
      `<w:document><w:body>${p('Muc', 'Một')}` +
      `<mc:AlternateContent><mc:Choice Requires="wps">${p('Muc', 'Bản sao')}</mc:Choice><mc:Fallback/></mc:AlternateContent>` +
      `${p('MucCon', 'Hai')}${p('Normal', 'Thường')}</w:body></w:document>`;
    const { xml, labels } = labelNumberedParagraphs(document, readNumbering(numbering, styles));
    expect(labels).toBe(2);
    expect(xml).toContain('<w:t xml:space="preserve">a) </w:t></w:r><w:r><w:t>Một');
    expect(xml).toContain('<w:t xml:space="preserve">b) </w:t></w:r><w:r><w:t>Hai');
    expect(xml).not.toContain('c) ');
    expect(xml.match(/<w:numId w:val="0"\/>/g)).toHaveLength(2);
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

  it('refuses a DOCX typed in TCVN3 (.VnTime)', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Uû ban nh©n d©n tØnh An Giang'),
            new Paragraph('Th«ng b¸o kÕt luËn cña Chñ tÞch'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const error = await convertToText({ bytes, fileName: 'vntime.docx' }).catch((e) => e);
    expect(error.code).toBe('unsupported-format');
    expect(error.details).toEqual({ reason: 'legacy-encoding' });
    expect(error.message).toContain('bảng mã cũ');
  });

  it('refuses a DOCX with no text as empty', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const error = await convertToText({ bytes, fileName: 'trong.docx' }).catch((e) => e);
    expect(error.code).toBe('empty');
    expect(error.status).toBe(422);
  });
});

describe('htmlToText (mammoth output)', () => {
  it('numbers list items mammoth could not label, nests, keeps cells and drops footnote back-links', () => {
    const html =
      '<h1>THÔNG BÁO</h1><p>Dòng một<br />Dòng hai &amp; ba</p>' +
      '<ol><li>Giao Sở Y tế<ol><li>rà soát</li><li>báo cáo</li></ol></li><li>Giao Sở Nội vụ</li></ol>' +
      '<ul><li>gạch đầu dòng</li></ul>' +
      '<table><tr><td><p>Ô 1</p><p>tiếp</p></td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table>' +
      '<p>Xem chú thích<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>' +
      '<ol><li id="footnote-1"><p>Chú thích. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToText(html)).toBe(
      [
        'THÔNG BÁO',
        'Dòng một\nDòng hai & ba',
        '1. Giao Sở Y tế',
        'a) rà soát',
        'b) báo cáo',
        '2. Giao Sở Nội vụ',
        '- gạch đầu dòng',
        '| Ô 1<br>tiếp | a ; b<br>c ; d |',
        'Xem chú thích[1]',
        '1. Chú thích.',
      ].join('\n\n'),
    );
  });
});
