// Report queries. The buckets come from src/tasks/buckets.ts (the one definition); this
// file only decides which tasks a period's report holds and what each task looked like
// at the window end.

import type { Kysely } from 'kysely';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import {
  type BucketColumns,
  bucketCounts,
  bucketSql,
  countableTaskWhere,
  DEFAULT_DUE_SOON_DAYS,
  DUE_SOON_SETTING,
  dueSoonDaysFrom,
  dueSoonWhere,
  noDeadlineWhere,
  toCounts,
} from '../tasks/buckets.ts';
import type { BucketName, ReportAgency, ReportTask } from './model.ts';

/** The day in Vietnam (UTC+7, no DST) of a timestamptz column — as in src/tasks/buckets.ts. */
export function vnDay(ref: string): RawBuilder<string> {
  return sql<string>`((${sql.ref(ref)} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
}

/** The task as it stood at the window end: columns of the `t` subquery. */
const AT_END: BucketColumns = { status: 't.status_at', due: 't.due', completedAt: 't.completed_at_at' };

export interface ReportQuery {
  from: string;
  to: string;
  /** the day buckets are computed for (window end, or today for a running window) */
  asOf: string;
  /** lead agencies counted; null = all */
  agencyIds: number[] | null;
  dueSoonDays: number;
  /** most task rows returned (counts are always complete) */
  limit: number;
}

/**
 * Which tasks a report for the window [from, to] holds (Decree 09/2019 Art. 12 periodic report):
 *   1. the task is countable (an ordinary task or an occurrence of a recurring one, not the
 *      recurring container) of a non-draft document, and
 *   2. it had been assigned by the window end: document date (or, without one, the day the
 *      task was created) ≤ to, and
 *   3. it concerns the window: its deadline falls in [from, to], or it was completed in
 *      [from, to], or it was still not completed at the window end (carried over, whatever
 *      its deadline, including tasks without one).
 * So a task completed before the window opened and due before it is not repeated, and a task
 * assigned after the window closed waits for the next report.
 * Its state is taken at the window end: completed after `to` counts as not completed. The
 * deadline is the current one (approved extensions included).
 */
function windowTasks(db: Db, q: ReportQuery) {
  const from = sql`${q.from}::date`;
  const to = sql`${q.to}::date`;
  const completedOn = vnDay('tasks.completed_at');
  const doneByEnd = sql<SqlBool>`(tasks.status = 'done' and (tasks.completed_at is null or ${completedOn} <= ${to}))`;
  let query = db
    .selectFrom('tasks')
    .innerJoin('documents', 'documents.id', 'tasks.document_id')
    .where(countableTaskWhere())
    .where('documents.status', '<>', 'draft')
    .where(sql<SqlBool>`coalesce(documents.doc_date, ${vnDay('tasks.created_at')}) <= ${to}`)
    .where(
      sql<SqlBool>`(tasks.due between ${from} and ${to}
        or (tasks.status = 'done' and ${completedOn} between ${from} and ${to})
        or not ${doneByEnd})`,
    );
  if (q.agencyIds) {
    const ids = q.agencyIds;
    query = query.where('tasks.lead_agency_id', 'in', ids.length ? ids : [-1]);
  }
  return query.select([
    'tasks.id',
    'tasks.ref',
    'tasks.text',
    'tasks.document_id',
    'tasks.lead_agency_id',
    'tasks.due',
    'tasks.status',
    'documents.number',
    'documents.notation',
    'documents.doc_date',
    sql<string>`case when ${doneByEnd} then 'done' when tasks.status = 'done' then 'in_progress' else tasks.status end`.as(
      'status_at',
    ),
    sql<Date | null>`case when ${doneByEnd} then tasks.completed_at end`.as('completed_at_at'),
  ]);
}

export interface ReportRows {
  counts: ReturnType<typeof toCounts> & { total: number };
  byAgency: { agency: ReportAgency | null; counts: ReturnType<typeof toCounts> }[];
  tasks: ReportTask[];
  truncated: boolean;
}

export function documentNumber(number: string | null, notation: string | null): string | null {
  if (number && notation) return `${number}/${notation}`;
  return number ?? (notation ? `…/${notation}` : null);
}

export async function reportRows(db: Db, q: ReportQuery): Promise<ReportRows> {
  // One scan: the totals (grouping ()) and each lead agency's figures.
  const grouped = await db
    .selectFrom(windowTasks(db, q).as('t'))
    .leftJoin('agencies as lead', 'lead.id', 't.lead_agency_id')
    .select([
      't.lead_agency_id',
      'lead.name',
      sql<number>`grouping(t.lead_agency_id, lead.name)`.as('g'),
      ...bucketCounts(q.asOf, q.dueSoonDays, AT_END),
      sql<number>`count(*)`.as('total'),
    ])
    .groupBy(sql`grouping sets ((), (t.lead_agency_id, lead.name))`)
    .execute();
  const totalRow = grouped.find((r) => Number(r.g) !== 0);
  const counts = { ...toCounts(totalRow ?? {}), total: Number(totalRow?.total ?? 0) };
  const byAgency = grouped
    .filter((r) => Number(r.g) === 0)
    .map((r) => ({
      agency:
        r.lead_agency_id === null ? null : { id: r.lead_agency_id, name: r.name ?? `#${r.lead_agency_id}` },
      counts: toCounts(r),
    }))
    .sort((a, b) => (a.agency?.name ?? '\uffff').localeCompare(b.agency?.name ?? '\uffff', 'vi'));

  const cutoff = sql`${q.to}::date`;
  const rows = await db
    .selectFrom(windowTasks(db, q).as('t'))
    .leftJoin('agencies as lead', 'lead.id', 't.lead_agency_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('progress_reports as pr')
          .select(['pr.note', 'pr.percent'])
          .whereRef('pr.task_id', '=', 't.id')
          .where(sql<SqlBool>`${vnDay('pr.created_at')} <= ${cutoff}`)
          .orderBy('pr.created_at', 'desc')
          .orderBy('pr.id', 'desc')
          .limit(1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .select([
      't.id',
      't.ref',
      't.text',
      't.document_id',
      't.lead_agency_id',
      't.due',
      't.status',
      't.number',
      't.notation',
      't.doc_date',
      'lead.name as lead_name',
      'p.note as progress_note',
      'p.percent as progress_percent',
      sql<string | null>`to_char(${vnDay('t.completed_at_at')}, 'YYYY-MM-DD')`.as('completed_on'),
      bucketSql(q.asOf, AT_END).as('bucket'),
      sql<boolean>`${dueSoonWhere(q.asOf, q.dueSoonDays, AT_END)}`.as('due_soon'),
      sql<boolean>`${noDeadlineWhere(AT_END)}`.as('no_deadline'),
      sql<string[]>`array(select a.name from task_agencies ta join agencies a on a.id = ta.agency_id
        where ta.task_id = t.id and ta.role = 'support' order by a.name)`.as('support_names'),
    ])
    .orderBy('t.due', (ob) => ob.asc().nullsLast())
    .orderBy('t.id')
    .limit(q.limit + 1)
    .execute();

  const truncated = rows.length > q.limit;
  const tasks: ReportTask[] = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    ref: r.ref,
    text: r.text,
    documentId: r.document_id,
    documentNumber: documentNumber(r.number, r.notation),
    documentDate: r.doc_date,
    leadAgencyId: r.lead_agency_id,
    leadAgencyName: r.lead_name,
    supportAgencyNames: r.support_names ?? [],
    due: r.due,
    completedOn: r.completed_on,
    status: r.status,
    bucket: r.bucket as BucketName,
    dueSoon: Boolean(r.due_soon),
    noDeadline: Boolean(r.no_deadline),
    progressNote: r.progress_note ?? null,
    progressPercent: r.progress_percent ?? null,
  }));
  return { counts, byAgency, tasks, truncated };
}

export async function findAgency(
  db: Db,
  id: number,
): Promise<(ReportAgency & { successorId: number | null }) | null> {
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'successor_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, successorId: row.successor_id } : null;
}

/**
 * The agency and every agency merged into it, directly or through a chain (the mergers of
 * 1 July 2025: Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ), so that a report
 * on the successor also holds the work done under the old name.
 */
export async function agencyWithPredecessors(db: Db, id: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive chain(id, depth) as (
      select ${id}::int, 0
      union
      select a.id, chain.depth + 1 from agencies a join chain on a.successor_id = chain.id where chain.depth < 20
    )
    select distinct id from chain`.execute(db);
  return rows.rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  userId: number | null,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json as never, updated_by: userId })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: json as never, updated_by: userId, updated_at: sql`now()` as never }),
    )
    .execute();
}

export async function dueSoonDays(db: Db): Promise<number> {
  try {
    return dueSoonDaysFrom(await readSetting(db, DUE_SOON_SETTING));
  } catch {
    return DEFAULT_DUE_SOON_DAYS;
  }
}
