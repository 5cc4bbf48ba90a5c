/**
 * Review and publication of an imported notice: read the draft with agency suggestions,
 * save the officer's edits (learning name → agency aliases), publish into tracked tasks.
 */
import { sql } from 'kysely';
import type { AgencyView } from '../agencies/repository.ts';
import { suggestAgencies as suggestRegistry } from '../agencies/service.ts';
import { agencyScope, taskInScope } from '../auth/access.ts';
import type { Db } from '../db/index.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';
import { notify } from '../notifications/service.ts';
import { writeAudit } from '../tasks/audit-rows.ts';
import { vietnamDate } from '../tasks/buckets.ts';
import { isRecurrence, planOccurrences, type Recurrence } from '../tasks/recurrence.ts';
import { currentAgencies } from './service.ts';

export interface DraftTaskInput {
  ref?: string | null | undefined;
  text: string;
  span?: { start: number; end: number } | null | undefined;
  leadNames?: string[] | undefined;
  supportNames?: string[] | undefined;
  leadAgencyIds?: number[] | undefined;
  supportAgencyIds?: number[] | undefined;
  due?: string | null | undefined;
  dueText?: string | null | undefined;
  recurrence?: Recurrence | null | undefined;
}

export interface DraftInput {
  number?: string | null | undefined;
  notation?: string | null | undefined;
  docType?: string | null | undefined;
  issuer?: string | null | undefined;
  place?: string | null | undefined;
  date?: string | null | undefined;
  subject?: string | null | undefined;
  tasks?: DraftTaskInput[] | undefined;
  /** Names the officer mapped to registry agencies; each is remembered as an alias. */
  mappings?: Array<{ name: string; agencyId: number }> | undefined;
}

export interface DraftTaskView {
  id: number;
  position: number;
  ref: string | null;
  text: string;
  span: { start: number; end: number } | null;
  leadNames: string[];
  supportNames: string[];
  leadAgencyIds: number[];
  supportAgencyIds: number[];
  due: string | null;
  dueText: string | null;
  recurrence: string | null;
}

export interface Suggestion {
  agency: AgencyView;
  score: number;
  reason: 'alias' | 'name';
}

const isOffice = (u: SessionUser) => u.role === 'admin' || u.role === 'officer';

export function requireOffice(user: SessionUser): void {
  if (!isOffice(user))
    throw new AppError(
      'forbidden',
      403,
      'Bạn không có quyền thực hiện thao tác này (chỉ cán bộ văn phòng theo dõi).',
    );
}

/** Agencies: only documents in which their agency has a task. Others: all. */
export async function canReadDocument(db: Db, user: SessionUser, documentId: number): Promise<boolean> {
  const scope = await agencyScope(db, user);
  if (scope === null) return true;
  const row = await db
    .selectFrom('tasks')
    .select('tasks.id')
    .where('tasks.document_id', '=', documentId)
    .where(taskInScope(scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function loadDraftTasks(db: Db, documentId: number): Promise<DraftTaskView[]> {
  const rows = await db
    .selectFrom('draft_tasks')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    ref: r.ref,
    text: r.text,
    span: r.span_start !== null && r.span_end !== null ? { start: r.span_start, end: r.span_end } : null,
    leadNames: r.lead_names,
    supportNames: r.support_names,
    leadAgencyIds: r.lead_agency_ids,
    supportAgencyIds: r.support_agency_ids,
    due: r.due,
    dueText: r.due_text,
    recurrence: r.recurrence,
  }));
}

/**
 * Suggestions for each agency name, from the registry's own suggester (learned names
 * first, then exact and similar folded names, the notice's province first, dissolved
 * agencies followed by their successor). `reason` keeps this API's words: alias | name.
 */
export async function suggestAgencies(
  db: Db,
  names: string[],
  province?: string | null,
): Promise<Record<string, Suggestion[]>> {
  const out: Record<string, Suggestion[]> = {};
  const distinct = [...new Set(names.filter((n) => n.trim() !== ''))].slice(0, 200);
  for (const name of distinct) {
    const list = await suggestRegistry(db, name, { province: province ?? undefined, limit: 5 });
    out[name] = list.map((s) => ({
      agency: s.agency,
      score: s.score,
      reason: s.reason === 'learned' ? 'alias' : 'name',
    }));
  }
  return out;
}

