/**
 * Covering indexes for "the tasks of these agencies" (agency officers' lists, agency
 * filters): index-only scans give the task ids without visiting the heap. And the
 * (status, due) index restricted to countable rows (ordinary tasks and occurrences,
 * `countableTaskWhere` in src/tasks/buckets.ts), so list counts by status are index-only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX task_agencies_agency_task ON task_agencies (agency_id, task_id)`.execute(db);
  await sql`CREATE INDEX task_agencies_original_task ON task_agencies (original_agency_id, task_id)`.execute(
    db,
  );
  await sql`CREATE INDEX tasks_lead_agency_id ON tasks (lead_agency_id, id)`.execute(db);
  await sql`CREATE INDEX tasks_countable_status_due ON tasks (status, due)
    WHERE (recurrence IS NULL OR parent_task_id IS NOT NULL)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_countable_status_due`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_lead_agency_id`.execute(db);
  await sql`DROP INDEX IF EXISTS task_agencies_original_task`.execute(db);
  await sql`DROP INDEX IF EXISTS task_agencies_agency_task`.execute(db);
}
