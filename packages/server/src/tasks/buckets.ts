/**
 * The four official buckets of a task's completion (Decree 09/2019 reporting, and the
 * provincial tracking rules that follow it), defined once. `classify` is the pure
 * definition; the SQL builders below say the same thing to PostgreSQL so that list
 * filters, dashboard counts and reports agree (a test checks them against each other).
 *
 * - done_on_time  hoàn thành đúng hạn:        done, completed on or before the due date (or no due date)
 * - done_late     hoàn thành quá hạn:         done, completed after the due date
 * - open_on_time  chưa hoàn thành trong hạn:  not done, due date today or later (or no due date)
 * - open_overdue  chưa hoàn thành quá hạn:    not done, due date before today
 * Flags:
 * - dueSoon       sắp đến hạn: not done and today ≤ due ≤ today + N days, N = settings key
 *                 `reminders.dueSoonDays` (default 7)
 * - noDeadline    không có thời hạn: no due date
 *
 * Days are Vietnam days (UTC+7, no daylight saving): a task completed at 23:30 on its
 * due date, Hà Nội time, is on time. `paused` and `returned` tasks count as not done.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TaskStatus } from './lifecycle.ts';

export const BUCKETS = ['done_on_time', 'done_late', 'open_on_time', 'open_overdue'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const BUCKET_LABELS: Record<Bucket, string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  open_on_time: 'Chưa hoàn thành trong hạn',
  open_overdue: 'Chưa hoàn thành quá hạn',
};

export const DUE_SOON_SETTING = 'reminders.dueSoonDays';
export const DEFAULT_DUE_SOON_DAYS = 7;

/** Vietnam is UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

export interface BucketInput {
  status: TaskStatus | string;
  /** ISO date, or a Date at UTC midnight of that day, or null. */
  due: string | Date | null;
  completedAt: string | Date | null;
}

export interface Classification {
  bucket: Bucket;
  dueSoon: boolean;
  noDeadline: boolean;
}

