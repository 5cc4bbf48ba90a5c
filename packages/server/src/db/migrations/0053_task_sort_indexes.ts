/**
 * The other list orders of GET /api/tasks at a million tasks (server-perf): "latest deadline
 * first" (`sort=-due`: due DESC NULLS LAST, id DESC — a backward scan of an ascending index
 * would put the tasks without deadline first, so it needs its own), the same within a status,
 * and `sort=status` (the expression of `ordered()` in src/tasks/service.ts, written identically
 * so the planner matches it). All restricted to countable rows, as the lists are.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tasks_countable_due_desc ON tasks (due DESC NULLS LAST, id DESC)
    WHERE (recurrence IS NULL OR parent_task_id IS NOT NULL)`.execute(db);
  await sql`CREATE INDEX tasks_countable_status_due_desc ON tasks (status, due DESC NULLS LAST, id DESC)
    WHERE (recurrence IS NULL OR parent_task_id IS NOT NULL)`.execute(db);
  await sql`CREATE INDEX tasks_countable_status_order ON tasks
    ((array_position(ARRAY['awaiting_confirmation','returned','in_progress','not_started','paused','done']::text[], status)), due, id)
    WHERE (recurrence IS NULL OR parent_task_id IS NOT NULL)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_countable_status_order`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_countable_status_due_desc`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_countable_due_desc`.execute(db);
}
