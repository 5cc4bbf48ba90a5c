/** Recurring duties: "báo cáo hằng ngày", "định kỳ hằng tháng", "6 tháng một lần". */
import { containsAny, execAtWordStart, lowerCase } from '../text/fold.ts';
import type { Recurrence } from '../types.ts';

const UNIT: Record<string, Recurrence> = {
  ngày: 'daily',
  tuần: 'weekly',
  tháng: 'monthly',
  quý: 'quarterly',
  năm: 'yearly',
};

/** Matched at word starts by execAtWordStart. */
const RECURRENCE_RE =
  /(?:(?:hằng|hàng|mỗi)\s+(ngày|tuần|tháng|quý|năm)|định kỳ\s+(?:(?:hằng|hàng)\s+)?(ngày|tuần|tháng|quý|năm)|(?:định kỳ\s+)?(6|sáu)\s+tháng\s+(?:một|1)\s+lần|định kỳ\s+(6|sáu)\s+tháng)(?![\p{L}])/giu;

/** Words every recurrence holds, sought in the lower-cased text. */
const RECURRENCE_KEYS = containsAny(['hằng', 'hàng', 'mỗi', 'định kỳ', 'lần']);

export function findRecurrence(text: string): { recurrence: Recurrence; text: string } | null {
  if (!RECURRENCE_KEYS(lowerCase(text))) return null;
  RECURRENCE_RE.lastIndex = 0;
  const m = execAtWordStart(RECURRENCE_RE, text);
  if (!m) return null;
  const unit = (m[1] ?? m[2])?.toLowerCase();
  const recurrence = unit ? UNIT[unit] : 'half-yearly';
  return recurrence ? { recurrence, text: m[0] } : null;
}
