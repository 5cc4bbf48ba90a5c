/**
 * `dondoc import` as a real process: killed with SIGKILL mid-way it leaves only whole
 * documents; a rerun imports the rest and each file is present exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/index.ts';
import { backends } from './support/app.ts';
import { SEED_TEXT } from './tasks-support.ts';

const BIN = fileURLToPath(new URL('../../cli/bin/dondoc.js', import.meta.url));
const N = 240;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Highest [i/N] index seen before the kill. */
  seen: number;
}

function runImport(
  files: string[],
  env: NodeJS.ProcessEnv,
  args: string[],
  killAfter?: number,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'import', ...args, ...files], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let seen = 0;
    let killed = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      for (const m of chunk.matchAll(/^\[(\d+)\/\d+\]/gm)) seen = Math.max(seen, Number(m[1]));
      if (killAfter !== undefined && !killed && seen >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, seen }));
  });
}

async function checkWhole(db: DatabaseHandle['db']): Promise<{ documents: number; hashes: number }> {
  // Each document has exactly the draft tasks its record lists, and its import audit row.
  const broken = await sql<{ id: number }>`
    select d.id from documents d
    where (select count(*) from draft_tasks t where t.document_id = d.id)
          <> jsonb_array_length(coalesce(d.record->'tasks', '[]'::jsonb))
       or not exists (select 1 from audit_log a where a.entity = 'document' and a.entity_id = d.id::text
                      and a.action = 'document.import')`.execute(db);
  expect(broken.rows).toEqual([]);
  const orphans = await sql<{ n: number }>`
    select count(*)::int as n from draft_tasks t where not exists (select 1 from documents d where d.id = t.document_id)`.execute(
    db,
  );
  expect(orphans.rows[0]?.n).toBe(0);
  const r = await sql<{ documents: number; hashes: number }>`
    select count(*)::int as documents, count(distinct content_hash)::int as hashes from documents`.execute(
    db,
  );
  return r.rows[0] as { documents: number; hashes: number };
}

describe.each(backends())('dondoc import, killed and rerun ($name)', ({ name }) => {
  let dir = '';
  let files: string[] = [];
  let env: NodeJS.ProcessEnv = {};
  let args: string[] = [];
  let open: () => Promise<DatabaseHandle> = async () => {
    throw new Error('not set up');
  };
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-batch-'));
    files = [];
    for (let i = 0; i < N; i++) {
      const f = path.join(dir, `tb-${String(i).padStart(3, '0')}.txt`);
      await writeFile(f, `${SEED_TEXT}\nBản số ${i} — ${randomBytes(6).toString('hex')}\n`);
      files.push(f);
    }
    const { DATABASE_URL: _drop, ...base } = process.env;
    env = { ...base, DONDOC_LOG: '0' };
    if (name === 'pglite') {
      const dataDir = path.join(dir, 'data');
      args = ['--data', dataDir];
      open = () => openDatabase({ dataDir });
    } else {
      const admin = process.env.DONDOC_TEST_DATABASE_URL as string;
      const dbName = `dondoc_batch_${process.pid}_${randomBytes(3).toString('hex')}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${dbName}`);
      await c.end();
      const url = new URL(admin);
      url.pathname = `/${dbName}`;
      env.DATABASE_URL = url.toString();
      open = () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
      cleanup = async () => {
        const c2 = new pg.Client({ connectionString: admin });
        await c2.connect();
        await c2.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c2.end();
      };
    }
  }, 60_000);
  afterAll(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves no partial document after SIGKILL and completes on rerun', { timeout: 240_000 }, async () => {
    const first = await runImport(files, env, args, 25);
    expect(first.signal, first.stderr.slice(-2000)).toBe('SIGKILL');
    expect(first.seen).toBeGreaterThanOrEqual(25);
    expect(first.seen).toBeLessThan(N);

    let h = await open();
    let counts: { documents: number; hashes: number };
    try {
      counts = await checkWhole(h.db);
    } finally {
      await h.close();
    }
    expect(counts.documents).toBeGreaterThanOrEqual(25);
    expect(counts.documents).toBeLessThan(N);
    expect(counts.hashes).toBe(counts.documents);

    const second = await runImport(files, env, args);
    expect(second.code, second.stderr.slice(-2000)).toBe(0);
    expect(second.stderr).toContain(`${N - counts.documents} mới, ${counts.documents} trùng, 0 lỗi`);
    expect(second.stderr).toMatch(/\[1\/240\] .*tb-000\.txt: đã có/);

    h = await open();
    try {
      expect(await checkWhole(h.db)).toEqual({ documents: N, hashes: N });
    } finally {
      await h.close();
    }
  });
});