/** Today's date in Vietnam as yyyy-mm-dd. */
export function vietnamDate(at: Date = new Date()): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function isoDay(d: string | Date): string {
  if (typeof d === 'string') return d.slice(0, 10);
  // A `date` column read as a JS Date: pg builds it at local midnight.
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The pure definition. `asOf` is the Vietnam date of "today" (yyyy-mm-dd). */
export function classify(
  task: BucketInput,
  asOf: string,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): Classification {
  const due = task.due === null ? null : isoDay(task.due);
  const noDeadline = due === null;
  if (task.status === 'done') {
    if (due === null || task.completedAt === null)
      return { bucket: 'done_on_time', dueSoon: false, noDeadline };
    const completedOn = vietnamDate(new Date(task.completedAt));
    return { bucket: completedOn <= due ? 'done_on_time' : 'done_late', dueSoon: false, noDeadline };
  }
  if (due === null) return { bucket: 'open_on_time', dueSoon: false, noDeadline };
  if (due < asOf) return { bucket: 'open_overdue', dueSoon: false, noDeadline };
  return { bucket: 'open_on_time', dueSoon: due <= addDays(asOf, dueSoonDays), noDeadline };
}

/** Column references of the task row the SQL builders read. */
export interface BucketColumns {
  status: string;
  due: string;
  completedAt: string;
}

export const DEFAULT_COLUMNS: BucketColumns = {
  status: 'tasks.status',
  due: 'tasks.due',
  completedAt: 'tasks.completed_at',
};

function refs(c: BucketColumns) {
  return { status: sql.ref(c.status), due: sql.ref(c.due), completed: sql.ref(c.completedAt) };
}

/** The completion day in Vietnam of a timestamptz column. */
function completedOn(completed: RawBuilder<unknown>): RawBuilder<string> {
  return sql`((${completed} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
}

/**
 * A predicate for one bucket, written so that an index on (status, due) can serve it.
 * Never null (explicit `is not null`), so it can also be selected as a boolean.
 */
export function bucketWhere(
  bucket: Bucket,
  asOf: string,
  cols: BucketColumns = DEFAULT_COLUMNS,
): RawBuilder<SqlBool> {
  const { status, due, completed } = refs(cols);
  const today = sql`${asOf}::date`;
  switch (bucket) {
    case 'done_on_time':
      return sql<SqlBool>`(${status} = 'done' and (${due} is null or ${completed} is null or ${completedOn(completed)} <= ${due}))`;
    case 'done_late':
      return sql<SqlBool>`(${status} = 'done' and ${due} is not null and ${completed} is not null and ${completedOn(completed)} > ${due})`;
    case 'open_on_time':
      return sql<SqlBool>`(${status} <> 'done' and (${due} is null or ${due} >= ${today}))`;
    case 'open_overdue':
      return sql<SqlBool>`(${status} <> 'done' and ${due} is not null and ${due} < ${today})`;
  }
}

/** sắp đến hạn: open and due within [today, today + days]. */
export function dueSoonWhere(
  asOf: string,
  days: number = DEFAULT_DUE_SOON_DAYS,
  cols: BucketColumns = DEFAULT_COLUMNS,
): RawBuilder<SqlBool> {
  const { status, due } = refs(cols);
  const d = Math.max(0, Math.trunc(days));
  return sql<SqlBool>`(${status} <> 'done' and ${due} is not null and ${due} >= ${asOf}::date and ${due} <= ${asOf}::date + ${sql.lit(d)}::int)`;
}

/** không có thời hạn */
export function noDeadlineWhere(cols: BucketColumns = DEFAULT_COLUMNS): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(cols.due)} is null)`;
}

/** The bucket of each row as a text expression (for select lists). */
export function bucketSql(asOf: string, cols: BucketColumns = DEFAULT_COLUMNS): RawBuilder<Bucket> {
  return sql<Bucket>`(case
    when ${bucketWhere('done_on_time', asOf, cols)} then 'done_on_time'
    when ${bucketWhere('done_late', asOf, cols)} then 'done_late'
    when ${bucketWhere('open_overdue', asOf, cols)} then 'open_overdue'
    else 'open_on_time' end)`;
}

/**
 * Select expressions for the dashboard figures: one `count(*) filter (where …)` each,
 * so one scan gives all six. Use as `.select(bucketCounts(asOf, days))`; values come
 * back as strings (bigint) from `pg`.
 */
export function bucketCounts(
  asOf: string,
  days: number = DEFAULT_DUE_SOON_DAYS,
  cols: BucketColumns = DEFAULT_COLUMNS,
) {
  const count = (p: Expression<SqlBool>) => sql<string>`count(*) filter (where ${p})`;
  return [
    count(bucketWhere('done_on_time', asOf, cols)).as('done_on_time'),
    count(bucketWhere('done_late', asOf, cols)).as('done_late'),
    count(bucketWhere('open_on_time', asOf, cols)).as('open_on_time'),
    count(bucketWhere('open_overdue', asOf, cols)).as('open_overdue'),
    count(dueSoonWhere(asOf, days, cols)).as('due_soon'),
    count(noDeadlineWhere(cols)).as('no_deadline'),
  ] as const;
}

export type BucketCounts = Record<Bucket | 'due_soon' | 'no_deadline', number>;

/** Turns the row of `bucketCounts` into numbers. */
export function toCounts(row: Record<string, unknown>): BucketCounts {
  const n = (k: string) => Number(row[k] ?? 0);
  return {
    done_on_time: n('done_on_time'),
    done_late: n('done_late'),
    open_on_time: n('open_on_time'),
    open_overdue: n('open_overdue'),
    due_soon: n('due_soon'),
    no_deadline: n('no_deadline'),
  };
}

/** Reads N for sắp đến hạn from a settings value, falling back to the default. */
export function dueSoonDaysFrom(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 365 ? n : DEFAULT_DUE_SOON_DAYS;
}

/**
 * Rows that count in buckets and dashboards: ordinary tasks and the occurrences of
 * recurring ones, not the recurring parent (a container; see ./recurrence.ts).
 */
export function countableTaskWhere(
  cols: { recurrence: string; parentTaskId: string } = {
    recurrence: 'tasks.recurrence',
    parentTaskId: 'tasks.parent_task_id',
  },
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(cols.recurrence)} is null or ${sql.ref(cols.parentTaskId)} is not null)`;
}
