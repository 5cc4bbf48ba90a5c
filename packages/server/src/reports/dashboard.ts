// Leaders' dashboard (GET /api/dashboard): the four buckets as of today, by agency, by month
// of the deadline, for the latest notices, the overdue list, agencies ranked by on-time rate
// and what falls due soon. Buckets come from src/tasks/buckets.ts.
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../db/index.ts';
import {
  bucketCounts,
  bucketWhere,
  countableTaskWhere,
  DEFAULT_DUE_SOON_DAYS,
  dueSoonWhere,
  toCounts,
} from '../tasks/buckets.ts';
import { type BucketCounts, figuresFromCounts, type ReportFigures, ratio } from './model.ts';
import { addDays, daysInMonth, monthsBetween, todayInVietnam } from './periods.ts';
import './schema.ts';
import { documentNumber } from './repository.ts';

export interface DashboardQuery {
  /** lead agencies counted; null = all */
  agencyIds: number[] | null;
  /** deadline range (inclusive); tasks without a deadline drop out when either end is set */
  from: string | null;
  to: string | null;
  now?: Date;
  dueSoonDays?: number;
  /** rows in the overdue and due-soon lists */
  listLimit?: number;
  /** notices in byDocument */
  documentLimit?: number;
  /** called with each step's duration (bench) */
  onStep?: (step: string, ms: number) => void;
}

export interface DashboardRow extends BucketCounts {
  total: number;
  onTimeRate: number | null;
}

export interface DashboardTask {
  id: number;
  text: string;
  due: string;
  status: string;
  documentId: number;
  documentNumber: string | null;
  leadAgency: { id: number; name: string } | null;
  /** days past the deadline (overdue list) or left before it (due-soon list) */
  days: number;
  bucket: 'open_overdue' | 'open_on_time';
  dueSoon: boolean;
  noDeadline: false;
}

export interface Dashboard {
  asOf: string;
  dueSoonDays: number;
  buckets: ReportFigures;
  byAgency: (DashboardRow & { agency: { id: number; name: string } | null })[];
  byMonth: (DashboardRow & { month: string })[];
  byDocument: (DashboardRow & {
    document: { id: number; number: string | null; date: string | null; subject: string | null };
  })[];
  overdue: DashboardTask[];
  dueSoon: DashboardTask[];
  ranking: { agency: { id: number; name: string }; onTimeRate: number; settled: number; rank: number }[];
}

function row(counts: BucketCounts): DashboardRow {
  const total = counts.done_on_time + counts.done_late + counts.open_on_time + counts.open_overdue;
  const settled = counts.done_on_time + counts.done_late + counts.open_overdue;
  return { ...counts, total, onTimeRate: ratio(counts.done_on_time, settled) };
}

function fourOf(r: Record<string, unknown>): BucketCounts {
  const c = toCounts(r);
  return {
    done_on_time: c.done_on_time,
    done_late: c.done_late,
    open_on_time: c.open_on_time,
    open_overdue: c.open_overdue,
  };
}

/** The tasks a dashboard counts: countable rows, filtered by lead agency and deadline range. */
function filtered(db: Db, q: DashboardQuery) {
  let query = db.selectFrom('tasks').where(countableTaskWhere());
  if (q.agencyIds) query = query.where('tasks.lead_agency_id', 'in', q.agencyIds.length ? q.agencyIds : [-1]);
  if (q.from) query = query.where('tasks.due', '>=', q.from);
  if (q.to) query = query.where('tasks.due', '<=', q.to);
  return query;
}

const ZERO: BucketCounts = { done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 };

function add(a: BucketCounts, b: BucketCounts): BucketCounts {
  return {
    done_on_time: a.done_on_time + b.done_on_time,
    done_late: a.done_late + b.done_late,
    open_on_time: a.open_on_time + b.open_on_time,
    open_overdue: a.open_overdue + b.open_overdue,
  };
}

function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

