/**
 * Tracked tasks: lists, detail, the life cycle (./lifecycle.ts) applied in transactions
 * with their audit rows, progress reports with attachments, extensions, comments.
 * Agency officers reach only tasks of their agency (and its predecessors/successors):
 * anything else is "not found", so ids of other agencies' tasks do not leak.
 */
import { type Compilable, CompiledQuery, type SelectQueryBuilder, sql } from 'kysely';
import { agencyScope, relatedAgencyIds, taskInScope } from '../auth/access.ts';
import type { Db } from '../db/index.ts';
import type { Database, Role } from '../db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';
import { notify } from '../notifications/service.ts';
import { writeAudit } from './audit-rows.ts';
import {
  type Bucket,
  bucketWhere,
  classify,
  countableTaskWhere,
  DUE_SOON_SETTING,
  dueSoonDaysFrom,
  dueSoonWhere,
  noDeadlineWhere,
  vietnamDate,
} from './buckets.ts';
import {
  type Actor,
  availableActions,
  type Relation,
  STATUS_LABELS,
  type TaskAction,
  type TaskStatus,
  transition,
} from './lifecycle.ts';

export type BucketFilter = Bucket | 'due_soon' | 'no_deadline';
export type TaskSort = 'due' | '-due' | 'created' | 'status';

export interface TaskListQuery {
  agencyId?: number | undefined;
  /** lead or support (default both) when filtering by agency. */
  agencyRole?: 'lead' | 'support' | undefined;
  status?: TaskStatus[] | undefined;
  bucket?: BucketFilter | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  documentId?: number | undefined;
  /** Occurrences of one recurring task; without it, lists hold the countable rows. */
  parentId?: number | undefined;
  q?: string | undefined;
  sort?: TaskSort | undefined;
  page: number;
  pageSize: number;
  /** Vietnam date used as "today" (default: now). */
  asOf?: string | undefined;
  /** Exact counts up to this many rows (default LIST_COUNT_CAP; tests lower it). */
  countCap?: number | undefined;
}

export interface AgencyRef {
  id: number;
  name: string;
}

export interface TaskItem {
  id: number;
  documentId: number;
  documentNumber: string | null;
  ref: string | null;
  text: string;
  leadAgency: AgencyRef | null;
  supportAgencies: AgencyRef[];
  due: string | null;
  originalDue: string | null;
  dueText: string | null;
  status: TaskStatus;
  statusLabel: string;
  bucket: Bucket;
  dueSoon: boolean;
  noDeadline: boolean;
  recurrence: string | null;
  parentTaskId: number | null;
  span: { start: number; end: number } | null;
  completedAt: string | null;
  createdAt: string;
}

const OFFICE: Role[] = ['admin', 'officer'];

const isOffice = (u: SessionUser) => OFFICE.includes(u.role);

export async function dueSoonDays(db: Db): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', DUE_SOON_SETTING)
    .executeTakeFirst();
  return dueSoonDaysFrom(row?.value);
}

const docNumber = (n: string | null, notation: string | null) =>
  n ? (notation ? `${n}/${notation}` : n) : null;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Above this many matching rows a task list's `total` is the planner's estimate. */
export const LIST_COUNT_CAP = 10_000;

/** The list orders; `id` last so that pages are stable. */
// biome-ignore lint/suspicious/noExplicitAny: any query over `tasks` (the select list varies)
function ordered<Q extends SelectQueryBuilder<Database, 'tasks', any>>(q: Q, sort: TaskSort): Q {
  switch (sort) {
    case 'due':
      return q.orderBy(sql`tasks.due asc nulls last`).orderBy('tasks.id') as Q;
    case '-due':
      return q.orderBy(sql`tasks.due desc nulls last`).orderBy('tasks.id', 'desc') as Q;
    case 'created':
      return q.orderBy('tasks.created_at', 'desc').orderBy('tasks.id', 'desc') as Q;
    case 'status':
      return q
        .orderBy(
          sql`array_position(array['awaiting_confirmation','returned','in_progress','not_started','paused','done']::text[], tasks.status)`,
        )
        .orderBy(sql`tasks.due asc nulls last`)
        .orderBy('tasks.id') as Q;
  }
}

