// Dashboard timing at scale (not a test; run by hand):
//   npx tsx packages/server/test/reports-bench.ts [tasks=1000000] [--explain]
// Builds (once) a PostgreSQL database `dondoc_reports_bench` on DONDOC_TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres) with generated agencies, documents and
// tasks, then times GET /api/dashboard's queries (dashboard()) cold and warm.
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/db/index.ts';
import { dashboard } from '../src/reports/dashboard.ts';

const base = process.env.DONDOC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const NAME = `dondoc_reports_bench_${N}`;

async function ensureDatabase(): Promise<string> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME]);
  if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${NAME}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${NAME}`;
  return u.toString();
}

async function main() {
  const url = await ensureDatabase();
  const h = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await migrateToLatest(h.db);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const have = Number((await c.query('SELECT count(*) AS n FROM tasks')).rows[0].n);
  if (have < N) {
    const t0 = Date.now();
    console.log(`generating ${N} tasks ...`);
    await c.query('TRUNCATE tasks, documents, agencies RESTART IDENTITY CASCADE');
    await c.query(`SELECT setseed(0.42)`);
    await c.query(`INSERT INTO agencies (name, type, province)
      SELECT 'Cơ quan thử nghiệm số ' || g, 'department', 'Kiên Giang' FROM generate_series(1, 200) g`);
    const docs = Math.max(10, Math.round(N / 20));
    await c.query(
      `INSERT INTO documents (status, file_name, format, content_hash, text, record, number, notation, doc_type, doc_date, subject, published_at)
       SELECT 'published', 'tb-' || g || '.txt', 'txt', 'bench-' || g, 'Thông báo', '{}'::jsonb, g::text, 'TB-VP', 'TB',
              d, 'Kết luận số ' || g, d::timestamptz
       FROM (SELECT g, date '2021-01-01' + (random() * 1790)::int AS d FROM generate_series(1, $1::int) g) s`,
      [docs],
    );
    // dues 0–365 days after the notice (5 % none); older tasks mostly done, some late
    await c.query(
      `INSERT INTO tasks (document_id, text, lead_agency_id, due, status, completed_at, created_at)
       SELECT doc, 'Nhiệm vụ thử nghiệm ' || g, 1 + (random() * random() * 199)::int, due,
              CASE WHEN done THEN 'done' ELSE (ARRAY['not_started','in_progress','awaiting_confirmation','returned','paused'])[1 + (random() * 4)::int] END,
              CASE WHEN done THEN (coalesce(due, dd + 30) + (random() * 50 - 35)::int)::timestamptz + interval '3 hours' END,
              dd::timestamptz
       FROM (
         SELECT g, doc, dd, due,
                CASE WHEN coalesce(due, dd + 30) < date '2025-11-01' THEN random() < 0.85 ELSE random() < 0.2 END AS done
         FROM (
           SELECT g, d.id AS doc, d.doc_date AS dd,
                  CASE WHEN random() < 0.05 THEN NULL ELSE d.doc_date + (random() * 365)::int END AS due
           FROM generate_series(1, $1::int) g
           JOIN documents d ON d.id = 1 + (g % $2::int)
         ) a
       ) b`,
      [N, docs],
    );
    await c.query('VACUUM ANALYZE');
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const now = new Date('2025-11-26T03:00:00Z');
  const cases: [string, Parameters<typeof dashboard>[1]][] = [
    ['all agencies', { agencyIds: null, from: null, to: null, now }],
    ['one agency', { agencyIds: [7], from: null, to: null, now }],
    ['due range 2024', { agencyIds: null, from: '2024-01-01', to: '2024-12-31', now }],
    ['agency + range', { agencyIds: [3], from: '2025-03-10', to: '2025-09-20', now }],
  ];
  for (const [label, q] of cases) {
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof dashboard>> | undefined;
    const steps = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      result = await dashboard(h.db, {
        ...q,
        onStep: (s, ms) => i > 0 && steps.set(s, (steps.get(s) ?? 0) + ms / 5),
      });
      times.push(performance.now() - t0);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(
      `${label.padEnd(16)} first ${times[0]?.toFixed(1)} ms, warm median ${warm[Math.floor(warm.length / 2)]?.toFixed(1)} ms, max ${warm[warm.length - 1]?.toFixed(1)} ms`,
      JSON.stringify(result?.buckets),
    );
    console.log('   steps (warm mean):', [...steps].map(([s, ms]) => `${s} ${ms.toFixed(1)}`).join(', '));
  }
  await c.end();
  await h.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
