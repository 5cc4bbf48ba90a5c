/**
 * The scheduler's daily tick tops up the occurrences of recurring tasks: one `occurrences` job
 * per day however many instances tick, and running the top-up from two instances at once adds
 * every missing occurrence exactly once (PostgreSQL: two connection pools = two servers).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../src/db/index.ts';
import { insertOccurrences } from '../src/documents/review.ts';
import { addDays, localDateTime } from '../src/reminders/schedule.ts';
import { createReminderSystem, type ReminderSystem } from '../src/reminders/system.ts';
import { topUpOccurrences } from '../src/tasks/occurrences.ts';
import { planOccurrences } from '../src/tasks/recurrence.ts';
import { createAgency } from './support/app.ts';
import { backends, createTestDatabase, type TestDatabase } from './support/db.ts';

async function drain(systems: ReminderSystem[]): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const ran = await Promise.all(systems.map((s) => s.runDue()));
    if (ran.every((n) => n === 0)) return;
  }
  throw new Error('jobs did not drain');
}

describe.each(backends())('daily occurrences top-up ($name)', ({ name }) => {
  let database: TestDatabase;
  let second: { db: Db; close(): Promise<void> } | null = null;
  let dbB: Db;

  beforeAll(async () => {
    database = await createTestDatabase(name);
    dbB = database.db;
    if (name === 'postgres') {
      const row = await database.db
        .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
        .executeTakeFirstOrThrow();
      const url = new URL(process.env.DONDOC_TEST_DATABASE_URL as string);
      url.pathname = `/${row.name}`;
      second = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      dbB = second.db;
    }
  });
  afterAll(async () => {
    await second?.close();
    await database?.close();
    await new Promise((r) => setTimeout(r, 100));
    await database?.dispose();
  });

  /** A published monthly duty (no end date) with its first year of occurrences as of `from`. */
  async function monthlyDuty(from: string): Promise<number> {
    const db = database.db;
    const lead = await createAgency(db, {});
    const support = await createAgency(db, {});
    const doc = await db
      .insertInto('documents')
      .values({
        status: 'published',
        file_name: 'tb-dinh-ky.txt',
        format: 'txt',
        content_hash: `occ-${Math.random()}`,
        text: 'Sở Tài chính báo cáo định kỳ hằng tháng kết quả giải ngân vốn đầu tư công.',
        record: JSON.stringify({}),
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = {
      document_id: doc.id,
      ref: '2',
      text: 'Báo cáo định kỳ hằng tháng kết quả giải ngân vốn đầu tư công',
      span_start: 0,
      span_end: 40,
      lead_agency_id: lead.id,
      due_text: 'hằng tháng',
      created_by: null,
    };
    const parent = await db
      .insertInto('tasks')
      .values({ ...base, recurrence: 'monthly', due: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agencies = [
      { agency_id: lead.id, role: 'lead' as const, original_agency_id: lead.id },
      { agency_id: support.id, role: 'support' as const, original_agency_id: null },
    ];
    await db
      .insertInto('task_agencies')
      .values(agencies.map((a) => ({ ...a, task_id: parent.id })))
      .execute();
    expect(await insertOccurrences(db, parent.id, base, 'monthly', from, null, agencies)).toBe(12);
    return parent.id;
  }

  const children = (parentId: number) =>
    database.db
      .selectFrom('tasks')
      .select(['id', 'due'])
      .where('parent_task_id', '=', parentId)
      .orderBy('due')
      .execute();

  it('queues one top-up a day from two ticking instances and adds the new months once', async () => {
    const parent = await monthlyDuty('2026-01-05');
    const first = await children(parent);
    expect(first.at(-1)?.due).toBe('2026-12-31');

    // Five months later, 09:00 Hà Nội time, both instances tick (twice each).
    let clock = localDateTime('2026-06-10', 9);
    const common = { now: () => clock, env: {} };
    const systems = [
      createReminderSystem({ db: database.db, workerId: 'instance-A', ...common }),
      createReminderSystem({ db: dbB, workerId: 'instance-B', ...common }),
    ];
    const [A, B] = systems as [ReminderSystem, ReminderSystem];
    const ticks = await Promise.all([A.tick(), B.tick(), A.tick(), B.tick()]);
    expect(ticks.reduce((n, t) => n + t.occurrences, 0)).toBe(1);
    await drain(systems);

    const after = await children(parent);
    const expected = new Set([...first.map((c) => c.due), ...planOccurrences('monthly', '2026-06-10', null)]);
    expect(after.map((c) => c.due)).toEqual([...expected].sort());
    expect(after.at(-1)?.due).toBe('2027-05-31');
    expect(after.length).toBe(17);
    // The new occurrences carry the parent's agencies (lead and support).
    const roles = await database.db
      .selectFrom('task_agencies')
      .select(['task_id', 'role'])
      .where(
        'task_id',
        'in',
        after.map((c) => c.id),
      )
      .execute();
    expect(roles).toHaveLength(2 * 17);
    const audits = await database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'task.occurrences')
      .where('entity_id', '=', String(parent))
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ added: 5, asOf: '2026-06-10' });
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'done_at', 'failed_at'])
      .where('kind', '=', 'occurrences')
      .execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.dedupe_key).toBe('occurrences:2026-06-10');
    expect(jobs[0]?.done_at).not.toBeNull();

    // The same day again: no new job, no new rows. The next day: a new job, nothing to add.
    expect((await Promise.all([A.tick(), B.tick()])).reduce((n, t) => n + t.occurrences, 0)).toBe(0);
    clock = localDateTime(addDays('2026-06-10', 1), 9);
    expect((await Promise.all([A.tick(), B.tick()])).reduce((n, t) => n + t.occurrences, 0)).toBe(1);
    await drain(systems);
    expect(await children(parent)).toHaveLength(17);
    await Promise.all(systems.map((s) => s.stop()));
  });

  it('adds each missing occurrence once when two instances top up at the same moment', async () => {
    const parent = await monthlyDuty('2026-01-05');
    const results = await Promise.all([
      topUpOccurrences(database.db, '2027-03-01'),
      topUpOccurrences(dbB, '2027-03-01'),
      topUpOccurrences(database.db, '2027-03-01'),
    ]);
    const after = await children(parent);
    const dues = after.map((c) => c.due);
    expect(new Set(dues).size).toBe(dues.length);
    // 2026 (12) + 2027-03-31 … 2028-02-29 (12).
    expect(after).toHaveLength(24);
    // Every occurrence added counts once, in whichever instance added it (the first test's
    // duty is topped up too, hence at least 12).
    expect(results.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(12);
    const addedByAll = await database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'task.occurrences')
      .where('entity_id', '=', String(parent))
      .execute();
    expect(addedByAll.reduce((n, a) => n + (a.after as { added: number }).added, 0)).toBe(12);
    const agencyRows = await database.db
      .selectFrom('task_agencies')
      .select('task_id')
      .where(
        'task_id',
        'in',
        after.map((c) => c.id),
      )
      .execute();
    expect(agencyRows).toHaveLength(2 * 24);
  });
});