async function assertAgenciesExist(db: Db, ids: number[]): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return;
  const found = await db.selectFrom('agencies').select('id').where('id', 'in', distinct).execute();
  const known = new Set(found.map((r) => r.id));
  const missing = distinct.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw new AppError(
      'unknown_agency',
      422,
      `Không tìm thấy cơ quan, đơn vị có mã ${missing.join(', ')} trong danh mục. Hãy chọn lại cơ quan từ danh mục.`,
      { agencyIds: missing },
    );
}

async function lockDraft(db: Db, documentId: number) {
  const doc = await db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('Không tìm thấy văn bản.');
  if (doc.status !== 'draft')
    throw conflict('Văn bản đã được ban hành; không thể sửa bản nháp. Hãy điều chỉnh từng nhiệm vụ.');
  return doc;
}

/** Saves the officer's review. Replaces the draft tasks when `tasks` is given. */
export async function saveDraft(
  db: Db,
  user: SessionUser,
  documentId: number,
  input: DraftInput,
): Promise<void> {
  requireOffice(user);
  const agencyIds = [
    ...(input.tasks ?? []).flatMap((t) => [...(t.leadAgencyIds ?? []), ...(t.supportAgencyIds ?? [])]),
    ...(input.mappings ?? []).map((m) => m.agencyId),
  ];
  await db.transaction().execute(async (trx) => {
    const doc = await lockDraft(trx, documentId);
    await assertAgenciesExist(trx, agencyIds);
    const fields = {
      number: input.number,
      notation: input.notation,
      doc_type: input.docType,
      issuer: input.issuer,
      place: input.place,
      doc_date: input.date,
      subject: input.subject,
    };
    const changed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const record = { ...(doc.record as Record<string, unknown>) };
    const recordKeys: Record<string, string> = { doc_type: 'docType', doc_date: 'date' };
    for (const [k, v] of Object.entries(changed)) record[recordKeys[k] ?? k] = v;
    if (input.tasks) {
      record.tasks = input.tasks.map((t) => ({
        ref: t.ref ?? null,
        text: t.text,
        lead: t.leadNames ?? [],
        support: t.supportNames ?? [],
        due: t.due ?? null,
        dueText: t.dueText ?? null,
        recurrence: t.recurrence ?? null,
        span: t.span ?? null,
      }));
    }
    await trx
      .updateTable('documents')
      .set({ ...changed, record: JSON.stringify(record), updated_at: new Date() })
      .where('id', '=', documentId)
      .execute();
    if (input.tasks) {
      await trx.deleteFrom('draft_tasks').where('document_id', '=', documentId).execute();
      if (input.tasks.length > 0)
        await trx
          .insertInto('draft_tasks')
          .values(
            input.tasks.map((t, i) => ({
              document_id: documentId,
              position: i,
              ref: t.ref ?? null,
              text: t.text.trim(),
              span_start: t.span?.start ?? null,
              span_end: t.span?.end ?? null,
              lead_names: JSON.stringify(t.leadNames ?? []),
              support_names: JSON.stringify(t.supportNames ?? []),
              lead_agency_ids: [...new Set(t.leadAgencyIds ?? [])],
              support_agency_ids: [...new Set(t.supportAgencyIds ?? [])],
              due: t.due ?? null,
              due_text: t.dueText ?? null,
              recurrence: t.recurrence ?? null,
            })),
          )
          .execute();
    }
    // Learn aliases: explicit mappings, and tasks naming exactly one lead mapped to exactly one agency.
    const learned = new Map<string, number>();
    for (const t of input.tasks ?? []) {
      if (t.leadNames?.length === 1 && t.leadAgencyIds?.length === 1)
        learned.set(t.leadNames[0] as string, t.leadAgencyIds[0] as number);
      if (t.supportNames?.length === 1 && t.supportAgencyIds?.length === 1)
        learned.set(t.supportNames[0] as string, t.supportAgencyIds[0] as number);
    }
    for (const m of input.mappings ?? []) learned.set(m.name, m.agencyId);
    for (const [name, agencyId] of learned) {
      if (name.trim() === '') continue;
      await sql`
        insert into agency_aliases (alias, alias_key, agency_id, created_by)
        select ${name.trim()}, k, ${agencyId}, ${user.id} from (select dondoc_fold(${name}) as k) s where k <> ''
        on conflict (alias_key) do update set agency_id = excluded.agency_id, alias = excluded.alias`.execute(
        trx,
      );
    }
    await writeAudit(trx, {
      userId: user.id,
      action: 'document.review',
      entity: 'document',
      entityId: documentId,
      after: {
        fields: changed,
        tasks: input.tasks?.length,
        aliases: [...learned].map(([name, agencyId]) => ({ name, agencyId })),
      },
    });
  });
}

