/**
 * Test databases on both backends.
 * - PGlite: one migrated template directory per migration set (keyed by the migration
 *   files' hash, built once under a lock, shared by all workers), copied per test file
 *   and reopened (~1 s instead of ~10 s for a fresh one).
 * - PostgreSQL (only when DONDOC_TEST_DATABASE_URL is set): a fresh database per test
 *   file, dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/index.ts';
import { MIGRATIONS_DIR, migrationFiles } from '../../src/db/migrate.ts';

export type BackendName = 'pglite' | 'postgres';
export interface Backend {
  name: BackendName;
}

let skipNoticePrinted = false;

/** The backends to run on: PGlite always, PostgreSQL when DONDOC_TEST_DATABASE_URL is set. */
export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'pglite' }];
  if (process.env.DONDOC_TEST_DATABASE_URL) list.push({ name: 'postgres' });
  else if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    console.warn(
      '[dondoc tests] PostgreSQL backend skipped: DONDOC_TEST_DATABASE_URL is not set ' +
        '(e.g. postgres://postgres@127.0.0.1:5432/postgres). Running on PGlite only.',
    );
  }
  return list;
}

const TEMPLATE_ROOT = path.join(os.tmpdir(), 'dondoc-test-pglite');

async function migrationsKey(): Promise<string> {
  const h = createHash('sha256');
  for (const f of await migrationFiles()) {
    h.update(f);
    h.update(await readFile(path.join(MIGRATIONS_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The migrated template directory for the current migrations (built if missing). */
async function pgliteTemplate(): Promise<string> {
  const key = await migrationsKey();
  const dir = path.join(TEMPLATE_ROOT, key);
  if (await exists(dir)) return dir;
  await mkdir(TEMPLATE_ROOT, { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (await exists(dir)) return dir;
      const s = await stat(lock).catch(() => null);
      if (s && Date.now() - s.mtimeMs > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (await exists(dir)) return dir;
    const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const h = await openDatabase({ dataDir: tmp });
    try {
      await migrateToLatest(h.db);
    } finally {
      await h.close();
    }
    await rename(tmp, dir);
    await removeStaleTemplates(key);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Templates of older migration sets, unused for 10 minutes, are removed (40 MB each). */
async function removeStaleTemplates(currentKey: string) {
  for (const name of await readdir(TEMPLATE_ROOT).catch(() => [] as string[])) {
    if (name.startsWith(currentKey)) continue;
    const p = path.join(TEMPLATE_ROOT, name);
    const s = await stat(p).catch(() => null);
    if (s && Date.now() - s.mtimeMs > 10 * 60_000) await rm(p, { recursive: true, force: true });
  }
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes and removes the database. */
  dispose(): Promise<void>;
}

/** A migrated, empty database of its own on the given backend. */
export async function createTestDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const template = await pgliteTemplate();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-test-db-'));
    await cp(template, dataDir, { recursive: true });
    const h = await openDatabase({ dataDir });
    await migrateToLatest(h.db);
    return {
      ...h,
      async dispose() {
        await h.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.DONDOC_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('DONDOC_TEST_DATABASE_URL is not set');
  const name = `dondoc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const h = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateToLatest(h.db);
  return {
    ...h,
    async dispose() {
      await h.close();
      // pool.end() resolves before its sockets are gone: retry a plain DROP for a while
      // (no FORCE, so no connection is killed under someone's feet), FORCE as a last resort.
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        for (let i = 0; ; i++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}${i >= 30 ? ' WITH (FORCE)' : ''}`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || i >= 30) throw err;
            await sleep(100);
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
