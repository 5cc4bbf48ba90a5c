/**
 * Server bench (`npm run bench -- server`): seeds 100,000 then 1,000,000 tasks into a
 * dedicated PostgreSQL database and measures over HTTP (app.inject, bounded loops)
 * the latency of filtered task pages and of the dashboard figures, plus the import
 * throughput of text notices. Prints figures; asserts nothing.
 *
 *   DONDOC_BENCH_DATABASE_URL  admin URL (default postgres://postgres@127.0.0.1:5432/postgres);
 *                              the bench creates and drops its own database `dondoc_bench_<pid>`.
 *   --sizes 100000,1000000     task counts to reach, in order
 *   --iterations 100           requests per measured query (after 5 warm-up requests)
 *   --imports 200              notices imported for the throughput figure
 *   --keep                     keep the database afterwards
 *   --database NAME            use (and keep) this existing bench database: migrates it, seeds only
 *                              the tasks it lacks (e.g. one kept by an earlier --keep run)
 * Without a reachable PostgreSQL the bench prints why it was skipped and exits 0.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app.ts';
import { hashPassword } from '../packages/server/src/auth/password.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { type Db, migrateToLatest, openDatabase } from '../packages/server/src/db/index.ts';
import { bucketCounts, countableTaskWhere, vietnamDate } from '../packages/server/src/tasks/buckets.ts';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const SIZES = opt('sizes', '100000,1000000')
  .split(',')
  .map((s) => Number.parseInt(s, 10))
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const ITER = Number.parseInt(opt('iterations', '100'), 10);
const IMPORTS = Number.parseInt(opt('imports', '200'), 10);
const REUSE = opt('database', '');
const KEEP = argv.includes('--keep') || REUSE !== '';
const ADMIN_URL = process.env.DONDOC_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TASKS_PER_DOC = 20;
const AGENCIES = 300;

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const ms = (n: number) => n.toFixed(1).padStart(8);

async function reachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

async function seedAgencies(db: Db): Promise<void> {
  await sql`insert into agencies (name, short_name, type, province)
    select 'Sở Bench ' || g || ' tỉnh ' || (array['An Giang','Cà Mau','Đồng Tháp','Lào Cai','Nghệ An','Huế'])[1 + g % 6],
           'SB' || g, 'department', (array['An Giang','Cà Mau','Đồng Tháp','Lào Cai','Nghệ An','Huế'])[1 + g % 6]
    from generate_series(1, ${AGENCIES}) g`.execute(db);
  // Mergers of 1 July 2025: every tenth agency was merged into the next one.
  await sql`update agencies a set successor_id = a.id + 1, dissolved_at = date '2025-07-01'
    where a.id % 10 = 0 and a.id < (select max(id) from agencies)`.execute(db);
}

/** Adds tasks [from, to) with their documents (20 tasks each) and agency rows. */
async function seedTasks(db: Db, from: number, to: number, run: string): Promise<void> {
  const CHUNK = 100_000;
  for (let a = from; a < to; a += CHUNK) {
    const b = Math.min(to, a + CHUNK);
    const t0 = performance.now();
    await db.transaction().execute(async (trx) => {
      const docFrom = Math.floor(a / TASKS_PER_DOC);
      const docTo = Math.ceil(b / TASKS_PER_DOC) - 1;
      await sql`insert into documents (id, status, file_name, format, content_hash, text, record, number, notation,
                    doc_type, doc_date, subject, published_at)
        overriding system value
        select g + 1, 'published', 'tb-' || g || '.txt', 'text', md5(${run} || '-' || g),
               'Thông báo kết luận số ' || g || ' về chuyển đổi số và cải cách hành chính', '{}'::jsonb,
               g::text, 'TB-VP', 'TB', date '2024-01-01' + (g % 700), 'Ý kiến kết luận tại buổi họp số ' || g, now()
        from generate_series(${docFrom}::int, ${docTo}::int) g
        on conflict (id) do nothing`.execute(trx);
      await sql`insert into tasks (id, document_id, ref, text, span_start, span_end, lead_agency_id, due, original_due,
                    status, completed_at, created_at)
        overriding system value
        select g + 1, g / ${TASKS_PER_DOC} + 1, ((g % ${TASKS_PER_DOC}) + 1)::text,
               (array['Triển khai chuyển đổi số', 'Rà soát thủ tục hành chính', 'Giải ngân vốn đầu tư công',
                      'Xây dựng nông thôn mới', 'Phòng, chống dịch bệnh', 'Quản lý đất đai và khoáng sản',
                      'Bảo đảm an toàn thông tin', 'Cải thiện chỉ số PCI'])[1 + g % 8] || ' — nhiệm vụ ' || g,
               0, 40, 1 + (g::bigint * 7919) % ${AGENCIES}, s.due, s.due, s.status,
               case when s.status = 'done' then
                 (coalesce(s.due, current_date) + ((g % 21) - 14))::timestamp at time zone 'UTC' + interval '3 hours' end,
               now() - ((g % 400) || ' days')::interval
        from generate_series(${a}::int, ${b - 1}::int) g
        cross join lateral (select
          case when g % 10 = 0 then null else current_date - 365 + ((g * 31) % 730) end as due,
          (array['done','done','done','done','done','done','done','not_started','not_started','not_started',
                 'not_started','not_started','in_progress','in_progress','in_progress','in_progress','in_progress',
                 'awaiting_confirmation','returned','paused'])[1 + (g * 13) % 20] as status) s`.execute(trx);
      await sql`insert into task_agencies (task_id, agency_id, role, original_agency_id)
        select g + 1, 1 + (g::bigint * 7919) % ${AGENCIES}, 'lead', 1 + (g::bigint * 7919) % ${AGENCIES}
        from generate_series(${a}::int, ${b - 1}::int) g
        union all
        select g + 1, 1 + (g::bigint * 7919 + 17) % ${AGENCIES}, 'support', null
        from generate_series(${a}::int, ${b - 1}::int) g where g % 3 = 0`.execute(trx);
    });
    process.stdout.write(
      `  seeded tasks ${a.toLocaleString('en')}–${(b - 1).toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  }
  for (const t of ['documents', 'tasks', 'task_agencies'])
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(
      db,
    );
  // As autovacuum would have done: statistics, and a visibility map for index-only scans.
  await sql`vacuum analyze`.execute(db);
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rows: string;
}

async function measure(name: string, fn: () => Promise<string>): Promise<Measured> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  let rows = '';
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    rows = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { name, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), rows };
}

async function main(): Promise<void> {
  const why = await reachable(ADMIN_URL);
  if (why) {
    console.log(
      `server bench skipped: PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} is unreachable (${why})`,
    );
    return;
  }
  if (REUSE && !/^[a-z0-9_]+$/.test(REUSE)) throw new Error(`--database: not a database name: ${REUSE}`);
  const dbName = REUSE || `dondoc_bench_${process.pid}_${randomBytes(2).toString('hex')}`;
  if (!REUSE) await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const run = randomBytes(4).toString('hex');
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const existing = Number(
      (await db.selectFrom('tasks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
    );
    if (existing === 0) await seedAgencies(db);
    const password = 'bench-mat-khau';
    const hash = await hashPassword(password);
    await db
      .insertInto('users')
      .values([
        {
          username: 'bench-officer',
          display_name: 'Cán bộ theo dõi',
          password_hash: hash,
          role: 'officer',
          agency_id: null,
        },
        {
          username: 'bench-agency',
          display_name: 'Cán bộ Sở',
          password_hash: hash,
          role: 'agency',
          agency_id: 11,
        },
      ])
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
    const config = loadConfig(
      { logger: false, webDist: '/nonexistent', loginMaxFailures: 1000 },
      {} as NodeJS.ProcessEnv,
    );
    const app = await buildApp({ db, dbKind: 'postgres', config });
    await app.ready();
    const login = async (username: string) => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = r.cookies.find((c) => c.name === 'dondoc_session');
      return {
        cookie: `dondoc_session=${cookie?.value}`,
        'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken,
      };
    };
    const officer = await login('bench-officer');
    const agency = await login('bench-agency');
    const hasDashboard =
      (await app.inject({ method: 'GET', url: '/api/dashboard', headers: officer })).statusCode === 200;
    const asOf = vietnamDate();

    const get = (headers: Record<string, string>, path: string) => async () => {
      const r = await app.inject({ method: 'GET', url: path, headers });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      const body = r.json() as { total?: number; totalExact?: boolean };
      return body.total !== undefined
        ? `total ${body.totalExact === false ? '~' : ''}${body.total.toLocaleString('en')}`
        : `${r.body.length} B`;
    };

    let seeded = existing;
    for (const size of SIZES) {
      console.log(`\n== ${size.toLocaleString('en')} tasks (PostgreSQL ${dbName}) ==`);
      if (size > seeded) {
        await seedTasks(db, seeded, size, run);
        seeded = size;
      } else if (size < seeded) console.log(`  (the database holds ${seeded.toLocaleString('en')} tasks)`);
      const results: Measured[] = [];
      results.push(
        await measure(
          'GET /api/tasks page 3, status=in_progress, sort=due',
          get(officer, '/api/tasks?status=in_progress&sort=due&page=3&pageSize=50'),
        ),
      );
      results.push(
        await measure(
          'GET /api/tasks agencyId + bucket=open_overdue',
          get(officer, '/api/tasks?agencyId=42&bucket=open_overdue&pageSize=50'),
        ),
      );
      results.push(
        await measure(
          'GET /api/tasks status=not_started + due range',
          get(
            officer,
            `/api/tasks?status=not_started&dueFrom=${asOf.slice(0, 4)}-01-01&dueTo=${asOf.slice(0, 4)}-03-31&pageSize=50`,
          ),
        ),
      );
      results.push(
        await measure('GET /api/tasks all, sort=-due', get(officer, '/api/tasks?sort=-due&pageSize=50')),
      );
      results.push(
        await measure(
          'GET /api/tasks all, sort=status, page 2',
          get(officer, '/api/tasks?sort=status&page=2&pageSize=50'),
        ),
      );
      results.push(
        await measure(
          'GET /api/tasks bucket=due_soon, sort=-due',
          get(officer, '/api/tasks?bucket=due_soon&sort=-due&pageSize=50'),
        ),
      );
      results.push(
        await measure(
          'GET /api/tasks q=chuyen doi so (no diacritics)',
          get(officer, `/api/tasks?q=${encodeURIComponent('chuyen doi so')}&pageSize=50`),
        ),
      );
      results.push(
        await measure(
          'GET /api/tasks as agency officer (own scope)',
          get(agency, '/api/tasks?sort=due&pageSize=50'),
        ),
      );
      results.push(
        await measure('GET /api/tasks/:id detail', get(officer, `/api/tasks/${Math.floor(size / 2)}`)),
      );
      if (hasDashboard)
        results.push(await measure('GET /api/dashboard (reports)', get(officer, '/api/dashboard')));
      results.push(
        await measure('bucket counts, all tasks (SQL, one scan)', async () => {
          const r = await db
            .selectFrom('tasks')
            .select(bucketCounts(asOf))
            .where(countableTaskWhere())
            .executeTakeFirstOrThrow();
          return `open_overdue ${Number(r.open_overdue).toLocaleString('en')}`;
        }),
      );
      console.log(
        `  ${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  result`,
      );
      for (const m of results)
        console.log(`  ${m.name.padEnd(52)} ${ms(m.p50)} ${ms(m.p95)} ${ms(m.p99)}  ${m.rows}`);
      if (!hasDashboard)
        console.log('  (GET /api/dashboard not served yet: measured the bucket counts query instead)');
    }

    // Import throughput: text notices over HTTP multipart, one per request.
    const boundary = '----dondocbench';
    const t0 = performance.now();
    let created = 0;
    for (let i = 0; i < IMPORTS; i++) {
      const text =
        `UỶ BAN NHÂN DÂN TỈNH AN GIANG\nVĂN PHÒNG\n\nSố: ${i + 1}/TB-VP\n\nAn Giang, ngày 10 tháng 7 năm 2025\n\nTHÔNG BÁO\n` +
        `Kết luận của Chủ tịch UBND tỉnh tại cuộc họp số ${i} (${run})\n\n` +
        '1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh triển khai nền tảng số (hoàn thành trong tháng 9/2025).\n' +
        '2. Sở Tài chính báo cáo định kỳ hằng tháng kết quả giải ngân vốn đầu tư công.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n';
      const payload = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tb-${i}.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`,
      );
      const r = await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...officer, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      if (r.statusCode === 201) created++;
      else throw new Error(`import ${i}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `\nimport: ${created} text notices over HTTP in ${secs.toFixed(2)} s = ${(created / secs).toFixed(1)} notices/s`,
    );
    await app.close();
  } finally {
    await handle.close();
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else console.log(`kept database ${dbName}`);
  }
}

await main();
