/**
 * First start: the `admin` account, and — in an empty database — the sample registry,
 * sample users and the bundled sample notices (imported as drafts).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit } from '../audit/index.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import type { Db } from '../db/index.ts';
import { MERGER_DATE, SAMPLE_PASSWORD, SAMPLE_USERS, sampleRegistry } from './agencies.ts';

export const SEEDS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../corpus/seeds',
);

/**
 * Creates `admin` when there is no administrator: password from DONDOC_ADMIN_PASSWORD, or
 * generated (returned so the caller prints it once). Returns null when an admin exists.
 */
export async function ensureAdmin(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ id: number; password: string; generated: boolean } | null> {
  const existing = await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst();
  if (existing) return null;
  const given = env.DONDOC_ADMIN_PASSWORD;
  const password = given && given.length > 0 ? given : generatePassword();
  const hash = await hashPassword(password);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ username: 'admin', display_name: 'Quản trị hệ thống', password_hash: hash, role: 'admin' })
      .onConflict((oc) =>
        oc.column('username').doUpdateSet({ role: 'admin', password_hash: hash, active: true }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { userId: null, action: 'user.create', entity: 'user', entityId: row.id, after: row });
    return row.id;
  });
  return { id, password, generated: !given };
}

export interface SampleSummary {
  agencies: number;
  users: number;
  documents: number;
  skipped?: string;
}

/** Loads the sample registry and users when the database has no agency yet. */
export async function loadSampleData(db: Db, adminId: number | null): Promise<SampleSummary> {
  const any = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  if (any) return { agencies: 0, users: 0, documents: 0, skipped: 'cơ sở dữ liệu đã có danh mục cơ quan' };
  const { agencies, successions } = sampleRegistry();
  const passwordHash = await hashPassword(SAMPLE_PASSWORD);
  const ids = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    // One multi-row insert (PGlite is slow row by row).
    const rows = await trx
      .insertInto('agencies')
      .values(
        agencies.map((a) => ({ name: a.name, short_name: a.shortName, type: a.type, province: a.province })),
      )
      .returning(['id', 'name', 'province'])
      .execute();
    // Matched by (name, province), unique in the sample, not by RETURNING order.
    const byName = new Map(rows.map((r) => [`${r.province}|${r.name}`, r.id]));
    for (const a of agencies) ids.set(a.key, byName.get(`${a.province}|${a.name}`) as number);
    const byProvince = new Map<string, number>();
    for (const a of agencies)
      if (a.type === 'people_committee') byProvince.set(a.province, ids.get(a.key) as number);
    // Departments belong to their province's People's Committee.
    for (const a of agencies) {
      if (a.type === 'people_committee') continue;
      await trx
        .updateTable('agencies')
        .set({ parent_id: byProvince.get(a.province) ?? null })
        .where('id', '=', ids.get(a.key) as number)
        .execute();
    }
    for (const [from, to] of successions) {
      await trx
        .updateTable('agencies')
        .set({ successor_id: ids.get(to) as number, dissolved_at: MERGER_DATE })
        .where('id', '=', ids.get(from) as number)
        .execute();
    }
    await trx
      .insertInto('users')
      .values(
        SAMPLE_USERS.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          password_hash: passwordHash,
          role: u.role,
          agency_id: u.agency ? (ids.get(u.agency) ?? null) : null,
        })),
      )
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
    await audit(trx, {
      userId: adminId,
      action: 'sample.load',
      entity: 'system',
      entityId: null,
      after: {
        agencies: agencies.length,
        users: SAMPLE_USERS.map((u) => u.username),
        successions: successions.size,
      },
    });
  });
  return { agencies: agencies.length, users: SAMPLE_USERS.length, documents: 0 };
}

/** Imports corpus/seeds/*.txt as drafts through the documents service (skips duplicates). */
export async function importSampleNotices(
  db: Db,
  adminId: number | null,
  dir = SEEDS_DIR,
): Promise<{ imported: number; failed: { file: string; message: string }[] }> {
  if (!existsSync(dir)) return { imported: 0, failed: [] };
  const { importDocument } = await import('../documents/service.ts');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  let imported = 0;
  const failed: { file: string; message: string }[] = [];
  for (const f of files) {
    try {
      const bytes = await readFile(path.join(dir, f));
      const r = await importDocument(db, { fileName: f, bytes, contentType: 'text/plain', userId: adminId });
      if (!r.duplicate) imported++;
    } catch (err) {
      failed.push({ file: f, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { imported, failed };
}
