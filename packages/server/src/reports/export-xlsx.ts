// The report as an Excel workbook (exceljs 4.4): header lines, the four-bucket summary,
// then the task table with a bold, frozen header row, wrapped text and fixed widths.
import ExcelJS from 'exceljs';
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

const WIDTHS = [6, 60, 28, 30, 12, 45, 22];
const FONT = 'Times New Roman';

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export async function reportToXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  wb.created = new Date(report.generatedAt);
  const ws = wb.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = TABLE_HEADERS.length;

  const line = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, last);
    const cell = row.getCell(1);
    cell.font = { name: FONT, size: opts.size ?? 12, bold: opts.bold ?? false };
    cell.alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
    return row;
  };

  if (report.parentIssuer) line(report.parentIssuer.toUpperCase());
  line(report.issuer.toUpperCase(), { bold: true });
  ws.addRow([]);
  line(REPORT_TITLE, { bold: true, center: true, size: 14 });
  line(REPORT_SUBTITLE, { bold: true, center: true });
  line(periodLine(report), { center: true });
  line(agencyLine(report), { center: true });
  ws.addRow([]);
  for (const s of summaryLines(report)) line(s);
  ws.addRow([]);

  const header = ws.addRow([...TABLE_HEADERS]);
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = thin;
  });
  // Freeze everything down to the table header, so it stays visible while scrolling.
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number, topLeftCell: `A${header.number + 1}` }];

  sortForReport(report.tasks).forEach((t, i) => {
    const row = ws.addRow([
      i + 1,
      t.text,
      documentCell(t),
      t.leadAgencyName ?? '',
      t.due ? utcDate(t.due) : 'Không có thời hạn',
      progressCell(t),
      statusCell(t),
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: FONT, size: 12 };
      cell.alignment = {
        vertical: 'top',
        wrapText: true,
        horizontal: col === 1 || col === 5 ? 'center' : 'left',
      };
      cell.border = thin;
    });
    row.getCell(5).numFmt = 'dd/mm/yyyy';
  });
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: last } };

  ws.addRow([]);
  const note = truncationNote(report);
  if (note) line(note, { size: 11 });
  line(`Số liệu tính đến ngày ${formatDateVi(report.asOf)}; lập ngày ${formatDateVi(report.generatedAt)}.`, {
    size: 11,
  });

  // Figures per lead agency (the summary table of a province-wide report).
  if (report.byAgency.length) {
    const by = wb.addWorksheet('Theo cơ quan', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    by.columns = [6, 45, 10, 14, 14, 16, 16, 12].map((width) => ({ width }));
    const title = by.addRow([`TỔNG HỢP THEO CƠ QUAN CHỦ TRÌ - ${report.period.label.toUpperCase()}`]);
    by.mergeCells(title.number, 1, title.number, AGENCY_TABLE_HEADERS.length);
    title.getCell(1).font = { name: FONT, size: 13, bold: true };
    title.getCell(1).alignment = { horizontal: 'center' };
    const head = by.addRow([...AGENCY_TABLE_HEADERS]);
    head.eachCell((cell) => {
      cell.font = { name: FONT, size: 12, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = thin;
    });
    by.views = [{ state: 'frozen', xSplit: 0, ySplit: head.number, topLeftCell: `A${head.number + 1}` }];
    for (const values of agencyTableRows(report)) {
      const row = by.addRow(values);
      row.eachCell((cell, col) => {
        cell.font = { name: FONT, size: 12 };
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: col === 2 ? 'left' : 'center' };
        cell.border = thin;
      });
    }
    const f = report.figures;
    const sum = by.addRow([
      '',
      'Tổng cộng',
      f.total,
      f.done_on_time,
      f.done_late,
      f.open_on_time,
      f.open_overdue,
    ]);
    sum.eachCell((cell) => {
      cell.font = { name: FONT, size: 12, bold: true };
      cell.border = thin;
    });
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