function monthEnd(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return `${iso.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Contiguous day ranges covering the given months, clipped to [from, to]. */
function rangesOf(months: string[], from: string | null, to: string | null): [string, string][] {
  const ranges: [string, string][] = [];
  for (const m of [...months].sort()) {
    let lo = `${m}-01`;
    let hi = monthEnd(lo);
    if (from && lo < from) lo = from;
    if (to && hi > to) hi = to;
    if (lo > hi) continue;
    const last = ranges[ranges.length - 1];
    if (last && addDays(last[1], 1) === lo) last[1] = hi;
    else ranges.push([lo, hi]);
  }
  return ranges;
}

/**
 * How the deadline months are counted (months as 'YYYY-MM'):
 * - edge: partial months at the ends of the range — counted task by task, all classes;
 * - open: the months from today to today + N (due-soon window) — there an open task's bucket
 *   depends on the day, so open tasks are counted task by task, done ones from the stats;
 * - every other month comes from report_task_stats: done classes as stored, open tasks
 *   overdue before today's month and on time after the due-soon window.
 */
export function monthPlan(
  asOf: string,
  days: number,
  from: string | null,
  to: string | null,
): { edge: string[]; open: string[] } {
  const inRange = (m: string) => (!from || m >= from.slice(0, 7)) && (!to || m <= to.slice(0, 7));
  const edge = new Set<string>();
  if (from && from !== monthStart(from)) edge.add(from.slice(0, 7));
  if (to && to !== monthEnd(to)) edge.add(to.slice(0, 7));
  const open = monthsBetween(monthStart(asOf), addDays(asOf, days)).filter((m) => inRange(m) && !edge.has(m));
  return { edge: [...edge].sort(), open };
}

export async function dashboard(db: Db, q: DashboardQuery): Promise<Dashboard> {
  const asOf = todayInVietnam(q.now ?? new Date());
  const days = q.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const listLimit = q.listLimit ?? 50;
  const plan = monthPlan(asOf, days, q.from, q.to);
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    q.onStep?.(name, now - mark);
    mark = now;
  };
  const openFirst = plan.open[0] ? `${plan.open[0]}-01` : null;
  const openLast = plan.open.length ? `${plan.open[plan.open.length - 1]}-01` : null;

  const agencyCounts = new Map<number, BucketCounts>();
  const monthCounts = new Map<string, BucketCounts>();
  let total: BucketCounts = ZERO;
  let dueSoonCount = 0;
  let noDeadline = 0;
  // Rows come from grouping sets: g = 1 → per agency (adds to the total), g = 2 → per month.
  const take = (
    r: { g: number; lead_agency_id: number | null; month: string | null } & Record<string, unknown>,
  ) => {
    const c = fourOf(r);
    if (Number(r.g) === 1) {
      const id = r.lead_agency_id ?? 0;
      agencyCounts.set(id, add(agencyCounts.get(id) ?? ZERO, c));
      total = add(total, c);
    } else if (r.month) {
      monthCounts.set(r.month, add(monthCounts.get(r.month) ?? ZERO, c));
    }
  };

  // 1. The stats.
  const before = sql`${monthStart(asOf)}::date`;
  let stats = db
    .selectFrom('report_task_stats')
    .select([
      'lead_agency_id',
      sql<
        string | null
      >`case when due_month = 'infinity'::date then null else to_char(due_month, 'YYYY-MM') end`.as('month'),
      sql<number>`grouping(due_month)`.as('g'),
      sql<number>`coalesce(sum(n) filter (where done_class = 1), 0)`.as('done_on_time'),
      sql<number>`coalesce(sum(n) filter (where done_class = 2), 0)`.as('done_late'),
      sql<number>`coalesce(sum(n) filter (where done_class = 0 and due_month < ${before}), 0)`.as(
        'open_overdue',
      ),
      // after the due-soon window, or no deadline ('infinity')
      sql<number>`coalesce(sum(n) filter (where done_class = 0 and due_month > ${openLast ?? monthStart(asOf)}::date), 0)`.as(
        'open_on_time',
      ),
      sql<number>`coalesce(sum(n) filter (where due_month = 'infinity'::date), 0)`.as('no_deadline'),
    ])
    .where('n', '<>', 0)
    .groupBy(sql`grouping sets ((lead_agency_id), (due_month))`);
  if (q.agencyIds) stats = stats.where('lead_agency_id', 'in', q.agencyIds.length ? q.agencyIds : [-1]);
  if (plan.edge.length)
    stats = stats.where(
      'due_month',
      'not in',
      plan.edge.map((m) => `${m}-01`),
    );
  if (openFirst && openLast) {
    // open tasks of the months around today are counted below, task by task
    stats = stats.where(
      sql<SqlBool>`not (done_class = 0 and due_month between ${openFirst}::date and ${openLast}::date)`,
    );
  }
  // a deadline range leaves out the tasks without a deadline ('infinity')
  if (q.from || q.to) stats = stats.where('due_month', '<>', 'infinity');
  if (q.from) stats = stats.where('due_month', '>=', monthStart(q.from));
  if (q.to) stats = stats.where('due_month', '<=', q.to);
  const statsRows = stats.execute();

  // 2. Task by task, with the bucket definition itself.
  const exact = async (lo: string, hi: string, openOnly: boolean) => {
    let query = filtered(db, { ...q, from: lo, to: hi });
    if (openOnly) query = query.where('tasks.status', '<>', 'done');
    return query
      .select([
        'tasks.lead_agency_id',
        sql<string | null>`to_char(date_trunc('month', tasks.due), 'YYYY-MM')`.as('month'),
        sql<number>`grouping(date_trunc('month', tasks.due))`.as('g'),
        ...bucketCounts(asOf, days),
      ])
      .groupBy(sql`grouping sets ((tasks.lead_agency_id), (date_trunc('month', tasks.due)))`)
      .execute();
  };
  // The queries are independent: on a PostgreSQL server they run side by side.
  const exactRows = Promise.all([
    ...rangesOf(plan.edge, q.from, q.to).map(([lo, hi]) => exact(lo, hi, false)),
    ...rangesOf(plan.open, q.from, q.to).map(([lo, hi]) => exact(lo, hi, true)),
  ]);
  const details = detailLists(db, q, asOf, days, listLimit);
  for (const r of await statsRows) {
    take(r);
    if (Number(r.g) === 1) noDeadline += Number(r.no_deadline);
  }
  for (const rows of await exactRows) {
    for (const r of rows) {
      take(r);
      if (Number(r.g) === 1) dueSoonCount += Number(r.due_soon ?? 0);
    }
  }
  step('counts');

  const buckets = figuresFromCounts(total, dueSoonCount, noDeadline);
  const agencyRows = [...agencyCounts].map(([id, counts]) => ({ id: id === 0 ? null : id, counts }));
  const monthRows = [...monthCounts].map(([month, counts]) => ({ month, counts }));

  const agencyIds = agencyRows.map((a) => a.id).filter((id): id is number => id !== null);
  const names = new Map<number, string>();
  const [{ byDocument, overdue, dueSoon }, nameRows] = await Promise.all([
    details,
    agencyIds.length
      ? db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute()
      : Promise.resolve([]),
  ]);
  step('details');
  for (const a of nameRows) names.set(a.id, a.name);
  const byAgency = agencyRows
    .map((a) => ({
      agency: a.id === null ? null : { id: a.id, name: names.get(a.id) ?? `#${a.id}` },
      ...row(a.counts),
    }))
    .filter((a) => a.total > 0)
    .sort((a, b) => b.open_overdue - a.open_overdue || b.total - a.total);
  const ranking = byAgency
    .filter(
      (a): a is typeof a & { agency: { id: number; name: string } } =>
        a.agency !== null && a.onTimeRate !== null,
    )
    .map((a) => ({
      agency: a.agency,
      onTimeRate: a.onTimeRate as number,
      settled: a.done_on_time + a.done_late + a.open_overdue,
    }))
    .sort(
      (a, b) =>
        b.onTimeRate - a.onTimeRate ||
        b.settled - a.settled ||
        a.agency.name.localeCompare(b.agency.name, 'vi'),
    )
    .map((a, i) => ({ ...a, rank: i + 1 }));
  const byMonth = monthRows
    .map((m) => ({ month: m.month, ...row(m.counts) }))
    .filter((m) => m.total > 0)
    .sort((a, b) => a.month.localeCompare(b.month));

  return { asOf, dueSoonDays: days, buckets, byAgency, byMonth, byDocument, overdue, dueSoon, ranking };
}

