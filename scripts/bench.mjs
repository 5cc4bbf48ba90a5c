#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own Node process
// through tsx (with --expose-gc, so that a bench can measure retained memory), and lets
// each print its figures.
//
//   node scripts/bench.mjs [NAME...]     NAME filters by file name (e.g. `core`, `server`)
// Options after `--` are passed to every bench (e.g. `-- --notices 5000`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const filters = dash < 0 ? argv : argv.slice(0, dash);
const passThrough = dash < 0 ? [] : argv.slice(dash + 1);

const dir = path.join(root, 'bench');
const all = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  : [];
const chosen = filters.length ? all.filter((f) => filters.some((n) => f.includes(n))) : all;
if (chosen.length === 0) {
  console.error(`bench: no bench/*.bench.ts${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(2);
}

const failed = [];
for (const f of chosen) {
  console.log(`\n### ${f}`);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(dir, f), ...passThrough],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(f);
    console.log(`### ${f}: failed (exit ${r.status ?? r.signal}) after ${s} s`);
  } else console.log(`### ${f}: ${s} s`);
}
if (failed.length) {
  console.error(`bench: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