export interface PublishResult {
  taskIds: number[];
  occurrences: number;
  notifications: number;
}

/**
 * Publishes a reviewed draft: every task needs a lead agency from the registry and a
 * valid due date; a due date already past is refused unless `allowPastDue`. Tasks,
 * their agencies (followed to today's successor), occurrences of recurring tasks and
 * the agencies' notifications are written in one transaction with the audit rows.
 */
export async function publishDocument(
  db: Db,
  user: SessionUser,
  documentId: number,
  options: { allowPastDue?: boolean; today?: string } = {},
): Promise<PublishResult> {
  requireOffice(user);
  const today = options.today ?? vietnamDate();
  return db.transaction().execute(async (trx) => {
    const doc = await lockDraft(trx, documentId);
    const drafts = await loadDraftTasks(trx, documentId);
    if (drafts.length === 0)
      throw new AppError(
        'no_tasks',
        422,
        'Văn bản chưa có nhiệm vụ nào để ban hành. Hãy thêm nhiệm vụ trước.',
      );
    const noLead = drafts.filter((d) => d.leadAgencyIds.length === 0);
    if (noLead.length > 0)
      throw new AppError(
        'missing_lead',
        422,
        `Nhiệm vụ ${noLead.map((d) => label(d)).join(', ')} chưa có cơ quan chủ trì trong danh mục. Hãy chọn cơ quan chủ trì cho mọi nhiệm vụ.`,
        { positions: noLead.map((d) => d.position) },
      );
    const allIds = drafts.flatMap((d) => [...d.leadAgencyIds, ...d.supportAgencyIds]);
    await assertAgenciesExist(trx, allIds);
    const past = drafts.filter((d) => d.due !== null && d.due < today);
    if (past.length > 0 && !options.allowPastDue)
      throw new AppError(
        'past_due',
        422,
        `Hạn xử lý của nhiệm vụ ${past.map((d) => `${label(d)} (${formatVi(d.due as string)})`).join(', ')} đã qua. ` +
          'Hãy sửa hạn, hoặc xác nhận ban hành với hạn đã qua.',
        { positions: past.map((d) => d.position), today },
      );
    const current = await currentAgencies(trx, allIds);
    const docLabel = doc.number
      ? `Thông báo số ${doc.number}${doc.notation ? `/${doc.notation}` : ''}`
      : `văn bản «${doc.file_name}»`;

    const taskIds: number[] = [];
    let occurrences = 0;
    let notified = 0;
    const audits: Parameters<typeof writeAudit>[1] = [];
    for (const d of drafts) {
      const leads = d.leadAgencyIds.map((id) => ({ chosen: id, now: current.get(id) ?? id }));
      const leadNow = new Set(leads.map((l) => l.now));
      const supports = d.supportAgencyIds
        .map((id) => ({ chosen: id, now: current.get(id) ?? id }))
        .filter((s) => !leadNow.has(s.now));
      const recurrence = d.recurrence && isRecurrence(d.recurrence) ? d.recurrence : null;
      const base = {
        document_id: documentId,
        ref: d.ref,
        text: d.text,
        span_start: d.span?.start ?? null,
        span_end: d.span?.end ?? null,
        lead_agency_id: leads[0]?.now ?? null,
        due_text: d.dueText,
        recurrence,
        created_by: user.id,
      };
      const task = await trx
        .insertInto('tasks')
        .values({ ...base, due: d.due, original_due: d.due })
        .returning('id')
        .executeTakeFirstOrThrow();
      taskIds.push(task.id);
      const agencyRows = (taskId: number) => {
        const seen = new Set<number>();
        return [
          ...leads.map((l) => ({ ...l, role: 'lead' as const })),
          ...supports.map((s) => ({ ...s, role: 'support' as const })),
        ]
          .filter((r) => {
            if (seen.has(r.now)) return false;
            seen.add(r.now);
            return true;
          })
          .map((r) => ({ task_id: taskId, agency_id: r.now, role: r.role, original_agency_id: r.chosen }));
      };
      const rows = agencyRows(task.id);
      await trx.insertInto('task_agencies').values(rows).execute();
      audits.push({
        userId: user.id,
        action: 'task.create',
        entity: 'task',
        entityId: task.id,
        after: { documentId, due: d.due, leadAgencyIds: leads.map((l) => l.now), recurrence },
      });
      // One notification (and mail) per user of each agency: chủ trì and phối hợp worded apart.
      for (const role of ['lead', 'support'] as const) {
        const agencyIds = rows.filter((r) => r.role === role).map((r) => r.agency_id);
        if (agencyIds.length === 0) continue;
        const res = await notify(trx, {
          kind: role === 'lead' ? 'task.assigned' : 'task.support',
          title:
            role === 'lead'
              ? `Nhiệm vụ mới (chủ trì) theo ${docLabel}`
              : `Nhiệm vụ mới (phối hợp) theo ${docLabel}`,
          body: `${d.text.slice(0, 300)}${d.due ? ` — Hạn: ${formatVi(d.due)}` : ''}`,
          link: `/tasks/${task.id}`,
          taskId: task.id,
          documentId,
          agencyIds,
        });
        notified += res.userIds.length;
      }
      if (recurrence)
        occurrences += await insertOccurrences(trx, task.id, base, recurrence, today, d.due, rows);
    }
    await trx
      .updateTable('documents')
      .set({ status: 'published', published_at: new Date(), published_by: user.id, updated_at: new Date() })
      .where('id', '=', documentId)
      .execute();
    audits.push({
      userId: user.id,
      action: 'document.publish',
      entity: 'document',
      entityId: documentId,
      before: { status: 'draft' },
      after: { status: 'published', taskIds, occurrences, allowPastDue: past.length > 0 },
    });
    await writeAudit(trx, audits);
    return { taskIds, occurrences, notifications: notified };
  });
}

