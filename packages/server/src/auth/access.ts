/**
 * Who sees which tasks. Admin, officer, leader and viewer see everything; an agency
 * officer sees only tasks where their agency — or an agency it succeeded or that
 * succeeded it (mergers of 1 July 2025) — leads or supports.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';

/** The agency, its predecessors (transitively) and its successors (transitively). */
export async function relatedAgencyIds(db: Db, agencyId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE
      up(id) AS (SELECT ${agencyId}::int UNION SELECT a.successor_id FROM agencies a JOIN up ON a.id = up.id
                 WHERE a.successor_id IS NOT NULL),
      down(id) AS (SELECT ${agencyId}::int UNION SELECT a.id FROM agencies a JOIN down ON a.successor_id = down.id)
    SELECT id FROM up UNION SELECT id FROM down`.execute(db);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** null = no restriction; otherwise the agency ids whose tasks the user may see. */
export async function agencyScope(db: Db, user: SessionUser): Promise<number[] | null> {
  if (user.role !== 'agency') return null;
  if (user.agencyId === null) return [];
  return relatedAgencyIds(db, user.agencyId);
}

/**
 * A `where` for queries over `tasks` (the table must be called `tasks`):
 *   const scope = await agencyScope(db, user);
 *   if (scope) query = query.where(taskInScope(scope));
 * Three index lookups united, then fetched by primary key (`= any(array(...))`), instead of
 * an OR with EXISTS: ~3× faster on an agency's page of 100k tasks (server-tasks' measure).
 */
export function taskInScope(scope: number[]) {
  return (_eb?: ExpressionBuilder<Database, 'tasks'>) => {
    if (scope.length === 0) return sql<boolean>`false`;
    return sql<boolean>`tasks.id = any(array(
      select ta.task_id from task_agencies ta where ta.agency_id = any(${scope}::int[])
      union select ta.task_id from task_agencies ta where ta.original_agency_id = any(${scope}::int[])
      union select t2.id from tasks t2 where t2.lead_agency_id = any(${scope}::int[])))`;
  };
}

export async function canSeeTask(db: Db, user: SessionUser, taskId: number): Promise<boolean> {
  const scope = await agencyScope(db, user);
  let q = db.selectFrom('tasks').select('tasks.id').where('tasks.id', '=', taskId);
  if (scope) q = q.where(taskInScope(scope));
  return (await q.executeTakeFirst()) !== undefined;
}

/** 404 (not 403, so ids of others' tasks do not leak) when the user may not see the task. */
export async function assertTaskVisible(db: Db, user: SessionUser, taskId: number): Promise<void> {
  if (!(await canSeeTask(db, user, taskId))) throw notFound('Không tìm thấy nhiệm vụ.');
}
