/**
 * Task lists at a million tasks (server-perf): the open-task buckets (chưa hoàn thành trong
 * hạn / quá hạn, sắp đến hạn — `bucketWhere`/`dueSoonWhere` in src/tasks/buckets.ts, which
 * say `status <> 'done'` and `countableTaskWhere()` literally, so the planner matches this
 * partial index) are read in deadline order, index-only, instead of a bitmap scan and a sort
 * of every open task in the range.
 * And the columns lists filter and sort on, by id: an agency's tasks are found as ids (the
 * scope / agency filters, src/auth/access.ts) and then checked and sorted index-only — this
 * index is a fifth of the table's size, so it stays in shared buffers where the heap does not.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tasks_open_due ON tasks (due, id)
    WHERE status <> 'done' AND (recurrence IS NULL OR parent_task_id IS NOT NULL)`.execute(db);
  await sql`CREATE INDEX tasks_id_list ON tasks (id)
    INCLUDE (due, status, completed_at, recurrence, parent_task_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_id_list`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_open_due`.execute(db);
}