/** Child tasks of a recurring task up to its horizon; idempotent on (parent, due). */
export async function insertOccurrences(
  db: Db,
  parentId: number,
  base: {
    document_id: number;
    ref: string | null;
    text: string;
    span_start: number | null;
    span_end: number | null;
    lead_agency_id: number | null;
    due_text: string | null;
    created_by: number | null;
  },
  recurrence: Recurrence,
  from: string,
  parentDue: string | null,
  agencies: Array<{ agency_id: number; role: 'lead' | 'support'; original_agency_id: number | null }>,
): Promise<number> {
  const dates = planOccurrences(recurrence, from, parentDue);
  if (dates.length === 0) return 0;
  const inserted = await db
    .insertInto('tasks')
    .values(
      dates.map((due) => ({
        ...base,
        recurrence,
        due,
        original_due: due,
        parent_task_id: parentId,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['parent_task_id', 'due']).where('parent_task_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .execute();
  if (inserted.length > 0 && agencies.length > 0)
    await db
      .insertInto('task_agencies')
      .values(
        inserted.flatMap((t) =>
          agencies.map((a) => ({
            task_id: t.id,
            agency_id: a.agency_id,
            role: a.role,
            original_agency_id: a.original_agency_id,
          })),
        ),
      )
      .execute();
  return inserted.length;
}

function label(d: DraftTaskView): string {
  return d.ref ? `${d.ref}` : `#${d.position + 1}`;
}

export function formatVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
