// Report timing at scale (not a test; run by hand after reports-bench.ts has built the database):
//   npx tsx packages/server/test/reports-bench-report.ts [tasks=1000000]
import { openDatabase } from '../src/db/index.ts';
import { reportToXlsx } from '../src/reports/export-xlsx.ts';
import { buildReport } from '../src/reports/service.ts';

const base = process.env.DONDOC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const u = new URL(base);
u.pathname = `/dondoc_reports_bench_${N}`;
const h = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
const now = new Date('2025-11-26T03:00:00Z');
for (const [label, req] of [
  ['month, all agencies', { kind: 'month', year: 2025, index: 10, agencyId: null }],
  ['quarter, one agency', { kind: 'quarter', year: 2025, index: 3, agencyId: 7 }],
  ['year, all agencies', { kind: 'year', year: 2024, index: 1, agencyId: null }],
] as const) {
  const t0 = performance.now();
  const r = await buildReport(h.db, { ...req, mode: 'decree09', now });
  const t1 = performance.now();
  const x = await reportToXlsx(r);
  const t2 = performance.now();
  console.log(
    `${label.padEnd(22)} figures+list ${(t1 - t0).toFixed(0)} ms (total ${r.figures.total}, rows ${r.tasks.length}${r.truncated ? ', truncated' : ''}); xlsx ${(t2 - t1).toFixed(0)} ms, ${(x.length / 1024).toFixed(0)} KiB`,
  );
}
await h.close();
