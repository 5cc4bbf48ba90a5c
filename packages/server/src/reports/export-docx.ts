// The report as a Word document (docx 9): A4 landscape, Times New Roman, margins of
// Decree 30/2020/NĐ-CP Phụ lục I (top/bottom 20 mm, left 30 mm, right 15 mm), the
// issuer and national motto side by side, title, period, four-bucket summary, task table.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  AGENCY_TABLE_HEADERS,
  agencyLine,
  agencyTableRows,
  documentCell,
  periodLine,
  progressCell,
  REPORT_SUBTITLE,
  REPORT_TITLE,
  type Report,
  sortForReport,
  statusCell,
  summaryLines,
  TABLE_HEADERS,
  truncationNote,
} from './model.ts';
import { formatDateVi } from './periods.ts';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
// A4 portrait in twips; docx swaps them for landscape.
const A4_W = 11906;
const A4_H = 16838;
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
};
const USABLE = A4_H - MARGIN.left - MARGIN.right;
// STT | Nội dung | Văn bản giao | Cơ quan chủ trì | Thời hạn | Tình hình | Trạng thái — shares of the width
const SHARES = [4, 30, 14, 15, 9, 17, 11];
const COLS = (() => {
  const total = SHARES.reduce((a, b) => a + b, 0);
  const w = SHARES.map((s) => Math.floor((USABLE * s) / total));
  w[1] = (w[1] ?? 0) + USABLE - w.reduce((a, b) => a + b, 0);
  return w;
})();

/** sizes in points; docx wants half-points */
function run(text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    bold: opts.bold,
    italics: opts.italics,
    size: (opts.size ?? 13) * 2,
  });
}

function para(
  text: string,
  opts: { bold?: boolean; italics?: boolean; size?: number; align?: 'center' | 'left' | 'both' } = {},
): Paragraph {
  const alignment =
    opts.align === 'center'
      ? AlignmentType.CENTER
      : opts.align === 'both'
        ? AlignmentType.JUSTIFIED
        : AlignmentType.LEFT;
  return new Paragraph({ alignment, spacing: { after: 60 }, children: [run(text, opts)] });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

function headerBlock(report: Report): Table {
  const left: Paragraph[] = [];
  if (report.parentIssuer) left.push(para(report.parentIssuer.toUpperCase(), { size: 13, align: 'center' }));
  left.push(para(report.issuer.toUpperCase(), { bold: true, size: 13, align: 'center' }));
  const right = [
    para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13, align: 'center' }),
    para('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14, align: 'center' }),
  ];
  const half = Math.floor(USABLE * 0.42);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: USABLE, type: WidthType.DXA },
    columnWidths: [half, USABLE - half],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: half, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({
            width: { size: USABLE - half, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: right,
          }),
        ],
      }),
    ],
  });
}

// Body cells are kept lean (no per-cell width or margins: the table's fixed grid and default
// cell margins apply; the font comes from the document default): docx builds thousands of them.
function cell(text: string, width: number, opts: { bold?: boolean; center?: boolean; shade?: boolean } = {}) {
  const header = opts.bold === true;
  return new TableCell({
    ...(header
      ? {
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          shading: opts.shade ? { fill: 'D9E1F2' } : undefined,
        }
      : {}),
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.center ? AlignmentType.CENTER : undefined,
          children: [new TextRun({ text: line, bold: opts.bold, size: 24 })],
        }),
    ),
  });
}

function taskTable(report: Report): Table {
  const header = new TableRow({
    tableHeader: true, // repeats on every page
    children: TABLE_HEADERS.map((h, i) => cell(h, COLS[i] ?? 0, { bold: true, center: true, shade: true })),
  });
  const rows = sortForReport(report.tasks).map(
    (t, i) =>
      new TableRow({
        cantSplit: false,
        children: [
          cell(String(i + 1), COLS[0] ?? 0, { center: true }),
          cell(t.text, COLS[1] ?? 0),
          cell(documentCell(t), COLS[2] ?? 0),
          cell(t.leadAgencyName ?? '', COLS[3] ?? 0),
          cell(t.due ? formatDateVi(t.due) : 'Không có thời hạn', COLS[4] ?? 0, { center: true }),
          cell(progressCell(t), COLS[5] ?? 0),
          cell(statusCell(t), COLS[6] ?? 0),
        ],
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: USABLE, type: WidthType.DXA },
    columnWidths: COLS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [header, ...rows],
  });
}

const AGENCY_SHARES = [4, 36, 9, 11, 11, 11, 11, 7];

function agencyTable(report: Report): Table {
  const total = AGENCY_SHARES.reduce((a, b) => a + b, 0);
  const cols = AGENCY_SHARES.map((x) => Math.floor((USABLE * x) / total));
  cols[1] = (cols[1] ?? 0) + USABLE - cols.reduce((a, b) => a + b, 0);
  const f = report.figures;
  const sum = ['', 'Tổng cộng', f.total, f.done_on_time, f.done_late, f.open_on_time, f.open_overdue, ''];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: USABLE, type: WidthType.DXA },
    columnWidths: cols,
    rows: [
      new TableRow({
        tableHeader: true,
        children: AGENCY_TABLE_HEADERS.map((h, i) =>
          cell(h, cols[i] ?? 0, { bold: true, center: true, shade: true }),
        ),
      }),
      ...agencyTableRows(report).map(
        (values) =>
          new TableRow({
            children: values.map((v, i) => cell(String(v), cols[i] ?? 0, { center: i !== 1 })),
          }),
      ),
      new TableRow({
        children: sum.map((v, i) => cell(String(v), cols[i] ?? 0, { bold: true, center: i !== 1 })),
      }),
    ],
  });
}

export async function reportToDocx(report: Report): Promise<Buffer> {
  const byAgency = report.byAgency.length
    ? [para('II. TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ', { bold: true }), agencyTable(report), para('')]
    : [];
  const note = truncationNote(report, ' Danh mục dài hơn: xuất tệp Excel (xlsx) hoặc CSV.');
  const children = [
    headerBlock(report),
    para(''),
    para(REPORT_TITLE, { bold: true, size: 14, align: 'center' }),
    para(REPORT_SUBTITLE, { bold: true, size: 14, align: 'center' }),
    para(periodLine(report), { italics: true, align: 'center' }),
    para(agencyLine(report), { align: 'center' }),
    para(''),
    para('I. TỔNG HỢP KẾT QUẢ', { bold: true }),
    ...summaryLines(report).map((s) => para(s, { align: 'both' })),
    ...byAgency,
    para(byAgency.length ? 'III. DANH MỤC NHIỆM VỤ' : 'II. DANH MỤC NHIỆM VỤ', { bold: true }),
    taskTable(report),
    para(''),
    ...(note ? [para(note, { italics: true, size: 12 })] : []),
    para(
      `Số liệu tính đến ngày ${formatDateVi(report.asOf)}; lập ngày ${formatDateVi(report.generatedAt)}.`,
      {
        italics: true,
        size: 12,
      },
    ),
  ];
  const doc = new Document({
    creator: 'dondoc',
    title: `${REPORT_TITLE} - ${report.period.label}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_W, height: A4_H, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
