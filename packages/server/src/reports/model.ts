// The report's data, independent of storage and of the output format.

import { BUCKET_LABELS, BUCKETS, type Bucket } from '../tasks/buckets.ts';
import { STATUS_LABELS } from '../tasks/lifecycle.ts';
import type { ReportPeriod } from './periods.ts';

// The four buckets are defined once, in src/tasks/buckets.ts; reports only count them.
export { BUCKET_LABELS, BUCKETS };
export type BucketName = Bucket;

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** One task as a report shows it, classified as of the window end. */
export interface ReportTask {
  id: number;
  ref: string | null;
  text: string;
  documentId: number;
  /** "312/TB-VP" or null */
  documentNumber: string | null;
  /** ISO date of the notice */
  documentDate: string | null;
  leadAgencyId: number | null;
  leadAgencyName: string | null;
  supportAgencyNames: string[];
  /** ISO date or null (no deadline) */
  due: string | null;
  /** ISO date (Vietnam) the task was confirmed done, or null */
  completedOn: string | null;
  /** the workflow status now */
  status: string;
  /** bucket as of the report's asOf date */
  bucket: BucketName;
  dueSoon: boolean;
  noDeadline: boolean;
  /** latest progress note up to the window end, or null */
  progressNote: string | null;
  progressPercent: number | null;
}

export interface BucketCounts {
  done_on_time: number;
  done_late: number;
  open_on_time: number;
  open_overdue: number;
}

export interface ReportFigures extends BucketCounts {
  total: number;
  done: number;
  open: number;
  due_soon: number;
  no_deadline: number;
  /**
   * Tỷ lệ hoàn thành đúng hạn: done_on_time over the tasks whose outcome is settled
   * (done, or overdue) — open tasks still inside their deadline are not counted either way.
   * null when no task is settled.
   */
  onTimeRate: number | null;
  /** done / total, null when total = 0 */
  completionRate: number | null;
}

export interface ReportAgency {
  id: number;
  name: string;
}

/** One lead agency's figures in a report. */
export interface ReportAgencyRow extends BucketCounts {
  agency: ReportAgency | null;
  total: number;
  onTimeRate: number | null;
}

export interface Report {
  period: ReportPeriod;
  /** the day the buckets are computed for: the window end, or today when the window is still running */
  asOf: string;
  agency: ReportAgency | null;
  /** issuing body, e.g. "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" */
  issuer: string;
  /** superior body printed above the issuer, e.g. "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", or null */
  parentIssuer: string | null;
  generatedAt: string;
  figures: ReportFigures;
  /** figures per lead agency (chủ trì), by name */
  byAgency: ReportAgencyRow[];
  tasks: ReportTask[];
  /** true when the task list was cut (the figures stay complete) */
  truncated?: boolean;
  /** task ids behind each number */
  lists: Record<BucketName | 'due_soon' | 'no_deadline', number[]>;
}

export function emptyCounts(): BucketCounts {
  return { done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 };
}

/** Rounds to 4 decimals (0.8333) so JSON stays readable and stable. */
export function ratio(num: number, den: number): number | null {
  if (den === 0) return null;
  return Math.round((num / den) * 10_000) / 10_000;
}

export function figuresFromCounts(c: BucketCounts, dueSoon: number, noDeadline: number): ReportFigures {
  const done = c.done_on_time + c.done_late;
  const open = c.open_on_time + c.open_overdue;
  const total = done + open;
  return {
    ...c,
    total,
    done,
    open,
    due_soon: dueSoon,
    no_deadline: noDeadline,
    onTimeRate: ratio(c.done_on_time, done + c.open_overdue),
    completionRate: ratio(done, total),
  };
}

export function figuresOf(tasks: readonly ReportTask[]): {
  figures: ReportFigures;
  lists: Report['lists'];
} {
  const counts = emptyCounts();
  const lists: Report['lists'] = {
    done_on_time: [],
    done_late: [],
    open_on_time: [],
    open_overdue: [],
    due_soon: [],
    no_deadline: [],
  };
  for (const t of tasks) {
    counts[t.bucket] += 1;
    lists[t.bucket].push(t.id);
    if (t.dueSoon) lists.due_soon.push(t.id);
    if (t.noDeadline) lists.no_deadline.push(t.id);
  }
  return { figures: figuresFromCounts(counts, lists.due_soon.length, lists.no_deadline.length), lists };
}

