/**
 * Documents and tasks (server-tasks range 0050–0099): what the life cycle needs beyond
 * the initial model.
 * - tasks.paused_from: resume returns to the status the task was paused from;
 * - tasks.original_due: the due date as published; `due` moves with approved extensions;
 * - tasks.created_by: who published it;
 * - one occurrence per (parent, due), so topping up recurring tasks is idempotent;
 * - an index for the default list order and for "my agency's tasks" pages.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `ALTER TABLE tasks ADD COLUMN paused_from text
     CHECK (paused_from IS NULL OR paused_from IN ('not_started','in_progress','awaiting_confirmation','returned'))`,
  `ALTER TABLE tasks ADD COLUMN original_due date`,
  `ALTER TABLE tasks ADD COLUMN created_by integer REFERENCES users(id) ON DELETE SET NULL`,
  `CREATE UNIQUE INDEX tasks_occurrence_unique ON tasks (parent_task_id, due) WHERE parent_task_id IS NOT NULL`,
  `CREATE INDEX tasks_created ON tasks (created_at DESC, id DESC)`,
  `CREATE INDEX task_agencies_task ON task_agencies (task_id, role)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    'DROP INDEX IF EXISTS task_agencies_task',
    'DROP INDEX IF EXISTS tasks_created',
    'DROP INDEX IF EXISTS tasks_occurrence_unique',
    'ALTER TABLE tasks DROP COLUMN IF EXISTS created_by',
    'ALTER TABLE tasks DROP COLUMN IF EXISTS original_due',
    'ALTER TABLE tasks DROP COLUMN IF EXISTS paused_from',
  ])
    await sql.raw(s).execute(db);
}