/** The planner's row estimate of a query (EXPLAIN, nothing is run). */
async function estimateRows(db: Db, q: Compilable): Promise<number> {
  const c = q.compile();
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${c.sql}`, [...c.parameters]),
  );
  const raw = rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: { 'Plan Rows': number } }>;
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

/** GET /api/tasks */
export async function listTasks(
  db: Db,
  user: SessionUser,
  query: TaskListQuery,
): Promise<{ items: TaskItem[]; total: number; totalExact: boolean }> {
  const asOf = query.asOf ?? vietnamDate();
  const days = await dueSoonDays(db);
  const scope = await agencyScope(db, user);
  let base = db.selectFrom('tasks');
  if (scope) base = base.where(taskInScope(scope));
  if (query.parentId !== undefined) base = base.where('tasks.parent_task_id', '=', query.parentId);
  else base = base.where(countableTaskWhere());
  if (query.agencyId !== undefined) {
    const ids = await relatedAgencyIds(db, query.agencyId);
    const role = query.agencyRole;
    base = base.where(
      sql<boolean>`tasks.id = any(array(select fa.task_id from task_agencies fa
        where fa.agency_id = any(${ids}::int[])${role ? sql` and fa.role = ${role}` : sql``}))`,
    );
  }
  if (query.status?.length) base = base.where('tasks.status', 'in', query.status);
  if (query.bucket) {
    const b = query.bucket;
    base = base.where(
      b === 'due_soon'
        ? dueSoonWhere(asOf, days)
        : b === 'no_deadline'
          ? noDeadlineWhere()
          : bucketWhere(b, asOf),
    );
  }
  if (query.dueFrom) base = base.where('tasks.due', '>=', query.dueFrom);
  if (query.dueTo) base = base.where('tasks.due', '<=', query.dueTo);
  if (query.documentId !== undefined) base = base.where('tasks.document_id', '=', query.documentId);
  const q = query.q?.trim();
  // Diacritics-free: "chuyen doi so" finds "Chuyển đổi số" (dondoc_fold on both sides).
  if (q) base = base.where(sql<boolean>`tasks.search_text like '%' || dondoc_fold(${q}) || '%'`);

  // The page: ids first, over `tasks` alone (so an index in the sort order can stop after
  // offset + pageSize rows), then the joins for those rows only.
  const offset = (query.page - 1) * query.pageSize;
  const sort = query.sort ?? 'due';
  // A bounded set (an agency's tasks, one document, one recurring duty): sorting it visits
  // every row anyway, so the window count gives the exact total in the same pass.
  const bounded =
    scope !== null ||
    query.agencyId !== undefined ||
    query.documentId !== undefined ||
    query.parentId !== undefined;
  const idRows = await ordered(
    base.select(['tasks.id', ...(bounded ? [sql<number>`count(*) over ()`.as('n')] : [])]),
    sort,
  )
    .limit(query.pageSize)
    .offset(offset)
    .execute();
  const ids = idRows.map((r) => r.id);
  let total: number;
  let totalExact = true;
  if (ids.length > 0 && ids.length < query.pageSize) total = offset + ids.length;
  else if (ids.length === 0 && offset === 0) total = 0;
  else if (bounded && ids.length > 0) total = Number((idRows[0] as { n?: number }).n);
  else {
    // Counting a million rows for every page costs more than the page itself: count up to
    // LIST_COUNT_CAP exactly, above it give the planner's estimate (totalExact: false).
    const cap = query.countCap ?? LIST_COUNT_CAP;
    const n = Number(
      (
        await db
          .selectFrom(
            base
              .select(sql`1`.as('one'))
              .limit(cap + 1)
              .as('c'),
          )
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (n <= cap) total = n;
    else {
      totalExact = false;
      total = Math.max(n, await estimateRows(db, base.select(sql`1`.as('one'))));
    }
  }
  const page =
    ids.length === 0
      ? []
      : await db
          .selectFrom('tasks')
          .innerJoin('documents as d', 'd.id', 'tasks.document_id')
          .leftJoin('agencies as la', 'la.id', 'tasks.lead_agency_id')
          .select([
            'tasks.id',
            'tasks.document_id',
            'd.number as doc_number',
            'd.notation as doc_notation',
            'tasks.ref',
            'tasks.text',
            'tasks.lead_agency_id',
            'la.name as lead_name',
            'tasks.due',
            'tasks.original_due',
            'tasks.due_text',
            'tasks.status',
            'tasks.recurrence',
            'tasks.parent_task_id',
            'tasks.span_start',
            'tasks.span_end',
            'tasks.completed_at',
            'tasks.created_at',
          ])
          .where('tasks.id', 'in', ids)
          .execute();
  const byId = new Map(page.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const supports = await supportAgencies(
    db,
    rows.map((r) => r.id),
  );
  return {
    total,
    totalExact,
    items: rows.map((r) => {
      const c = classify({ status: r.status, due: r.due, completedAt: r.completed_at }, asOf, days);
      return {
        id: r.id,
        documentId: r.document_id,
        documentNumber: docNumber(r.doc_number, r.doc_notation),
        ref: r.ref,
        text: r.text,
        leadAgency: r.lead_agency_id !== null ? { id: r.lead_agency_id, name: r.lead_name ?? '' } : null,
        supportAgencies: supports.get(r.id) ?? [],
        due: r.due,
        originalDue: r.original_due,
        dueText: r.due_text,
        status: r.status,
        statusLabel: STATUS_LABELS[r.status],
        bucket: c.bucket,
        dueSoon: c.dueSoon,
        noDeadline: c.noDeadline,
        recurrence: r.recurrence,
        parentTaskId: r.parent_task_id,
        span: r.span_start !== null && r.span_end !== null ? { start: r.span_start, end: r.span_end } : null,
        completedAt: iso(r.completed_at),
        createdAt: iso(r.created_at) as string,
      };
    }),
  };
}

async function supportAgencies(db: Db, taskIds: number[]): Promise<Map<number, AgencyRef[]>> {
  const out = new Map<number, AgencyRef[]>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .selectFrom('task_agencies as ta')
    .innerJoin('agencies as a', 'a.id', 'ta.agency_id')
    .select(['ta.task_id', 'a.id', 'a.name'])
    .where('ta.task_id', 'in', taskIds)
    .where('ta.role', '=', 'support')
    .orderBy('ta.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.task_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.task_id, list);
  }
  return out;
}

/** How the user stands to the task; throws 404 when they may not see it. */
async function relationTo(db: Db, user: SessionUser, taskId: number): Promise<Relation> {
  const scope = await agencyScope(db, user);
  const visible = await db
    .selectFrom('tasks')
    .select('tasks.id')
    .where('tasks.id', '=', taskId)
    .$if(scope !== null, (q) => q.where(taskInScope(scope as number[])))
    .executeTakeFirst();
  if (!visible) throw notFound('Không tìm thấy nhiệm vụ.');
  if (scope === null || scope.length === 0) return 'none';
  const rows = await db
    .selectFrom('task_agencies')
    .select('role')
    .where('task_id', '=', taskId)
    .where((eb) => eb.or([eb('agency_id', 'in', scope), eb('original_agency_id', 'in', scope)]))
    .execute();
  if (rows.some((r) => r.role === 'lead')) return 'lead';
  return rows.length > 0 ? 'support' : 'none';
}

async function lockTask(db: Db, taskId: number) {
  const t = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
  if (!t) throw notFound('Không tìm thấy nhiệm vụ.');
  return t;
}

function verdictError(v: { kind: 'forbidden' | 'conflict' | 'invalid'; message: string }): AppError {
  if (v.kind === 'forbidden') return forbidden(v.message);
  if (v.kind === 'conflict') return new AppError('invalid_transition', 409, v.message);
  return new AppError('validation', 400, v.message);
}

/** GET /api/tasks/:id */
export async function getTask(db: Db, user: SessionUser, taskId: number, asOf = vietnamDate()) {
  const relation = await relationTo(db, user, taskId);
  const days = await dueSoonDays(db);
  const t = await db
    .selectFrom('tasks')
    .innerJoin('documents as d', 'd.id', 'tasks.document_id')
    .leftJoin('agencies as la', 'la.id', 'tasks.lead_agency_id')
    .selectAll('tasks')
    .select([
      'd.number as doc_number',
      'd.notation as doc_notation',
      'd.subject as doc_subject',
      'la.name as lead_name',
    ])
    .select(
      sql<string | null>`case when tasks.span_start is not null and tasks.span_end > tasks.span_start
        then substr(d.text, tasks.span_start + 1, tasks.span_end - tasks.span_start) end`.as('source_text'),
    )
    .where('tasks.id', '=', taskId)
    .executeTakeFirstOrThrow();
  const [supports, history, reports, extensions, comments, attachments, occurrences] = await Promise.all([
    supportAgencies(db, [taskId]),
    db
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.id', 'l.at', 'l.action', 'l.before', 'l.after', 'u.display_name'])
      .where('l.entity', '=', 'task')
      .where('l.entity_id', '=', String(taskId))
      .orderBy('l.at')
      .orderBy('l.id')
      .execute(),
    db
      .selectFrom('progress_reports as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin('agencies as a', 'a.id', 'p.agency_id')
      .select([
        'p.id',
        'p.note',
        'p.percent',
        'p.created_at',
        'u.display_name',
        'a.name as agency_name',
        'p.agency_id',
      ])
      .where('p.task_id', '=', taskId)
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('extension_requests as e')
      .leftJoin('users as u', 'u.id', 'e.requested_by')
      .selectAll('e')
      .select('u.display_name')
      .where('e.task_id', '=', taskId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('comments as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.body', 'c.created_at', 'c.user_id', 'u.display_name'])
      .where('c.task_id', '=', taskId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'owner_type', 'owner_id', 'file_name', 'content_type', 'size', 'created_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('owner_type', '=', 'task'), eb('owner_id', '=', taskId)]),
          eb.and([
            eb('owner_type', '=', 'progress_report'),
            eb(
              'owner_id',
              'in',
              eb.selectFrom('progress_reports').select('id').where('task_id', '=', taskId),
            ),
          ]),
        ]),
      )
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tasks')
      .select(['id', 'due', 'status', 'completed_at'])
      .where('parent_task_id', '=', taskId)
      .orderBy('due')
      .execute(),
  ]);
  const c = classify({ status: t.status, due: t.due, completedAt: t.completed_at }, asOf, days);
  const actor: Actor = { role: user.role, relation };
  const files = (ownerType: string, ownerId: number) =>
    attachments
      .filter((a) => a.owner_type === ownerType && a.owner_id === ownerId)
      .map((a) => ({ id: a.id, fileName: a.file_name, contentType: a.content_type, size: a.size }));
  return {
    task: {
      id: t.id,
      documentId: t.document_id,
      documentNumber: docNumber(t.doc_number, t.doc_notation),
      documentSubject: t.doc_subject,
      ref: t.ref,
      text: t.text,
      leadAgency: t.lead_agency_id !== null ? { id: t.lead_agency_id, name: t.lead_name ?? '' } : null,
      supportAgencies: supports.get(taskId) ?? [],
      due: t.due,
      originalDue: t.original_due,
      dueText: t.due_text,
      status: t.status,
      statusLabel: STATUS_LABELS[t.status],
      pausedFrom: t.paused_from,
      bucket: c.bucket,
      dueSoon: c.dueSoon,
      noDeadline: c.noDeadline,
      recurrence: t.recurrence,
      parentTaskId: t.parent_task_id,
      span: t.span_start !== null && t.span_end !== null ? { start: t.span_start, end: t.span_end } : null,
      sourceText: t.source_text,
      completedAt: iso(t.completed_at),
      createdAt: iso(t.created_at) as string,
    },
    relation,
    actions: availableActions(t.status, actor),
    history: history.map((h) => ({
      id: h.id,
      at: iso(h.at) as string,
      action: h.action,
      user: h.display_name,
      before: h.before,
      after: h.after,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      note: r.note,
      percent: r.percent,
      user: r.display_name,
      agency: r.agency_id !== null ? { id: r.agency_id, name: r.agency_name ?? '' } : null,
      createdAt: iso(r.created_at) as string,
      attachments: files('progress_report', r.id),
    })),
    extensions: extensions.map((e) => ({
      id: e.id,
      currentDue: e.current_due,
      proposedDue: e.proposed_due,
      reason: e.reason,
      status: e.status,
      requestedBy: e.display_name,
      note: e.note,
      decidedAt: iso(e.decided_at),
      createdAt: iso(e.created_at) as string,
    })),
    comments: comments.map((m) => ({
      id: m.id,
      body: m.body,
      userId: m.user_id,
      user: m.display_name,
      createdAt: iso(m.created_at) as string,
    })),
    attachments: files('task', taskId),
    occurrences: occurrences.map((o) => ({
      id: o.id,
      due: o.due,
      status: o.status,
      bucket: classify({ status: o.status, due: o.due, completedAt: o.completed_at }, asOf, days).bucket,
    })),
  };
}

/** The agency the acting agency officer reports for (null for office staff). */
function actingAgency(user: SessionUser): number | null {
  return user.role === 'agency' ? user.agencyId : null;
}

/** POST /api/tasks/:id/{submit,confirm,return,pause,resume} */
export async function applyAction(
  db: Db,
  user: SessionUser,
  taskId: number,
  action: Exclude<TaskAction, 'progress'>,
  input: { reason?: string | null | undefined; note?: string | null | undefined } = {},
): Promise<{ status: TaskStatus }> {
  const relation = await relationTo(db, user, taskId);
  const result = await db.transaction().execute(async (trx) => {
    const t = await lockTask(trx, taskId);
    const v = transition({
      status: t.status,
      action,
      actor: { role: user.role, relation },
      pausedFrom: t.paused_from,
      reason: input.reason ?? null,
    });
    if (!v.ok) throw verdictError(v);
    const now = new Date();
    await trx
      .updateTable('tasks')
      .set({
        status: v.to,
        paused_from:
          action === 'pause'
            ? (t.status as 'not_started' | 'in_progress' | 'awaiting_confirmation' | 'returned')
            : null,
        completed_at: v.to === 'done' ? now : null,
        updated_at: now,
      })
      .where('id', '=', taskId)
      .execute();
    await writeAudit(trx, {
      userId: user.id,
      action: `task.${action}`,
      entity: 'task',
      entityId: taskId,
      before: { status: t.status },
      after: {
        status: v.to,
        ...(input.reason ? { reason: input.reason.trim() } : {}),
        ...(input.note ? { note: input.note.trim() } : {}),
      },
    });
    const leads = await trx
      .selectFrom('task_agencies')
      .select('agency_id')
      .where('task_id', '=', taskId)
      .where('role', '=', 'lead')
      .execute();
    const leadIds = leads.map((l) => l.agency_id);
    const short = t.text.length > 120 ? `${t.text.slice(0, 117)}...` : t.text;
    if (action === 'submit')
      await notify(trx, {
        kind: 'task.submitted',
        title: 'Đơn vị báo cáo hoàn thành nhiệm vụ, chờ xác nhận',
        body: short,
        link: `/tasks/${taskId}`,
        taskId,
        roles: ['officer'],
        excludeUserIds: [user.id],
      });
    else if ((action === 'return' || action === 'confirm') && leadIds.length > 0)
      await notify(trx, {
        kind: action === 'return' ? 'task.returned' : 'task.confirmed',
        title: action === 'return' ? 'Nhiệm vụ bị trả lại' : 'Nhiệm vụ đã được xác nhận hoàn thành',
        body: action === 'return' ? `${short}\nLý do: ${input.reason?.trim()}` : short,
        link: `/tasks/${taskId}`,
        taskId,
        agencyIds: leadIds,
        excludeUserIds: [user.id],
      });
    return { status: v.to };
  });
  return result;
}

export interface UploadedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** POST /api/tasks/:id/progress */
export async function addProgress(
  db: Db,
  user: SessionUser,
  taskId: number,
  input: { note: string; percent?: number | null | undefined; files: UploadedFile[] },
): Promise<{ reportId: number; status: TaskStatus; attachmentIds: number[] }> {
  const relation = await relationTo(db, user, taskId);
  return db.transaction().execute(async (trx) => {
    const t = await lockTask(trx, taskId);
    const v = transition({ status: t.status, action: 'progress', actor: { role: user.role, relation } });
    if (!v.ok) throw verdictError(v);
    const agencyId = actingAgency(user) ?? t.lead_agency_id;
    const report = await trx
      .insertInto('progress_reports')
      .values({
        task_id: taskId,
        user_id: user.id,
        agency_id: agencyId,
        note: input.note.trim(),
        percent: input.percent ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attachmentIds: number[] = [];
    for (const f of input.files) {
      const a = await trx
        .insertInto('attachments')
        .values({
          owner_type: 'progress_report',
          owner_id: report.id,
          file_name: f.fileName.slice(0, 255),
          content_type: f.contentType || 'application/octet-stream',
          size: f.bytes.byteLength,
          bytes: f.bytes,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      attachmentIds.push(a.id);
    }
    if (v.to !== t.status)
      await trx
        .updateTable('tasks')
        .set({ status: v.to, updated_at: new Date() })
        .where('id', '=', taskId)
        .execute();
    await writeAudit(trx, {
      userId: user.id,
      action: 'task.progress',
      entity: 'task',
      entityId: taskId,
      before: { status: t.status },
      after: {
        status: v.to,
        reportId: report.id,
        percent: input.percent ?? null,
        files: input.files.map((f) => ({ name: f.fileName, size: f.bytes.byteLength })),
      },
    });
    return { reportId: report.id, status: v.to, attachmentIds };
  });
}

/** POST /api/tasks/:id/extensions: the lead agency (or the office) asks for a later due date. */
export async function requestExtension(
  db: Db,
  user: SessionUser,
  taskId: number,
  input: { proposedDue: string; reason: string },
  today = vietnamDate(),
): Promise<{ id: number }> {
  const relation = await relationTo(db, user, taskId);
  if (!(isOffice(user) || (user.role === 'agency' && relation === 'lead')))
    throw forbidden('Bạn không có quyền xin gia hạn nhiệm vụ này (chỉ đơn vị chủ trì).');
  return db.transaction().execute(async (trx) => {
    const t = await lockTask(trx, taskId);
    if (t.status === 'done') throw conflict('Nhiệm vụ đã hoàn thành, không thể xin gia hạn.');
    if (input.proposedDue < today)
      throw new AppError('validation', 422, 'Hạn đề nghị gia hạn không được ở trong quá khứ.');
    if (t.due !== null && input.proposedDue <= t.due)
      throw new AppError('validation', 422, 'Hạn đề nghị phải sau hạn hiện tại của nhiệm vụ.');
    const pending = await trx
      .selectFrom('extension_requests')
      .select('id')
      .where('task_id', '=', taskId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw conflict('Nhiệm vụ đang có một đề nghị gia hạn chờ xử lý.');
    const e = await trx
      .insertInto('extension_requests')
      .values({
        task_id: taskId,
        requested_by: user.id,
        current_due: t.due,
        proposed_due: input.proposedDue,
        reason: input.reason.trim(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      userId: user.id,
      action: 'task.extension_request',
      entity: 'task',
      entityId: taskId,
      after: {
        extensionId: e.id,
        currentDue: t.due,
        proposedDue: input.proposedDue,
        reason: input.reason.trim(),
      },
    });
    await notify(trx, {
      kind: 'extension.requested',
      title: 'Đề nghị gia hạn nhiệm vụ',
      body: `${t.text.slice(0, 200)}\nHạn đề nghị: ${input.proposedDue}. Lý do: ${input.reason.trim()}`,
      link: `/tasks/${taskId}`,
      taskId,
      roles: ['officer'],
      excludeUserIds: [user.id],
    });
    return { id: e.id };
  });
}

/** POST /api/extensions/:id/decision: approval moves the due date; the request keeps the old one. */
export async function decideExtension(
  db: Db,
  user: SessionUser,
  extensionId: number,
  input: { approve: boolean; note?: string | null | undefined },
): Promise<{ status: 'approved' | 'rejected'; due: string | null }> {
  const ext = await db
    .selectFrom('extension_requests')
    .selectAll()
    .where('id', '=', extensionId)
    .executeTakeFirst();
  if (!ext) throw notFound('Không tìm thấy đề nghị gia hạn.');
  await relationTo(db, user, ext.task_id); // 404 for agencies outside the task
  if (!isOffice(user))
    throw forbidden('Bạn không có quyền quyết định gia hạn (chỉ cán bộ văn phòng theo dõi).');
  return db.transaction().execute(async (trx) => {
    const e = await trx
      .selectFrom('extension_requests')
      .selectAll()
      .where('id', '=', extensionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (e.status !== 'pending') throw conflict('Đề nghị gia hạn này đã được xử lý.');
    const t = await lockTask(trx, e.task_id);
    const status = input.approve ? ('approved' as const) : ('rejected' as const);
    await trx
      .updateTable('extension_requests')
      .set({ status, decided_by: user.id, decided_at: new Date(), note: input.note?.trim() || null })
      .where('id', '=', extensionId)
      .execute();
    let due = t.due;
    if (input.approve) {
      due = e.proposed_due;
      await trx.updateTable('tasks').set({ due, updated_at: new Date() }).where('id', '=', t.id).execute();
    }
    await writeAudit(trx, {
      userId: user.id,
      action: input.approve ? 'task.extension_approve' : 'task.extension_reject',
      entity: 'task',
      entityId: t.id,
      before: { due: t.due },
      after: { due, extensionId, note: input.note?.trim() || null },
    });
    const leads = await trx
      .selectFrom('task_agencies')
      .select('agency_id')
      .where('task_id', '=', t.id)
      .where('role', '=', 'lead')
      .execute();
    if (leads.length > 0)
      await notify(trx, {
        kind: 'extension.decided',
        title: input.approve
          ? `Đề nghị gia hạn được chấp thuận: hạn mới ${e.proposed_due}`
          : 'Đề nghị gia hạn không được chấp thuận',
        body: `${t.text.slice(0, 200)}${input.note ? `\nÝ kiến: ${input.note.trim()}` : ''}`,
        link: `/tasks/${t.id}`,
        taskId: t.id,
        agencyIds: leads.map((l) => l.agency_id),
        excludeUserIds: [user.id],
      });
    return { status, due };
  });
}

/** POST /api/tasks/:id/comments: anyone who sees the task, except read-only viewers. */
export async function addComment(
  db: Db,
  user: SessionUser,
  taskId: number,
  body: string,
): Promise<{ id: number }> {
  await relationTo(db, user, taskId);
  if (user.role === 'viewer') throw forbidden('Tài khoản chỉ xem không được bình luận.');
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .insertInto('comments')
      .values({ task_id: taskId, user_id: user.id, body: body.trim() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      userId: user.id,
      action: 'task.comment',
      entity: 'task',
      entityId: taskId,
      after: { commentId: c.id, body: body.trim().slice(0, 500) },
    });
    return { id: c.id };
  });
}

/** GET /api/attachments/:id — only for users who see the task it belongs to. */
export async function getAttachment(db: Db, user: SessionUser, id: number) {
  const a = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('Không tìm thấy tệp đính kèm.');
  let taskId: number | null = null;
  if (a.owner_type === 'task') taskId = a.owner_id;
  else if (a.owner_type === 'progress_report') {
    const r = await db
      .selectFrom('progress_reports')
      .select('task_id')
      .where('id', '=', a.owner_id)
      .executeTakeFirst();
    taskId = r?.task_id ?? null;
  }
  if (taskId === null) {
    if (user.role === 'agency') throw notFound('Không tìm thấy tệp đính kèm.');
  } else {
    try {
      await relationTo(db, user, taskId);
    } catch {
      throw notFound('Không tìm thấy tệp đính kèm.');
    }
  }
  return a;
}
