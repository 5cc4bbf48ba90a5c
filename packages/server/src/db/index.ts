/**
 * Database access: Kysely over `pg` on both backends, so results have the same types.
 * - PostgreSQL server when a URL is given (`DATABASE_URL`);
 * - otherwise PGlite (embedded PostgreSQL in WASM) in a data directory.
 * PGlite is expensive to open (~1 s reopen, ~4 s fresh): open once per process and
 * always call `close()` or Node never exits.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** Destroys the pool and closes PGlite. Safe to call twice. */
  close(): Promise<void>;
}

// Same value types on both backends: `date` stays 'YYYY-MM-DD' (no time-zone shift
// through JS Date), int8 (count(*), sum) becomes a number.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

export interface OpenOptions {
  /** postgres://... — when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, DROP DATABASE ... FORCE) must not
    // crash the process; the pool replaces it on the next query.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01')
        console.warn(`[dondoc] PostgreSQL connection error: ${err.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    let closed = false;
    return {
      db,
      kind: 'postgres',
      async close() {
        if (closed) return;
        closed = true;
        await db.destroy();
      },
    };
  }
  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const lite = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
  return wrapPglite(lite);
}

/** Kysely over an open PGlite instance (one connection: queries queue, transactions serialise). */
export function wrapPglite(lite: PGlite): DatabaseHandle {
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await lite.close();
    },
  };
}

export { migrateToLatest } from './migrate.ts';
export type { Database } from './schema.ts';