/** "83,3%" — Vietnamese decimal comma. */
export function formatPercentVi(rate: number | null): string {
  if (rate === null) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${String(pct).replace('.', ',')}%`;
}

export const REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ';
export const REPORT_SUBTITLE = 'được giao tại các thông báo kết luận, ý kiến chỉ đạo';

export function periodLine(r: Report): string {
  const f = r.period.from.split('-').reverse().join('/');
  const t = r.period.to.split('-').reverse().join('/');
  return `Kỳ báo cáo: ${r.period.label} (số liệu từ ngày ${f} đến ngày ${t})`;
}

export function agencyLine(r: Report): string {
  return r.agency ? `Cơ quan, đơn vị: ${r.agency.name}` : 'Cơ quan, đơn vị: Tất cả cơ quan, đơn vị';
}

/** The summary lines every export prints before the table. */
export function summaryLines(r: Report): string[] {
  const f = r.figures;
  return [
    `Tổng số nhiệm vụ: ${f.total}, trong đó:`,
    ...BUCKETS.map((b) => `- ${BUCKET_LABELS[b]}: ${f[b]}`),
    `Tỷ lệ hoàn thành đúng hạn: ${formatPercentVi(f.onTimeRate)}`,
  ];
}

export const TABLE_HEADERS = [
  'STT',
  'Nội dung nhiệm vụ',
  'Văn bản giao',
  'Cơ quan chủ trì',
  'Thời hạn',
  'Tình hình thực hiện',
  'Trạng thái',
] as const;

const DOC_TYPES: Record<string, string> = {
  TB: 'Thông báo',
  QĐ: 'Quyết định',
  CV: 'Công văn',
  KH: 'Kế hoạch',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  BC: 'Báo cáo',
};

/** "Thông báo số 312/TB-VP ngày 18/05/2021" — the type comes from the notation (Decree 30/2020 Phụ lục III). */
export function documentCell(t: ReportTask): string {
  const abbr = t.documentNumber?.split('/')[1]?.split('-')[0]?.normalize('NFC').toUpperCase() ?? '';
  const kind = DOC_TYPES[abbr] ?? 'Văn bản';
  const number = t.documentNumber ? `số ${t.documentNumber}` : '';
  const date = t.documentDate ? `ngày ${t.documentDate.split('-').reverse().join('/')}` : '';
  return [kind, number, date].filter(Boolean).join(' ');
}

export function progressCell(t: ReportTask): string {
  const parts: string[] = [];
  if (t.progressNote) parts.push(t.progressNote);
  if (t.progressPercent !== null && t.progressPercent !== undefined) parts.push(`(${t.progressPercent}%)`);
  if (t.completedOn) parts.push(`Hoàn thành ngày ${t.completedOn.split('-').reverse().join('/')}`);
  return parts.join(' ');
}

export function statusCell(t: ReportTask): string {
  return BUCKET_LABELS[t.bucket];
}

/** Sorted as the usual form: overdue first, then open, then done; by due date inside. */
export function sortForReport(tasks: readonly ReportTask[]): ReportTask[] {
  const order: Record<BucketName, number> = {
    open_overdue: 0,
    open_on_time: 1,
    done_late: 2,
    done_on_time: 3,
  };
  return [...tasks].sort(
    (a, b) =>
      order[a.bucket] - order[b.bucket] ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      (a.documentDate ?? '').localeCompare(b.documentDate ?? '') ||
      a.id - b.id,
  );
}

export function agencyRow(agency: ReportAgency | null, c: BucketCounts): ReportAgencyRow {
  const done = c.done_on_time + c.done_late;
  return {
    agency,
    done_on_time: c.done_on_time,
    done_late: c.done_late,
    open_on_time: c.open_on_time,
    open_overdue: c.open_overdue,
    total: done + c.open_on_time + c.open_overdue,
    onTimeRate: ratio(c.done_on_time, done + c.open_overdue),
  };
}

export const AGENCY_TABLE_HEADERS = [
  'STT',
  'Cơ quan chủ trì',
  'Tổng số',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Chưa hoàn thành trong hạn',
  'Chưa hoàn thành quá hạn',
  'Tỷ lệ đúng hạn',
] as const;

export function agencyTableRows(r: Report): (string | number)[][] {
  return r.byAgency.map((a, i) => [
    i + 1,
    a.agency?.name ?? 'Chưa xác định cơ quan chủ trì',
    a.total,
    a.done_on_time,
    a.done_late,
    a.open_on_time,
    a.open_overdue,
    formatPercentVi(a.onTimeRate),
  ]);
}

export function truncationNote(r: Report, hint = ''): string | null {
  if (!r.truncated) return null;
  return `Ghi chú: danh mục chỉ liệt kê ${r.tasks.length.toLocaleString('vi-VN')} trong tổng số ${r.figures.total.toLocaleString('vi-VN')} nhiệm vụ; số liệu tổng hợp ở trên là đầy đủ.${hint}`;
}
