/**
 * Versioned migrations: every `migrations/NNNN_name.ts` exporting `up` (and `down`),
 * applied in name order by Kysely's Migrator. Ranges: 0001–0049 foundation,
 * 0050–0099 documents/tasks, 0100–0149 reports, 0150–0199 reminders.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
} from 'kysely';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_FILE = /^\d{4}_[\w-]+\.(ts|js|mjs)$/;

/** The migration files, sorted (also used by tests to key the prepared template database). */
export async function migrationFiles(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort();
}

class DirectoryProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const f of await migrationFiles(this.dir)) {
      const mod = (await import(pathToFileURL(path.join(this.dir, f)).href)) as Migration;
      if (typeof mod.up !== 'function') throw new Error(`migration ${f} has no up()`);
      out[f.replace(/\.(ts|js|mjs)$/, '')] = mod;
    }
    return out;
  }
}

/** Applies every pending migration; throws (with the failing migration's name) on error. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on any Kysely instance
export async function migrateToLatest(db: Kysely<any>, dir = MIGRATIONS_DIR): Promise<MigrationResultSet> {
  // Ranges are developed in parallel, so a later-numbered migration may already be applied.
  const migrator = new Migrator({ db, provider: new DirectoryProvider(dir), allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `migration ${failed?.migrationName ?? '?'} failed: ${err.message}`;
    throw err;
  }
  return result;
}
