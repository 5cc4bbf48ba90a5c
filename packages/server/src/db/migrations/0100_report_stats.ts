/**
 * Reports (range 0100–0149): what the leaders' dashboard needs to answer in well under
 * 100 ms at a million tasks.
 * - report_task_stats: task counts per (lead agency, month of the deadline, done class), kept
 *   by triggers on `tasks`. The done classes (open / done on time / done late) do not depend on
 *   the day one looks, so months wholly before or after "today" are read from here; the months
 *   around today and the partial months at the ends of a date range are counted from `tasks`.
 *   The class and "countable" expressions are generated from src/tasks/buckets.ts (the one
 *   definition of the buckets) when this migration runs; a test checks the stats against it.
 * - covering indexes for those exact counts and for the overdue / due-soon lists, and one for
 *   "latest notices" (doc_date DESC NULLS LAST).
 */
import { type Kysely, sql } from 'kysely';
import { bucketWhere, countableTaskWhere } from '../../tasks/buckets.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const cols = { status: 'status', due: 'due', completedAt: 'completed_at' };
  const onTime = bucketWhere('done_on_time', '2000-01-01', cols).compile(db);
  const late = bucketWhere('done_late', '2000-01-01', cols).compile(db);
  const countable = countableTaskWhere({ recurrence: 'recurrence', parentTaskId: 'parent_task_id' }).compile(
    db,
  );
  if (onTime.parameters.length || late.parameters.length || countable.parameters.length)
    throw new Error('bucket expressions of the done classes must not depend on parameters');

  const statements = [
    `CREATE TABLE report_task_stats (
       lead_agency_id integer NOT NULL,            -- 0: no lead agency
       due_month date NOT NULL,                    -- first day of the deadline's month; 'infinity': no deadline
       done_class smallint NOT NULL CHECK (done_class IN (0, 1, 2)),  -- 0 open, 1 done on time, 2 done late
       n integer NOT NULL DEFAULT 0,
       PRIMARY KEY (lead_agency_id, due_month, done_class)
     )`,
    `CREATE OR REPLACE FUNCTION report_done_class(status text, due date, completed_at timestamptz)
       RETURNS smallint LANGUAGE sql STABLE AS
     $$ SELECT (CASE WHEN ${onTime.sql} THEN 1 WHEN ${late.sql} THEN 2 ELSE 0 END)::smallint $$`,
    `CREATE OR REPLACE FUNCTION report_countable(recurrence text, parent_task_id integer)
       RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT ${countable.sql} $$`,
    `CREATE OR REPLACE FUNCTION report_due_month(due date) RETURNS date LANGUAGE sql IMMUTABLE AS
     $$ SELECT coalesce(date_trunc('month', due)::date, 'infinity'::date) $$`,
    `CREATE OR REPLACE FUNCTION report_task_stats_sync() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP IN ('UPDATE', 'DELETE') AND report_countable(OLD.recurrence, OLD.parent_task_id) THEN
         UPDATE report_task_stats SET n = n - 1
          WHERE lead_agency_id = coalesce(OLD.lead_agency_id, 0)
            AND due_month = report_due_month(OLD.due)
            AND done_class = report_done_class(OLD.status, OLD.due, OLD.completed_at);
       END IF;
       IF TG_OP IN ('INSERT', 'UPDATE') AND report_countable(NEW.recurrence, NEW.parent_task_id) THEN
         INSERT INTO report_task_stats AS s (lead_agency_id, due_month, done_class, n)
         VALUES (coalesce(NEW.lead_agency_id, 0), report_due_month(NEW.due),
                 report_done_class(NEW.status, NEW.due, NEW.completed_at), 1)
         ON CONFLICT (lead_agency_id, due_month, done_class) DO UPDATE SET n = s.n + 1;
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION report_task_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM report_task_stats;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER tasks_report_stats_ins AFTER INSERT OR DELETE ON tasks
       FOR EACH ROW EXECUTE FUNCTION report_task_stats_sync()`,
    `CREATE TRIGGER tasks_report_stats_upd
       AFTER UPDATE OF status, due, completed_at, lead_agency_id, recurrence, parent_task_id ON tasks
       FOR EACH ROW EXECUTE FUNCTION report_task_stats_sync()`,
    `CREATE TRIGGER tasks_report_stats_truncate AFTER TRUNCATE ON tasks
       FOR EACH STATEMENT EXECUTE FUNCTION report_task_stats_truncate()`,
    `INSERT INTO report_task_stats (lead_agency_id, due_month, done_class, n)
       SELECT coalesce(lead_agency_id, 0), report_due_month(due), report_done_class(status, due, completed_at), count(*)
         FROM tasks WHERE report_countable(recurrence, parent_task_id)
        GROUP BY 1, 2, 3`,
    `CREATE INDEX tasks_report_due ON tasks (due)
       INCLUDE (lead_agency_id, status, completed_at, recurrence, parent_task_id, document_id)`,
    `CREATE INDEX tasks_report_agency_due ON tasks (lead_agency_id, due)
       INCLUDE (status, completed_at, recurrence, parent_task_id, document_id)`,
    `CREATE INDEX tasks_report_document ON tasks (document_id)
       INCLUDE (lead_agency_id, due, status, completed_at, recurrence, parent_task_id)`,
    `CREATE INDEX documents_latest ON documents (doc_date DESC NULLS LAST, id DESC)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    'DROP INDEX IF EXISTS documents_latest',
    'DROP INDEX IF EXISTS tasks_report_document',
    'DROP INDEX IF EXISTS tasks_report_agency_due',
    'DROP INDEX IF EXISTS tasks_report_due',
    'DROP TRIGGER IF EXISTS tasks_report_stats_truncate ON tasks',
    'DROP TRIGGER IF EXISTS tasks_report_stats_upd ON tasks',
    'DROP TRIGGER IF EXISTS tasks_report_stats_ins ON tasks',
    'DROP FUNCTION IF EXISTS report_task_stats_truncate()',
    'DROP FUNCTION IF EXISTS report_task_stats_sync()',
    'DROP FUNCTION IF EXISTS report_due_month(date)',
    'DROP FUNCTION IF EXISTS report_countable(text, integer)',
    'DROP FUNCTION IF EXISTS report_done_class(text, date, timestamptz)',
    'DROP TABLE IF EXISTS report_task_stats',
  ])
    await sql.raw(s).execute(db);
}
