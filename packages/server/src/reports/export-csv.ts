// The report as CSV: UTF-8 with a byte-order mark (so Excel reads Vietnamese), RFC 4180
// quoting, CRLF line ends. Only the table — one header row, one row a task — so that
// other systems can read it; the title, period and summary are in the XLSX/DOCX forms
// and in the JSON API.
import {
  BUCKET_LABELS,
  documentCell,
  progressCell,
  type Report,
  sortForReport,
  TABLE_HEADERS,
} from './model.ts';
import { formatDateVi } from './periods.ts';

export const CSV_HEADERS = [
  ...TABLE_HEADERS,
  'Mã trạng thái',
  'Ngày hoàn thành',
  'Cơ quan phối hợp',
  'Kỳ báo cáo',
  'Mã nhiệm vụ',
] as const;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ is a formula to a spreadsheet: prefix it (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

export function reportToCsv(report: Report): Buffer {
  const lines = [csvLine(CSV_HEADERS)];
  sortForReport(report.tasks).forEach((t, i) => {
    lines.push(
      csvLine([
        i + 1,
        t.text,
        documentCell(t),
        t.leadAgencyName,
        t.due ? formatDateVi(t.due) : 'Không có thời hạn',
        progressCell(t),
        BUCKET_LABELS[t.bucket],
        t.bucket,
        formatDateVi(t.completedOn),
        t.supportAgencyNames.join('; '),
        report.period.label,
        t.id,
      ]),
    );
  });
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
