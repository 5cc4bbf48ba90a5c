// Reporting windows. Decree 09/2019/NĐ-CP Art. 12 (chế độ báo cáo định kỳ) fixes the data
// cut-off ("thời gian chốt số liệu"): from the 15th of the month before the period to the
// 14th of the period's last month. Plain calendar windows are offered as an option.
// Dates are ISO strings (YYYY-MM-DD), both ends inclusive, in Vietnamese local time.

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'nine-months', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const WINDOW_MODES = ['decree09', 'calendar'] as const;
/** decree09: cut-off 15th → 14th (Decree 09/2019 Art. 12); calendar: 1st → last day. */
export type WindowMode = (typeof WINDOW_MODES)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  year: number;
  /** month 1–12, quarter 1–4, half 1–2; always 1 for nine-months and year. */
  index: number;
  mode: WindowMode;
  /** first day of the window, inclusive */
  from: string;
  /** last day of the window, inclusive */
  to: string;
  /** Vietnamese label: "Quý III/2021", "6 tháng đầu năm 2021", "Tháng 5/2021" ... */
  label: string;
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MAX_INDEX: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, 'nine-months': 1, year: 1 };

/** Years a report may concern; outside this the query is a typo, not a report. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2200;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** The period's first and last month (1–12) within its year. */
function monthSpan(kind: PeriodKind, index: number): [number, number] {
  switch (kind) {
    case 'month':
      return [index, index];
    case 'quarter':
      return [3 * index - 2, 3 * index];
    case 'half':
      return index === 1 ? [1, 6] : [7, 12];
    case 'nine-months':
      return [1, 9];
    case 'year':
      return [1, 12];
  }
}

export function periodLabel(kind: PeriodKind, year: number, index = 1): string {
  switch (kind) {
    case 'month':
      return `Tháng ${index}/${year}`;
    case 'quarter':
      return `Quý ${ROMAN[index - 1]}/${year}`;
    case 'half':
      return index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'nine-months':
      return `9 tháng năm ${year}`;
    case 'year':
      return `Năm ${year}`;
  }
}

/**
 * The window of one period.
 * decree09 (Decree 09/2019 Art. 12): 15th of the month before the first month → 14th of the last month,
 *   so Q1/2021 = 15/12/2020–14/03/2021, 6 months = 15/12 previous year–14/06, year = 15/12–14/12.
 * calendar: 1st of the first month → last day of the last month.
 */
export function reportPeriod(
  kind: PeriodKind,
  year: number,
  index = 1,
  mode: WindowMode = 'decree09',
): ReportPeriod {
  if (!PERIOD_KINDS.includes(kind)) throw new PeriodError(`Loại kỳ báo cáo không hợp lệ: ${String(kind)}`);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodError(`Năm báo cáo không hợp lệ: ${year} (phải từ ${MIN_YEAR} đến ${MAX_YEAR})`);
  }
  const max = MAX_INDEX[kind];
  if (!Number.isInteger(index) || index < 1 || index > max) {
    throw new PeriodError(
      max === 1
        ? `Kỳ báo cáo này không có chỉ số (index phải là 1)`
        : `Chỉ số kỳ báo cáo phải từ 1 đến ${max}`,
    );
  }
  const [first, last] = monthSpan(kind, index);
  let from: string;
  let to: string;
  if (mode === 'calendar') {
    from = isoDate(year, first, 1);
    to = isoDate(year, last, daysInMonth(year, last));
  } else {
    from = first === 1 ? isoDate(year - 1, 12, 15) : isoDate(year, first - 1, 15);
    to = isoDate(year, last, 14);
  }
  return { kind, year, index, mode, from, to, label: periodLabel(kind, year, index) };
}

function parseIso(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new PeriodError(`Ngày không hợp lệ: ${date} (định dạng YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new PeriodError(`Ngày không tồn tại: ${date}`);
  return [y, mo, d];
}

/** True when `date` (YYYY-MM-DD) is a real calendar day. */
export function isValidIsoDate(date: string): boolean {
  try {
    parseIso(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The period of the given kind whose window holds `date`. Under Decree 09 a day from the 15th on
 * belongs to the next month's report: 20/12/2021 is in "Tháng 1/2022" and in "Năm 2022".
 * For nine-months a date outside every nine-months window (15/09–14/12 under decree09) gets the
 * nine-months period of its reporting year anyway, the one most recently closed.
 */
export function periodContaining(
  kind: PeriodKind,
  date: string,
  mode: WindowMode = 'decree09',
): ReportPeriod {
  let [y, m, d] = parseIso(date);
  if (mode === 'decree09' && d >= 15) {
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  let index: number;
  switch (kind) {
    case 'month':
      index = m;
      break;
    case 'quarter':
      index = Math.ceil(m / 3);
      break;
    case 'half':
      index = m <= 6 ? 1 : 2;
      break;
    default:
      index = 1;
  }
  return reportPeriod(kind, y, index, mode);
}

/** Each ISO date from `from` to `to` inclusive lies in exactly one month: the months covered. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = parseIso(from);
  const [ty, tm] = parseIso(to);
  const out: string[] = [];
  let y = fy;
  let m = fm;
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${pad(y, 4)}-${pad(m)}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** dd/mm/yyyy, the date form of Vietnamese administrative documents (Decree 30/2020). */
export function formatDateVi(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseIso(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Today's date in Vietnam (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 7 * 3600_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
