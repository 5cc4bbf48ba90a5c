import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUCKETS,
  bucketCounts,
  bucketSql,
  bucketWhere,
  classify,
  dueSoonDaysFrom,
  dueSoonWhere,
  noDeadlineWhere,
  toCounts,
  vietnamDate,
} from '../src/tasks/buckets.ts';
import { TASK_STATUSES } from '../src/tasks/lifecycle.ts';
import { backends, createTestDatabase } from './support/app.ts';
import type { TestDatabase } from './support/db.ts';

describe('classify', () => {
  const asOf = '2025-07-10';
  it('puts the four cases in their buckets', () => {
    expect(
      classify({ status: 'done', due: '2025-07-05', completedAt: '2025-07-05T10:00:00Z' }, asOf).bucket,
    ).toBe('done_on_time');
    expect(
      classify({ status: 'done', due: '2025-07-05', completedAt: '2025-07-06T10:00:00Z' }, asOf).bucket,
    ).toBe('done_late');
    expect(classify({ status: 'in_progress', due: '2025-07-10', completedAt: null }, asOf).bucket).toBe(
      'open_on_time',
    );
    expect(classify({ status: 'returned', due: '2025-07-09', completedAt: null }, asOf).bucket).toBe(
      'open_overdue',
    );
    expect(classify({ status: 'done', due: null, completedAt: '2030-01-01T00:00:00Z' }, asOf)).toEqual({
      bucket: 'done_on_time',
      dueSoon: false,
      noDeadline: true,
    });
  });

  it('counts days in Vietnam time (UTC+7)', () => {
    // 23:30 on 5 July in Hà Nội is 16:30 UTC: still on time.
    expect(
      classify({ status: 'done', due: '2025-07-05', completedAt: '2025-07-05T16:30:00Z' }, asOf).bucket,
    ).toBe('done_on_time');
    // 00:30 on 6 July in Hà Nội is 17:30 UTC on the 5th: late.
    expect(
      classify({ status: 'done', due: '2025-07-05', completedAt: '2025-07-05T17:30:00Z' }, asOf).bucket,
    ).toBe('done_late');
    expect(vietnamDate(new Date('2025-07-05T17:30:00Z'))).toBe('2025-07-06');
  });

  it('flags due soon within N days, inclusive, only when open', () => {
    expect(classify({ status: 'not_started', due: '2025-07-17', completedAt: null }, asOf, 7).dueSoon).toBe(
      true,
    );
    expect(classify({ status: 'not_started', due: '2025-07-18', completedAt: null }, asOf, 7).dueSoon).toBe(
      false,
    );
    expect(classify({ status: 'not_started', due: '2025-07-10', completedAt: null }, asOf, 0).dueSoon).toBe(
      true,
    );
    expect(classify({ status: 'not_started', due: '2025-07-09', completedAt: null }, asOf, 7).dueSoon).toBe(
      false,
    );
    expect(classify({ status: 'done', due: '2025-07-12', completedAt: '2025-07-01' }, asOf, 7).dueSoon).toBe(
      false,
    );
  });

  it('reads the due-soon setting defensively', () => {
    expect(dueSoonDaysFrom('3')).toBe(3);
    expect(dueSoonDaysFrom(5)).toBe(5);
    expect(dueSoonDaysFrom('abc')).toBe(7);
    expect(dueSoonDaysFrom(-1)).toBe(7);
    expect(dueSoonDaysFrom(undefined)).toBe(7);
  });
});

// ---- SQL and pure definitions agree -------------------------------------------------

const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2025, 6, 1) + n * 86_400_000));
const arbTask = fc.record({
  status: fc.constantFrom(...TASK_STATUSES),
  due: fc.option(day.map((d) => d.toISOString().slice(0, 10))),
  // completion at any minute of the window, so the UTC+7 boundary is exercised
  completedAt: fc.option(
    fc
      .integer({ min: 0, max: 60 * 24 * 60 })
      .map((m) => new Date(Date.UTC(2025, 6, 1) + m * 60_000).toISOString()),
  ),
});

interface ProbeDb {
  bucket_probe: { id: number; status: string; due: string | null; completed_at: string | null };
}

async function checkAgreement(db: Kysely<ProbeDb>): Promise<number> {
  await sql`create temporary table bucket_probe (id int primary key, status text not null, due date, completed_at timestamptz)`.execute(
    db,
  );
  const tasks = fc.sample(arbTask, { numRuns: 600, seed: 42 }).map((t) => ({
    ...t,
    completedAt: t.status === 'done' ? t.completedAt : null,
  }));
  await db
    .insertInto('bucket_probe')
    .values(tasks.map((t, i) => ({ id: i, status: t.status, due: t.due, completed_at: t.completedAt })))
    .execute();
  const cols = {
    status: 'bucket_probe.status',
    due: 'bucket_probe.due',
    completedAt: 'bucket_probe.completed_at',
  };
  let checked = 0;
  for (const asOf of ['2025-07-01', '2025-07-20', '2025-08-15', '2025-09-05']) {
    for (const days of [0, 3, 7]) {
      const expected = tasks.map((t) => classify(t, asOf, days));
      const rows = await db
        .selectFrom('bucket_probe')
        .select(['id', bucketSql(asOf, cols).as('bucket'), dueSoonWhere(asOf, days, cols).as('soon')])
        .select(noDeadlineWhere(cols).as('nodl'))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const e = expected[r.id as number];
        expect({ id: r.id, bucket: r.bucket, soon: r.soon, nodl: r.nodl }).toEqual({
          id: r.id,
          bucket: e?.bucket,
          soon: e?.dueSoon,
          nodl: e?.noDeadline,
        });
        checked++;
      }
      for (const b of BUCKETS) {
        const ids = await db
          .selectFrom('bucket_probe')
          .select('id')
          .where(bucketWhere(b, asOf, cols))
          .execute();
        expect(ids.map((x) => x.id).sort((a, z) => a - z)).toEqual(
          expected.flatMap((e, i) => (e.bucket === b ? [i] : [])),
        );
      }
      const counts = toCounts(
        (await db
          .selectFrom('bucket_probe')
          .select(bucketCounts(asOf, days, cols))
          .executeTakeFirstOrThrow()) as Record<string, unknown>,
      );
      expect(counts.open_overdue).toBe(expected.filter((e) => e.bucket === 'open_overdue').length);
      expect(counts.due_soon).toBe(expected.filter((e) => e.dueSoon).length);
      expect(counts.no_deadline).toBe(expected.filter((e) => e.noDeadline).length);
      expect(counts.done_on_time + counts.done_late + counts.open_on_time + counts.open_overdue).toBe(
        tasks.length,
      );
    }
  }
  return checked;
}

describe.each(backends())('bucket SQL agrees with classify ($name)', ({ name }) => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(name);
  });
  afterAll(async () => database?.dispose());
  it('on 600 generated tasks × 12 (asOf, N) pairs', async () => {
    if (!database) throw new Error('no db');
    // One pinned connection: the probe table is temporary.
    const checked = await (database.db as unknown as Kysely<ProbeDb>)
      .connection()
      .execute((conn) => checkAgreement(conn));
    expect(checked).toBe(600 * 12);
  });
});