/** The notices, overdue and due-soon lists of the dashboard. */
async function detailLists(
  db: Db,
  q: DashboardQuery,
  asOf: string,
  days: number,
  listLimit: number,
): Promise<Pick<Dashboard, 'byDocument' | 'overdue' | 'dueSoon'>> {
  // The latest notices that hold counted tasks, with their figures. For one agency, its
  // notices come from its own tasks (index on lead agency); for all, notices are walked newest
  // first and probed on a covering index. With a range end, only notices dated up to it are
  // walked (a deadline does not come before the notice that sets it).
  let docs = db
    .selectFrom('documents')
    .select([
      'documents.id',
      'documents.number',
      'documents.notation',
      'documents.doc_date',
      'documents.subject',
    ])
    .where('documents.status', '<>', 'draft');
  if (q.to) docs = docs.where('documents.doc_date', '<=', q.to);
  if (q.agencyIds) {
    const ids = q.agencyIds.length ? q.agencyIds : [-1];
    let own = db
      .selectFrom('tasks')
      .select('tasks.document_id')
      .where(countableTaskWhere())
      .where('tasks.lead_agency_id', 'in', ids);
    if (q.from) own = own.where('tasks.due', '>=', q.from);
    if (q.to) own = own.where('tasks.due', '<=', q.to);
    docs = docs.where('documents.id', 'in', own);
  } else {
    docs = docs.where((eb) =>
      eb.exists(
        filtered(db, q).select(sql`1`.as('one')).where(sql<SqlBool>`tasks.document_id = documents.id`),
      ),
    );
  }
  const byDocumentP = (async () => {
    const latestDocs = await docs
      .orderBy('documents.doc_date', (ob) => ob.desc().nullsLast())
      .orderBy('documents.id', 'desc')
      .limit(q.documentLimit ?? 20)
      .execute();
    let byDocument: Dashboard['byDocument'] = [];
    if (latestDocs.length) {
      const docCounts = await filtered(db, q)
        .where(
          'tasks.document_id',
          'in',
          latestDocs.map((d) => d.id),
        )
        .select(['tasks.document_id', ...bucketCounts(asOf, days)])
        .groupBy('tasks.document_id')
        .execute();
      const byId = new Map(docCounts.map((d) => [d.document_id, fourOf(d)]));
      byDocument = latestDocs.map((d) => ({
        document: {
          id: d.id,
          number: documentNumber(d.number, d.notation),
          date: d.doc_date,
          subject: d.subject,
        },
        ...row(byId.get(d.id) ?? { done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 }),
      }));
    }
    return byDocument;
  })();

  const list = async (where: ReturnType<typeof bucketWhere>, kind: 'overdue' | 'due_soon') => {
    const rows = await filtered(db, q)
      .where(where)
      .innerJoin('documents', 'documents.id', 'tasks.document_id')
      .leftJoin('agencies', 'agencies.id', 'tasks.lead_agency_id')
      .select([
        'tasks.id',
        'tasks.text',
        'tasks.due',
        'tasks.status',
        'tasks.document_id',
        'documents.number',
        'documents.notation',
        'tasks.lead_agency_id',
        'agencies.name as agency_name',
        sql<number>`abs(tasks.due - ${asOf}::date)`.as('days'),
      ])
      .orderBy('tasks.due', 'asc')
      .orderBy('tasks.id')
      .limit(listLimit)
      .execute();
    return rows.map(
      (r): DashboardTask => ({
        id: r.id,
        text: r.text,
        due: r.due as string,
        status: r.status,
        documentId: r.document_id,
        documentNumber: documentNumber(r.number, r.notation),
        leadAgency: r.lead_agency_id === null ? null : { id: r.lead_agency_id, name: r.agency_name ?? '' },
        days: Number(r.days),
        bucket: kind === 'overdue' ? 'open_overdue' : 'open_on_time',
        dueSoon: kind === 'due_soon',
        noDeadline: false,
      }),
    );
  };
  // Most overdue first; soonest due first.
  const [overdue, dueSoon] = await Promise.all([
    list(bucketWhere('open_overdue', asOf), 'overdue'),
    list(sql<SqlBool>`${dueSoonWhere(asOf, days)}`, 'due_soon'),
  ]);

  return { byDocument: await byDocumentP, overdue, dueSoon };
}
