// Reminder rules (đôn đốc), pure: which reminders fall on which local date, for whom, and the
// leaders' daily digest. Dates are calendar dates in Asia/Ho_Chi_Minh (UTC+7, no DST), written
// YYYY-MM-DD; the clock is always passed in so that tests can move it.

import { type Bucket, classify } from '../tasks/buckets.ts';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type ReminderKind = 'before' | 'due_today' | 'overdue';

/** Who receives a reminder: the lead agency's users, plus the support agencies' users before the
 * deadline, plus the tracking officers once the task is overdue. */
export type ReminderAudience = 'lead_and_support' | 'lead' | 'lead_and_officers';

export interface ReminderSettings {
  /** Days before the deadline on which to remind (e.g. [7, 3, 1]). */
  daysBefore: number[];
  /** Once overdue: remind on the first overdue day, then every K days. */
  overdueEveryDays: number;
  /** Local hour (0–23) from which the day's reminders are sent. */
  sendHour: number;
  /** Whether leaders get the daily digest. */
  digestEnabled: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  daysBefore: [7, 3, 1],
  overdueEveryDays: 3,
  sendHour: 7,
  digestEnabled: true,
};

/** Task statuses that still get reminders. Done and awaiting-confirmation tasks are with the
 * tracking office, paused ones are suspended by decision, so none of them is chased. */
export const REMINDABLE_STATUSES: ReadonlySet<string> = new Set(['not_started', 'in_progress', 'returned']);

export interface TaskForReminder {
  id: string;
  status: string;
  /** Deadline, a local date YYYY-MM-DD, or null when the task has none. */
  due: string | null;
  /** For an occurrence of a recurring duty: its recurrence ('daily', 'weekly', ...). */
  recurrence?: string | null;
}

/** Length of a recurrence period in days (shortest month). Before-deadline reminders of an
 * occurrence are only sent inside its own period: a daily report is not announced 7 days ahead. */
const PERIOD_DAYS: Record<string, number> = {
  daily: 1,
  weekly: 7,
  monthly: 28,
  quarterly: 90,
  'half-yearly': 181,
  yearly: 365,
};

export interface PlannedReminder {
  taskId: string;
  kind: ReminderKind;
  /** The local date the reminder is for (YYYY-MM-DD). */
  date: string;
  due: string;
  /** Days until the deadline (> 0 before, 0 on the day, < 0 overdue). */
  daysLeft: number;
  audience: ReminderAudience;
  dedupeKey: string;
}

// --- dates ----------------------------------------------------------------------------------

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const hourFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date in Viet Nam at an instant. */
export function localDate(instant: Date): string {
  return dateFormatter.format(instant);
}

/** The hour (0–23) in Viet Nam at an instant. */
export function localHour(instant: Date): number {
  return Number(hourFormatter.format(instant)) % 24;
}

/** The UTC instant of a local date at a local hour (Viet Nam is UTC+7 all year). */
export function localDateTime(date: string, hour = 0): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d, hour - 7));
}

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Normalises a date value (a Date at local midnight or an ISO string) to YYYY-MM-DD. */
export function toIsoDate(value: string | Date): string {
  if (value instanceof Date) return localDate(value);
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (!m) throw new RangeError(`not a date: ${value}`);
  return m[1] as string;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** dd/mm/yyyy, the way dates are written in administrative documents (Decree 30/2020). */
export function formatDateVi(date: string | Date): string {
  const [y, m, d] = parts(toIsoDate(date));
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

// --- reminder rules -------------------------------------------------------------------------

export function reminderDedupeKey(taskId: string, kind: ReminderKind, date: string): string {
  return `reminder:${taskId}:${kind}:${date}`;
}

/** The reminders that fall on local date `today` for one task (none when the task is finished,
 * paused or has no deadline). Each (task, kind, date) appears at most once. */
export function remindersOn(
  task: TaskForReminder,
  today: string,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): PlannedReminder[] {
  if (!task.due || !REMINDABLE_STATUSES.has(task.status)) return [];
  const due = toIsoDate(task.due);
  const daysLeft = daysBetween(today, due);
  const make = (kind: ReminderKind, audience: ReminderAudience): PlannedReminder[] => [
    {
      taskId: task.id,
      kind,
      date: today,
      due,
      daysLeft,
      audience,
      dedupeKey: reminderDedupeKey(task.id, kind, today),
    },
  ];
  if (daysLeft > 0) {
    const period = task.recurrence
      ? (PERIOD_DAYS[task.recurrence] ?? Number.POSITIVE_INFINITY)
      : Number.POSITIVE_INFINITY;
    return settings.daysBefore.includes(daysLeft) && daysLeft < period
      ? make('before', 'lead_and_support')
      : [];
  }
  if (daysLeft === 0) return make('due_today', 'lead');
  const overdue = -daysLeft;
  const every = Math.max(1, Math.floor(settings.overdueEveryDays));
  // First overdue day, then every K days: overdue by 1, 1+K, 1+2K, ...
  return (overdue - 1) % every === 0 ? make('overdue', 'lead_and_officers') : [];
}

/** Every reminder for a task between two local dates inclusive (for previews and tests). */
export function reminderPlan(
  task: TaskForReminder,
  from: string,
  to: string,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (let d = from; daysBetween(d, to) >= 0; d = addDays(d, 1)) out.push(...remindersOn(task, d, settings));
  return out;
}

/** When the day's reminders may go out: the local send hour of that date, or now if later. */
export function sendTimeFor(today: string, now: Date, settings: ReminderSettings): Date {
  const at = localDateTime(today, settings.sendHour);
  return at.getTime() > now.getTime() ? at : now;
}

// --- the leaders' digest ---------------------------------------------------------------------

export interface TaskForDigest extends TaskForReminder {
  /** When the task was finished (confirmed), when done. */
  completedAt?: Date | string | null;
  text?: string;
  ref?: string | null;
  leadAgencyName?: string | null;
  documentNumber?: string | null;
}

export interface DigestOverdueItem {
  taskId: string;
  text: string;
  ref: string | null;
  due: string;
  daysOverdue: number;
  leadAgencyName: string | null;
  documentNumber: string | null;
}

export interface Digest {
  date: string;
  counts: Record<Bucket, number>;
  total: number;
  overdue: DigestOverdueItem[];
}

export function buildDigest(tasks: TaskForDigest[], today: string): Digest {
  const counts: Record<Bucket, number> = { done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 };
  const overdue: DigestOverdueItem[] = [];
  for (const t of tasks) {
    const b = classify({ status: t.status, due: t.due, completedAt: t.completedAt ?? null }, today).bucket;
    counts[b]++;
    if (b === 'open_overdue' && t.due) {
      const due = toIsoDate(t.due);
      overdue.push({
        taskId: t.id,
        text: t.text ?? '',
        ref: t.ref ?? null,
        due,
        daysOverdue: daysBetween(due, today),
        leadAgencyName: t.leadAgencyName ?? null,
        documentNumber: t.documentNumber ?? null,
      });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.due.localeCompare(b.due));
  return { date: today, counts, total: tasks.length, overdue };
}

export function digestDedupeKey(userId: string, date: string): string {
  return `digest:${userId}:${date}`;
}
