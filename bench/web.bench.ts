/**
 * Web bench: the production bundle's size (raw and gzip), and the time to first render
 * of the task list with 1,000 tasks (seeded through the API into a fresh `dondoc serve`),
 * measured in Chromium from navigation start to the page's `dondoc:tasks-rendered` mark.
 *
 *   npm run bench web [-- --tasks 1000 --runs 5]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ADMIN_PASSWORD,
  type AgencyRow,
  ApiSession,
  browserSkipReason,
  ensureAgency,
  launchBrowser,
  ROOT,
  signIn,
  startServer,
} from '../packages/web/test/e2e/harness.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const TASKS = arg('tasks', 1000);
const RUNS = arg('runs', 5);
const PER_DOCUMENT = 250; // the draft API takes at most 500 tasks a document

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

// 1. Bundle size, from a fresh production build.
execFileSync('npm', ['run', 'build', '-w', '@dondoc/web'], { cwd: ROOT, stdio: 'ignore' });
const dist = path.join(ROOT, 'packages/web/dist');
const files: string[] = [];
const walk = (dir: string) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(dist);
let raw = 0;
let gz = 0;
console.log('bundle (packages/web/dist):');
for (const f of files.sort()) {
  const bytes = readFileSync(f);
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += statSync(f).size;
  gz += g;
  console.log(
    `  ${path.relative(dist, f).padEnd(34)} ${kb(bytes.length).padStart(10)} raw ${kb(g).padStart(10)} gzip`,
  );
}
console.log(`  ${'total'.padEnd(34)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);

// 2. Task list with TASKS tasks.
const skip = browserSkipReason();
if (skip) {
  console.log(`task list render: SKIPPED — ${skip}`);
  process.exit(0);
}
const server = await startServer();
try {
  const admin = await ApiSession.login(server.url, 'admin', ADMIN_PASSWORD);
  const agencies: AgencyRow[] = [];
  for (const name of [
    'Sở Nội vụ',
    'Sở Tài chính',
    'Sở Xây dựng',
    'Sở Y tế',
    'Công an tỉnh',
    'Sở Khoa học và Công nghệ',
  ])
    agencies.push(await ensureAgency(admin, name));
  const t0 = performance.now();
  const today = new Date();
  for (let d = 0, made = 0; made < TASKS; d++) {
    const n = Math.min(PER_DOCUMENT, TASKS - made);
    const form = new FormData();
    const text = `ỦY BAN NHÂN DÂN TỈNH\nSố: ${900 + d}/TB-UBND\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp số ${d}\n1. Sở Nội vụ chủ trì rà soát, báo cáo trước ngày 31/12/2030.\n`;
    form.append('file', new Blob([text], { type: 'text/plain' }), `bench-${d}.txt`);
    const up = await admin.json<{ document: { id: number } }>('POST', '/api/documents', form);
    const tasks = Array.from({ length: n }, (_, i) => {
      const k = made + i;
      const due = new Date(today.getTime() + ((k % 120) - 30) * 86_400_000).toISOString().slice(0, 10);
      return {
        ref: String(i + 1),
        text: `Nhiệm vụ thử số ${k + 1}: rà soát, tổng hợp và báo cáo kết quả triển khai chuyển đổi số lĩnh vực ${k % 17}.`,
        leadNames: [],
        supportNames: [],
        leadAgencyIds: [agencies[k % agencies.length]?.id as number],
        supportAgencyIds: [agencies[(k + 1) % agencies.length]?.id as number],
        due,
      };
    });
    await admin.json('PUT', `/api/documents/${up.document.id}/draft`, { tasks });
    await admin.json('POST', `/api/documents/${up.document.id}/publish`, { allowPastDue: true });
    made += n;
  }
  const listed = await admin.json<{ total: number }>('GET', '/api/tasks?pageSize=1');
  console.log(
    `seeded ${listed.total} tasks through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    for (const pageSize of [50, 200]) {
      const times: number[] = [];
      let rows = 0;
      for (let r = 0; r < RUNS + 1; r++) {
        await page.goto(`${server.url}/tasks?pageSize=${pageSize}`);
        await page.waitForFunction(
          () => performance.getEntriesByName('dondoc:tasks-rendered').length > 0,
          null,
          {
            timeout: 60_000,
          },
        );
        const ms = await page.evaluate(
          () => performance.getEntriesByName('dondoc:tasks-rendered')[0]?.startTime ?? -1,
        );
        rows = await page.locator('[data-testid="task-row"]').count();
        if (r > 0) times.push(ms); // the first run warms the server and the cache
      }
      console.log(
        `task list first render, ${listed.total} tasks, ${rows} rows shown: median ${median(times).toFixed(0)} ms ` +
          `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} runs, Chromium headless)`,
      );
    }
    await context.close();
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
