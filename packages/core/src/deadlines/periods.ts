/**
 * Parsers for the time expressions a deadline is written with. Each recognises one
 * family at a position and returns the last day of the period it names
 * (CONTRACT: "tháng 5/2021" → 2021-05-31, "quý III/2021" → 2021-09-30).
 */
import { iso, isValidYMD, lastDayOfMonth, parseDateAt, type YMD } from '../dates.ts';

export interface PeriodMatch {
  due: string;
  length: number;
  /** True when the expression names a single day. */
  day: boolean;
  /** True when the year was not written and came from the document's date. */
  inferredYear: boolean;
}

type PeriodParser = (s: string, ctx: YMD | null) => PeriodMatch | null;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const YEAR = String.raw`(?:\s*(?:/|-|năm)\s*((?:19|20)\d{2}))`;

/** "17 giờ ngày 24/10/2025", "17h00 ngày ...": the hour does not change the day. */
const HOUR = String.raw`(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}\s*(?:phút)?)?\s*,?\s*(?:ngày\s+)?)?`;

const FULL_DATE_PREFIX = new RegExp(String.raw`^${HOUR}(?:ngày\s+)?`, 'iu');
const DAY_MONTH = new RegExp(
  String.raw`^${HOUR}(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?![\d/-]|\s*[/.-]\s*\d)`,
  'iu',
);
const MONTH = new RegExp(String.raw`^(?:cuối\s+)?tháng\s+(\d{1,2})${YEAR}?(?![\d/])`, 'iu');
const QUARTER = new RegExp(String.raw`^(?:cuối\s+)?quý\s+(IV|III|II|I|[1-4])(?![\p{L}\d])${YEAR}?`, 'iu');

/** "10/12/2022", "ngày 10 tháng 12 năm 2022". */
const fullDate: PeriodParser = (s) => {
  const m = FULL_DATE_PREFIX.exec(s) as RegExpExecArray;
  const d = parseDateAt(s.slice(m[0].length));
  return d ? { due: d.date, length: m[0].length + d.length, day: true, inferredYear: false } : null;
};

/** "ngày 30/6", "30/6" with no year: the year of the document (or the next one if already past). */
const dayMonth: PeriodParser = (s, ctx) => {
  const m = DAY_MONTH.exec(s);
  if (!m || !ctx) return null;
  const d = +(m[1] as string);
  const mo = +(m[2] as string);
  let y = ctx.y;
  if (!isValidYMD(y, mo, d)) return null;
  if (mo < ctx.m || (mo === ctx.m && d < ctx.d)) y++;
  return isValidYMD(y, mo, d)
    ? { due: iso(y, mo, d), length: m[0].length, day: true, inferredYear: true }
    : null;
};

/** "tháng 5/2021", "tháng 5 năm 2021", "cuối tháng 5/2021", "tháng 5" (year from the document). */
const month: PeriodParser = (s, ctx) => {
  const m = MONTH.exec(s);
  if (!m) return null;
  const mo = +(m[1] as string);
  if (mo < 1 || mo > 12) return null;
  let y = m[2] ? +m[2] : ctx?.y;
  if (!y) return null;
  if (!m[2] && ctx && mo < ctx.m) y++;
  return { due: lastDayOfMonth(y, mo), length: m[0].length, day: false, inferredYear: !m[2] };
};

/** "quý III/2021", "quý 3 năm 2021", "cuối quý IV". */
const quarter: PeriodParser = (s, ctx) => {
  const m = QUARTER.exec(s);
  if (!m) return null;
  const q = ROMAN[(m[1] as string).toLowerCase()] as number;
  let y = m[2] ? +m[2] : ctx?.y;
  if (!y) return null;
  if (!m[2] && ctx && q * 3 < ctx.m) y++;
  return { due: lastDayOfMonth(y, q * 3), length: m[0].length, day: false, inferredYear: !m[2] };
};

/** "6 tháng đầu năm 2021" → 30/6, "6 tháng cuối năm" → 31/12, "9 tháng năm 2021" → 30/9. */
const partOfYear: PeriodParser = (s, ctx) => {
  const m =
    /^(?:(6|sáu|9|chín)\s+tháng\s+(đầu|cuối)?\s*năm|nửa\s+(đầu|cuối)\s+năm)(?:\s*(?:\/|-)?\s*((?:19|20)\d{2}))?/iu.exec(
      s,
    );
  if (!m) return null;
  const y = m[4] ? +m[4] : ctx?.y;
  if (!y) return null;
  const nine = m[1] === '9' || m[1]?.toLowerCase() === 'chín';
  const late = (m[2] ?? m[3] ?? '').toLowerCase() === 'cuối';
  const mo = nine ? 9 : late ? 12 : 6;
  return { due: lastDayOfMonth(y, mo), length: m[0].length, day: false, inferredYear: !m[4] };
};

/** "năm 2021", "cuối năm 2021", "cuối năm" (the document's year). */
const year: PeriodParser = (s, ctx) => {
  const m = /^(?:(cuối)\s+)?năm(?:\s+((?:19|20)\d{2}))?(?![\d\s]*-\s*\d)/iu.exec(s);
  if (!m) return null;
  if (!m[2] && !m[1]) return null;
  const y = m[2] ? +m[2] : ctx?.y;
  if (!y) return null;
  return { due: iso(y, 12, 31), length: m[0].length, day: false, inferredYear: !m[2] };
};

/** Longest first: "ngày 10/12/2022" before "ngày 10/12". */
export const PERIOD_PARSERS: readonly PeriodParser[] = [fullDate, dayMonth, month, quarter, partOfYear, year];

/**
 * The first letters every period above can open with (when not with a digit): ngày, năm,
 * nửa, tháng, cuối, chín, quý, sáu, in either case ("ſ" is an "s" to the `i` flag).
 */
const PERIOD_OPENERS = 'nNtTcCqQsSſ';

export function parsePeriodAt(s: string, ctx: YMD | null): PeriodMatch | null {
  const c = s.charCodeAt(0);
  if (!(c >= 48 && c <= 57) && !PERIOD_OPENERS.includes(s.charAt(0))) return null;
  for (const p of PERIOD_PARSERS) {
    const m = p(s, ctx);
    if (m) return m;
  }
  return null;
}
