/** Calendar helpers on ISO date strings (no time zones: documents speak in local days). */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` (1–12) of the Gregorian year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return DAYS[m - 1] ?? 31;
}

export function isValidYMD(y: number, m: number, d: number): boolean {
  return y >= 1945 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function lastDayOfMonth(y: number, m: number): string {
  return iso(y, m, daysInMonth(y, m));
}

/** Two-digit years on stamps ("5/3/24") are this century. */
export function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

export function parseIso(s: string | null | undefined): YMD | null {
  const m = s ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s) : null;
  return m ? { y: +(m[1] as string), m: +(m[2] as string), d: m[3] ? +m[3] : 1 } : null;
}

export function addDays(date: YMD, days: number): string {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Adds working days (Monday to Friday), as "ngày làm việc" counts. */
export function addWorkingDays(date: YMD, days: number): string {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  let left = days;
  while (left > 0) {
    t.setUTCDate(t.getUTCDate() + 1);
    const wd = t.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Numeric date forms: "27/3/2021", "27-3-2021", "27.3.2021", "ngày 11 tháng 5 năm 2021".
 * Matches at the start of `s`; returns the date and how many characters it used.
 */
const NUMERIC = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)/;
const WORDS = /^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+(\d{4})/iu;

export function parseDateAt(s: string): { date: string; length: number } | null {
  const m = NUMERIC.exec(s) ?? WORDS.exec(s);
  if (!m) return null;
  const y = fullYear(+(m[3] as string));
  const mo = +(m[2] as string);
  const d = +(m[1] as string);
  return isValidYMD(y, mo, d) ? { date: iso(y, mo, d), length: m[0].length } : null;
}
