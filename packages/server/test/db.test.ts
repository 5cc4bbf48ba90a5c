import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/index.ts';
import { backends, createAgency, setupTestApp } from './support/app.ts';
import { insertDocument } from './support/fixtures.ts';

describe.each(backends())('database layer ($name)', ({ name }) => {
  const t = setupTestApp(name);

  it('is migrated; migrating again applies nothing', async () => {
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
      t.db,
    );
    expect(rows[0]?.name).toBe('0001_initial');
    const ext = await sql<{ extname: string }>`SELECT extname FROM pg_extension ORDER BY extname`.execute(
      t.db,
    );
    expect(ext.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent']));
  });

  it('returns the same value types on both backends', async () => {
    const { rows } = await sql<{ d: unknown; n: unknown; ts: unknown; j: unknown; arr: unknown }>`
      SELECT DATE '2025-07-01' AS d, count(*) AS n, now() AS ts, '{"a":[1,"x"]}'::jsonb AS j, ARRAY[1,2]::int[] AS arr
      FROM agencies`.execute(t.db);
    expect(rows[0]?.d).toBe('2025-07-01');
    expect(typeof rows[0]?.n).toBe('number');
    expect(rows[0]?.ts).toBeInstanceOf(Date);
    expect(rows[0]?.j).toEqual({ a: [1, 'x'] });
    expect(rows[0]?.arr).toEqual([1, 2]);
  });

  it('rolls back a failed transaction completely', async () => {
    const before = await t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('agencies').values({ name: 'Sở Tạm', type: 'department' }).execute();
        await trx.insertInto('agencies').values({ name: '', type: 'department' }).execute(); // CHECK fails
      }),
    ).rejects.toThrow();
    const after = await t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('runs concurrent transactions without losing or mixing rows', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        t.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('agencies')
            .values({ name: `Sở Song song ${i}`, type: 'department' })
            .execute();
          if (i % 2 === 1) throw new Error('rollback');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rows = await t.db
      .selectFrom('agencies')
      .select('name')
      .where('name', 'like', 'Sở Song song %')
      .orderBy('name')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['Sở Song song 0', 'Sở Song song 2', 'Sở Song song 4']);
  });

  it('keeps search_text generated and refuses writes to it', async () => {
    const a = await createAgency(t.db, { name: 'Sở Thông tin và Truyền thông', shortName: 'Sở TT&TT' });
    const row = await t.db
      .selectFrom('agencies')
      .select('search_text')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.search_text).toBe('so thong tin va truyen thong so tt tt');
    await expect(
      sql`UPDATE agencies SET search_text = 'x' WHERE id = ${a.id}`.execute(t.db),
    ).rejects.toThrow();
    const doc = await insertDocument(t.db, { subject: 'Về chuyển đổi số', number: '12/TB-VP' });
    const d = await t.db
      .selectFrom('documents')
      .select('search_text')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(d.search_text).toMatch(/^12 tb vp ve chuyen doi so /);
  });

  it('can serve task search from the trigram index', async () => {
    const doc = await insertDocument(t.db, {});
    // One multi-row insert (PGlite is slow row by row).
    const values = Array.from({ length: 500 }, (_, i) => ({
      document_id: doc.id,
      text: i === 123 ? 'Triển khai hạ tầng số tại xã đảo Hòn Tre' : `Nhiệm vụ thường xuyên số ${i}`,
    }));
    await t.db.insertInto('tasks').values(values).execute();
    await sql`ANALYZE tasks`.execute(t.db);
    // A small table is scanned sequentially anyway; forbid that to see that the index applies.
    const plan = await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      return sql<{
        'QUERY PLAN': string;
      }>`EXPLAIN SELECT id FROM tasks WHERE search_text LIKE '%hon tre%'`.execute(trx);
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/tasks_search_trgm/);
    const hit = await t.db
      .selectFrom('tasks')
      .select('text')
      .where('search_text', 'like', '%hon tre%')
      .execute();
    expect(hit.map((h) => h.text)).toEqual(['Triển khai hạ tầng số tại xã đảo Hòn Tre']);
  });
});
