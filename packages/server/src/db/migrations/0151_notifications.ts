/**
 * Reminders range: notifications get a link (the page to open) and a dedupe key, so that a
 * retried job or a second server instance never notifies the same user twice for one event.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `ALTER TABLE notifications ADD COLUMN link text`,
  `ALTER TABLE notifications ADD COLUMN dedupe_key text`,
  `CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    'DROP INDEX IF EXISTS notifications_dedupe',
    'ALTER TABLE notifications DROP COLUMN IF EXISTS dedupe_key',
    'ALTER TABLE notifications DROP COLUMN IF EXISTS link',
  ])
    await sql.raw(s).execute(db);
}
