// The dashboard reads month stats kept by triggers plus exact counts around today; here it is
// checked against the plain definition (bucketCounts over every task) on random data, after
// inserts, updates of every counted column, deletes and a truncate.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { dashboard, monthPlan } from '../src/reports/dashboard.ts';
import { addDays } from '../src/reports/periods.ts';
import { bucketCounts, countableTaskWhere, toCounts } from '../src/tasks/buckets.ts';
import { backends } from './reports-support.ts';

interface Filters {
  agencyIds: number[] | null;
  from: string | null;
  to: string | null;
  asOf: string;
  days: number;
}

/** The oracle: every counted task classified by src/tasks/buckets.ts, no stats. */
async function plain(db: Db, f: Filters) {
  let q = db.selectFrom('tasks').where(countableTaskWhere());
  if (f.agencyIds) q = q.where('tasks.lead_agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.from) q = q.where('tasks.due', '>=', f.from);
  if (f.to) q = q.where('tasks.due', '<=', f.to);
  const total = toCounts(await q.select(bucketCounts(f.asOf, f.days)).executeTakeFirstOrThrow());
  const byAgency = await q
    .select(['tasks.lead_agency_id', ...bucketCounts(f.asOf, f.days)])
    .groupBy('tasks.lead_agency_id')
    .execute();
  const byMonth = await q
    .where('tasks.due', 'is not', null)
    .select([sql<string>`to_char(tasks.due, 'YYYY-MM')`.as('month'), ...bucketCounts(f.asOf, f.days)])
    .groupBy(sql`to_char(tasks.due, 'YYYY-MM')`)
    .execute();
  const four = (r: Record<string, unknown>) => {
    const c = toCounts(r);
    return {
      done_on_time: c.done_on_time,
      done_late: c.done_late,
      open_on_time: c.open_on_time,
      open_overdue: c.open_overdue,
    };
  };
  return {
    total,
    byAgency: new Map(byAgency.map((r) => [r.lead_agency_id, four(r)])),
    byMonth: new Map(byMonth.map((r) => [r.month, four(r)])),
  };
}

async function check(db: Db, f: Filters) {
  const d = await dashboard(db, {
    agencyIds: f.agencyIds,
    from: f.from,
    to: f.to,
    now: new Date(`${f.asOf}T05:00:00Z`),
    dueSoonDays: f.days,
  });
  const p = await plain(db, f);
  const label = JSON.stringify(f);
  expect(d.asOf).toBe(f.asOf);
  expect(
    {
      done_on_time: d.buckets.done_on_time,
      done_late: d.buckets.done_late,
      open_on_time: d.buckets.open_on_time,
      open_overdue: d.buckets.open_overdue,
      due_soon: d.buckets.due_soon,
      no_deadline: d.buckets.no_deadline,
    },
    label,
  ).toEqual(p.total);
  const agencies = new Map(
    d.byAgency.map((a) => [
      a.agency?.id ?? null,
      {
        done_on_time: a.done_on_time,
        done_late: a.done_late,
        open_on_time: a.open_on_time,
        open_overdue: a.open_overdue,
      },
    ]),
  );
  expect(agencies, label).toEqual(p.byAgency);
  const months = new Map(
    d.byMonth.map((m) => [
      m.month,
      {
        done_on_time: m.done_on_time,
        done_late: m.done_late,
        open_on_time: m.open_on_time,
        open_overdue: m.open_overdue,
      },
    ]),
  );
  expect(months, label).toEqual(p.byMonth);
  // the lists agree with the figures
  expect(d.overdue.length).toBe(Math.min(50, p.total.open_overdue));
  expect(d.dueSoon.length).toBe(Math.min(50, p.total.due_soon));
  for (const t of d.overdue) expect(t.due < f.asOf).toBe(true);
  for (const t of d.dueSoon) expect(t.due >= f.asOf && t.due <= addDays(f.asOf, f.days)).toBe(true);
  // ranking: best on-time rate first
  for (let i = 1; i < d.ranking.length; i++)
    expect((d.ranking[i - 1]?.onTimeRate ?? 0) >= (d.ranking[i]?.onTimeRate ?? 0)).toBe(true);
  return d;
}

const dayArb = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-06-01', n));

describe('month plan', () => {
  it('counts the months around today and the partial range ends task by task', () => {
    expect(monthPlan('2025-11-26', 7, null, null)).toEqual({ edge: [], open: ['2025-11', '2025-12'] });
    expect(monthPlan('2025-11-10', 7, null, null)).toEqual({ edge: [], open: ['2025-11'] });
    expect(monthPlan('2025-11-26', 7, '2025-03-10', '2025-11-30')).toEqual({
      edge: ['2025-03'],
      open: ['2025-11'],
    });
    expect(monthPlan('2025-11-26', 7, '2025-01-01', '2025-11-27')).toEqual({ edge: ['2025-11'], open: [] });
    expect(monthPlan('2025-11-26', 7, '2024-01-01', '2024-12-31')).toEqual({ edge: [], open: [] });
  });
});

for (const backend of backends()) {
  describe(`dashboard agrees with the bucket definition (${backend.name})`, () => {
    let h: Awaited<ReturnType<typeof backend.open>>;
    let agencies: number[] = [];
    let docs: number[] = [];

    beforeAll(async () => {
      h = await backend.open();
      const a = await h.db
        .insertInto('agencies')
        .values([1, 2, 3, 4].map((i) => ({ name: `Sở thử nghiệm ${i}`, type: 'department' as const })))
        .returning('id')
        .execute();
      agencies = a.map((r) => r.id);
      const d = await h.db
        .insertInto('documents')
        .values(
          [1, 2, 3].map((i) => ({
            status: 'published' as const,
            file_name: `d${i}.txt`,
            format: 'txt',
            content_hash: `dash-${backend.name}-${i}`,
            text: 'x',
            record: JSON.stringify({}),
            doc_date: `2024-0${i}-10`,
          })),
        )
        .returning('id')
        .execute();
      docs = d.map((r) => r.id);
    });
    afterAll(async () => {
      await h?.drop();
    });

    const taskArb = fc.record({
      agency: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 8 }),
      doc: fc.integer({ min: 0, max: 2 }),
      due: fc.option(dayArb, { nil: null, freq: 10 }),
      done: fc.boolean(),
      lateBy: fc.integer({ min: -20, max: 20 }),
      hour: fc.integer({ min: 0, max: 23 }),
      status: fc.constantFrom('not_started', 'in_progress', 'awaiting_confirmation', 'returned', 'paused'),
      recurring: fc.constantFrom('none', 'none', 'none', 'container'),
    });

    it('on random tasks, filters and days', async () => {
      const tasks = fc.sample(taskArb, { numRuns: 400, seed: 20251126 });
      const rows = tasks.map((t, i) => {
        const completed =
          t.done && t.due ? `${addDays(t.due, t.lateBy)}T${String(t.hour).padStart(2, '0')}:30:00Z` : null;
        return {
          document_id: docs[t.doc] as number,
          text: `Nhiệm vụ ${i}`,
          lead_agency_id: t.agency === null ? null : (agencies[t.agency] as number),
          due: t.due,
          status: t.done ? ('done' as const) : t.status,
          completed_at: completed ? new Date(completed) : null,
          recurrence: t.recurring === 'container' ? 'monthly' : null,
        };
      });
      await h.db.insertInto('tasks').values(rows).execute();

      const cases = fc.sample(
        fc.record({
          asOf: dayArb,
          days: fc.constantFrom(0, 3, 7, 40),
          agency: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
          from: fc.option(dayArb, { nil: null, freq: 2 }),
          len: fc.integer({ min: 0, max: 200 }),
          to: fc.boolean(),
        }),
        { numRuns: 25, seed: 7 },
      );
      for (const c of cases) {
        await check(h.db, {
          asOf: c.asOf,
          days: c.days,
          agencyIds: c.agency === null ? null : [agencies[c.agency] as number],
          from: c.from,
          to: c.to && c.from ? addDays(c.from, c.len) : c.to ? '2025-06-30' : null,
        });
      }
    });

    it('keeps agreeing after updates, deletes and a truncate', async () => {
      const f = { asOf: '2025-01-20', days: 7, agencyIds: null, from: null, to: null };
      // complete some open tasks (one late, one on time), move deadlines, change leads
      await sql`update tasks set status = 'done', completed_at = (due + 3)::timestamptz
                where id in (select id from tasks where status <> 'done' and due is not null order by id limit 30)`.execute(
        h.db,
      );
      await sql`update tasks set due = due + 45 where id % 7 = 0 and due is not null`.execute(h.db);
      await sql`update tasks set lead_agency_id = ${agencies[0]} where id % 5 = 0`.execute(h.db);
      await sql`update tasks set status = 'returned', completed_at = null where status = 'done' and id % 11 = 0`.execute(
        h.db,
      );
      await sql`update tasks set recurrence = null where recurrence is not null and id % 2 = 0`.execute(h.db);
      await sql`delete from tasks where id % 13 = 0`.execute(h.db);
      const d = await check(h.db, f);
      expect(d.buckets.total).toBeGreaterThan(300);
      await check(h.db, { ...f, agencyIds: [agencies[0] as number], from: '2024-09-15', to: '2025-02-03' });
      await check(h.db, { ...f, asOf: '2024-12-31', days: 1 });

      await sql`truncate tasks cascade`.execute(h.db);
      const empty = await check(h.db, f);
      expect(empty.buckets.total).toBe(0);
      expect(empty.byAgency).toEqual([]);
    });
  });
}
