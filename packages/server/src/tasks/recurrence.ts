/**
 * Occurrences of recurring tasks (báo cáo hằng ngày / hằng tuần / định kỳ hằng tháng,
 * hằng quý ...). Publishing a recurring task creates one parent task (the standing duty,
 * `recurrence` set, no parent) and one child task per period (`parent_task_id` set,
 * its own `due`), from the publication date up to a horizon:
 *
 *   daily      every working day (Mon–Fri; Decree 30/2020 counts working days)  horizon 31 days
 *   weekly     the Friday of each week (weekly reports go in at the week's end)  horizon 13 weeks
 *   monthly    the last day of each month                                        horizon 12 months
 *   quarterly  the last day of each quarter                                      horizon 4 quarters
 *   half-yearly 30 June and 31 December                                          horizon 2 halves
 *   yearly     31 December                                                       horizon 2 years
 *
 * never past the parent's own due date when it has one. `extendOccurrences` (service)
 * tops the list up as time passes; it is idempotent, keyed on (parent, due).
 * The parent is a container: buckets and dashboards count its occurrences, not it
 * (see `countableTaskWhere` in ./buckets.ts).
 */

export const RECURRENCES = ['daily', 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export function isRecurrence(v: unknown): v is Recurrence {
  return typeof v === 'string' && (RECURRENCES as readonly string[]).includes(v);
}

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  daily: 'Hằng ngày',
  weekly: 'Hằng tuần',
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  'half-yearly': '6 tháng',
  yearly: 'Hằng năm',
};

const DAY = 86_400_000;

function parse(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDaysIso(iso: string, n: number): string {
  return fmt(new Date(parse(iso).getTime() + n * DAY));
}
function monthEnd(y: number, m0: number): Date {
  return new Date(Date.UTC(y, m0 + 1, 0));
}

/** The horizon date: how far ahead occurrences exist, counted from `from`. */
export function horizon(recurrence: Recurrence, from: string): string {
  const d = parse(from);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (recurrence) {
    case 'daily':
      return addDaysIso(from, 31);
    case 'weekly':
      return addDaysIso(from, 13 * 7);
    case 'monthly':
      return fmt(monthEnd(y, m + 11));
    case 'quarterly':
      return fmt(monthEnd(y, Math.floor(m / 3) * 3 + 11));
    case 'half-yearly':
      return fmt(monthEnd(y, Math.floor(m / 6) * 6 + 11));
    case 'yearly':
      return `${y + 1}-12-31`;
  }
}

/**
 * The due dates of the occurrences in [from, until], ascending. `until` is the horizon,
 * cut at the parent's due date when there is one. At most `limit` dates.
 */
export function occurrenceDates(recurrence: Recurrence, from: string, until: string, limit = 400): string[] {
  const out: string[] = [];
  const end = until.slice(0, 10);
  const push = (d: Date) => {
    const s = fmt(d);
    if (s >= from.slice(0, 10) && s <= end) out.push(s);
    return s <= end && out.length < limit;
  };
  const start = parse(from);
  switch (recurrence) {
    case 'daily': {
      for (let t = start.getTime(); ; t += DAY) {
        const d = new Date(t);
        const wd = d.getUTCDay();
        if (wd === 0 || wd === 6) {
          if (fmt(d) > end) break;
          continue;
        }
        if (!push(d)) break;
      }
      break;
    }
    case 'weekly': {
      const toFriday = (5 - start.getUTCDay() + 7) % 7;
      for (let t = start.getTime() + toFriday * DAY; ; t += 7 * DAY) if (!push(new Date(t))) break;
      break;
    }
    default: {
      const step =
        recurrence === 'monthly' ? 1 : recurrence === 'quarterly' ? 3 : recurrence === 'half-yearly' ? 6 : 12;
      const y = start.getUTCFullYear();
      // First period end on or after `from`: periods are aligned to the calendar year.
      let m = Math.floor(start.getUTCMonth() / step) * step + step - 1;
      while (push(monthEnd(y, m))) m += step;
      break;
    }
  }
  return out;
}

/** Occurrence dates for a newly published or topped-up recurring task. */
export function planOccurrences(
  recurrence: Recurrence,
  from: string,
  parentDue: string | null,
  limit?: number,
): string[] {
  const h = horizon(recurrence, from);
  const until = parentDue && parentDue < h ? parentDue : h;
  return occurrenceDates(recurrence, from, until, limit);
}
