/**
 * Core extraction throughput and memory: ≥ 10,000 synthetic ~10 KB notices,
 * recombined from corpus/ (bench/core-corpus.ts), extracted one after another on
 * one core in this process. Prints figures; asserts nothing.
 *
 *   node --import tsx bench/core.bench.ts [--notices N] [--kb K] [--seed S] [--show I] [--digest]
 * --show I prints generated notice number I (1-based) and exits, to look into a slow one.
 * --digest prints digests of the records of the corpus texts and of the first 2,000 generated
 * notices, and exits: a change meant only to be faster must leave both as they were.
 * Target: ≥ 2,000 notices/s for ~10 KB notices.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { extract } from '@dondoc/core';
import { corpusTexts, generator } from './core-corpus.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i < 0 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};
const total = Math.floor(arg('--notices', Number(process.env.BENCH_NOTICES) || 20_000));
const targetKB = arg('--kb', 10);
const seed = Math.floor(arg('--seed', 20250701));
const TARGET_RATE = 2_000;

const root = path.resolve(import.meta.dirname, '..');
const texts = corpusTexts(path.join(root, 'corpus'));
const gen = generator(
  texts.map((t) => t.text),
  seed,
  targetKB * 1024,
);
const show = Math.floor(arg('--show', 0));
if (show > 0) {
  for (let i = 1; i < show; i++) gen.next();
  process.stdout.write(`${gen.next()}\n`);
  process.exit(0);
}
if (process.argv.includes('--digest')) {
  const digest = (inputs: Iterable<string>) => {
    const h = createHash('sha256');
    for (const text of inputs) h.update(JSON.stringify(extract(text)));
    return h.digest('hex').slice(0, 16);
  };
  const generated = function* () {
    for (let i = 0; i < 2_000; i++) yield gen.next();
  };
  console.log(`records digest: corpus ${digest(texts.map((t) => t.text))} generated ${digest(generated())}`);
  process.exit(0);
}
const checkpoints = new Set([1_000, 5_000, 10_000, 20_000, 50_000, 100_000, total]);

console.log(
  `core: ${total} notices of ~${targetKB} KB from ${gen.sources} of ${texts.length} corpus texts (${gen.sections} sections), seed ${seed}`,
);

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
const hash = createHash('sha256');
let extractNs = 0n;
// CPU time of the extraction calls (process-wide, so GC threads count): on a shared machine
// wall time also measures the neighbours, CPU time much less so.
let extractCpuUs = 0;
let genNs = 0n;
let bytes = 0;
let tasks = 0;
let warnings = 0;
let peakRss = 0;
let peakHeap = 0;
const latencyUs = new Float64Array(total);
let windowStart = { n: 0, ns: 0n, cpu: 0, bytes: 0 };
const base = process.memoryUsage();
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
};
// With --expose-gc (scripts/bench.mjs passes it), the heap still in use after a full GC at
// each checkpoint shows whether anything is retained as the batch grows (peaks follow V8's
// own GC pacing).
const gc = (globalThis as { gc?: () => void }).gc;
const retained = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `  start      rss ${mb(base.rss)} heapUsed ${mb(base.heapUsed)}; load average ${load()} on this machine`,
);
console.log(
  `  notices   notices/s wall   notices/s CPU   KB/s wall   peak rss   peak heapUsed${gc ? '   heap after GC' : ''}   (rates over the window)`,
);

// Notices are generated a chunk at a time (250 × ~10 KB) outside the timed region, so that
// CPU time is read twice a chunk rather than around every call (getrusage is not free).
const CHUNK = 250;
for (let start = 0; start < total; start += CHUNK) {
  const k = Math.min(CHUNK, total - start);
  const g0 = process.hrtime.bigint();
  const chunk: string[] = [];
  for (let i = 0; i < k; i++) {
    const text = gen.next();
    chunk.push(text);
    bytes += Buffer.byteLength(text);
    if (start + i < 1_000) hash.update(text); // fingerprint of the generated corpus: same seed, same digest
  }
  genNs += process.hrtime.bigint() - g0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < k; i++) {
    const t0 = process.hrtime.bigint();
    const record = extract(chunk[i] as string);
    const t1 = process.hrtime.bigint();
    extractNs += t1 - t0;
    latencyUs[start + i] = Number(t1 - t0) / 1e3;
    // Keep only counts: the record becomes garbage at once, as in a batch import.
    tasks += record.tasks.length;
    warnings += record.warnings.length;
    if ((start + i + 1) % 50 === 0) sample();
  }
  const c1 = process.cpuUsage(c0);
  extractCpuUs += c1.user + c1.system;
  chunk.length = 0;
  const n = start + k;
  const due = [...checkpoints].filter((c) => c > start && c <= n);
  if (due.length > 0) {
    sample();
    const secs = Number(extractNs - windowStart.ns) / 1e9;
    const cpuSecs = (extractCpuUs - windowStart.cpu) / 1e6;
    const rate = (n - windowStart.n) / secs;
    const kbs = (bytes - windowStart.bytes) / 1024 / secs;
    console.log(
      `  ${String(n).padStart(7)}   ${rate.toFixed(0).padStart(14)}   ${((n - windowStart.n) / cpuSecs).toFixed(0).padStart(13)}   ${kbs.toFixed(0).padStart(9)}   ${mb(peakRss).padStart(8)}   ${mb(peakHeap).padStart(13)}${gc ? `   ${mb(retained()).padStart(13)}` : ''}`,
    );
    windowStart = { n, ns: extractNs, cpu: extractCpuUs, bytes };
  }
}

const secs = Number(extractNs) / 1e9;
const rate = total / secs;
console.log(
  `core: ${total} notices, ${(bytes / 1048576).toFixed(1)} MB (mean ${(bytes / total / 1024).toFixed(1)} KB) in ${secs.toFixed(2)} s of extraction` +
    ` → ${rate.toFixed(0)} notices/s, ${(bytes / 1024 / secs).toFixed(0)} KB/s` +
    ` (${rate >= TARGET_RATE ? 'meets' : 'below'} the ${TARGET_RATE}/s target)`,
);
const cpuRate = total / (extractCpuUs / 1e6);
console.log(
  `core: by CPU time ${(extractCpuUs / 1e6).toFixed(2)} s → ${cpuRate.toFixed(0)} notices/s, ${(bytes / 1024 / (extractCpuUs / 1e6)).toFixed(0)} KB/s; load average now ${load()}`,
);
let slowest = 0;
for (let i = 1; i < total; i++) if ((latencyUs[i] as number) > (latencyUs[slowest] as number)) slowest = i;
const sorted = Float64Array.from(latencyUs).sort();
const pct = (p: number) => (sorted[Math.min(total - 1, Math.floor((p / 100) * total))] as number).toFixed(0);
console.log(
  `core: per notice µs p50 ${pct(50)} · p90 ${pct(90)} · p99 ${pct(99)} · max ${(latencyUs[slowest] as number).toFixed(0)} (notice ${slowest + 1}: --show ${slowest + 1})`,
);
console.log(
  `core: generation ${(Number(genNs) / 1e9).toFixed(2)} s (not counted); ${tasks} tasks, ${warnings} warnings; peak rss ${mb(peakRss)}, peak heapUsed ${mb(peakHeap)}; corpus digest ${hash.digest('hex').slice(0, 16)}`,
);
