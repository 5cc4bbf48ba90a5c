/**
 * Agency registry with succession. Since 1 July 2025 provinces and departments merged
 * (e.g. Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ); a succession moves
 * the open tasks to the successor and keeps the original agency on each task row so
 * history still shows the old name.
 */

import { asciiKey } from '@dondoc/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { audit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { AgencyType, Database } from '../db/schema.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';
import { type AgencyView, finalSuccessor, findAgencies, similarAgencies, toView } from './repository.ts';

export { asciiKey };

export async function listAgencies(
  db: Db,
  q: {
    q?: string | undefined;
    province?: string | undefined;
    type?: AgencyType | undefined;
    includeDissolved?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: AgencyView[]; total: number }> {
  let query = db.selectFrom('agencies');
  if (!q.includeDissolved) query = query.where('dissolved_at', 'is', null);
  if (q.province) query = query.where(sql`dondoc_fold(province)`, '=', asciiKey(q.province));
  if (q.type) query = query.where('type', '=', q.type);
  const key = q.q ? asciiKey(q.q) : '';
  if (key) for (const w of key.split(' ')) query = query.where('search_text', 'like', `%${w}%`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('province')
    .orderBy('name')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(toView), total: total.n };
}

export async function getAgency(db: Db, id: number): Promise<AgencyView & { predecessors: AgencyView[] }> {
  const a = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('Không tìm thấy cơ quan.');
  const preds = await db
    .selectFrom('agencies')
    .selectAll()
    .where('successor_id', '=', id)
    .orderBy('name')
    .execute();
  return { ...toView(a), predecessors: preds.map(toView) };
}

export interface AgencyInput {
  name: string;
  shortName?: string | null | undefined;
  type?: AgencyType | undefined;
  province?: string | null | undefined;
  parentId?: number | null | undefined;
}

async function checkParent(db: Db, parentId: number | null | undefined, selfId?: number) {
  if (parentId === null || parentId === undefined) return;
  if (parentId === selfId) throw badRequest('Cơ quan không thể là cơ quan cấp trên của chính nó.');
  const p = await db.selectFrom('agencies').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!p) throw badRequest('Cơ quan cấp trên không tồn tại.');
}

export async function createAgency(db: Db, actor: SessionUser, input: AgencyInput): Promise<AgencyView> {
  await checkParent(db, input.parentId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('agencies')
      .values({
        name: input.name.normalize('NFC').trim(),
        short_name: input.shortName?.normalize('NFC').trim() || null,
        type: input.type ?? 'department',
        province: input.province?.normalize('NFC').trim() || null,
        parent_id: input.parentId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      userId: actor.id,
      action: 'agency.create',
      entity: 'agency',
      entityId: row.id,
      after: row,
    });
    return toView(row);
  });
}

export async function updateAgency(
  db: Db,
  actor: SessionUser,
  id: number,
  patch: Partial<AgencyInput>,
): Promise<AgencyView> {
  const before = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Không tìm thấy cơ quan.');
  await checkParent(db, patch.parentId, id);
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable('agencies')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.normalize('NFC').trim() } : {}),
        ...(patch.shortName !== undefined
          ? { short_name: patch.shortName?.normalize('NFC').trim() || null }
          : {}),
        ...(patch.type !== undefined ? { type: patch.type } : {}),
        ...(patch.province !== undefined
          ? { province: patch.province?.normalize('NFC').trim() || null }
          : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      userId: actor.id,
      action: 'agency.update',
      entity: 'agency',
      entityId: id,
      before,
      after,
    });
    return toView(after);
  });
}

export interface Suggestion {
  agency: AgencyView;
  score: number;
  /** learned: an officer chose it for this name before; exact; similar; successor: the
   *  agency that took over a dissolved match. */
  reason: 'learned' | 'exact' | 'similar' | 'successor';
}

/**
 * Registry agencies for a name as written in a notice: learned corrections first, then
 * exact and trigram matches on the folded name (no diacritics, any tone placement); a
 * dissolved match is followed by its current successor. `province` puts that
 * province's agencies first.
 */
export async function suggestAgencies(
  db: Db,
  name: string,
  opts: { province?: string | undefined; limit?: number | undefined } = {},
): Promise<Suggestion[]> {
  const key = asciiKey(name);
  const limit = opts.limit ?? 8;
  if (!key) return [];
  const out: Suggestion[] = [];
  const seen = new Set<number>();
  const push = (s: Suggestion) => {
    if (seen.has(s.agency.id) || out.length >= limit) return;
    seen.add(s.agency.id);
    out.push(s);
  };
  const withSuccessor = async (s: Suggestion) => {
    push(s);
    if (s.agency.dissolvedAt !== null || s.agency.successorId !== null) {
      const succ = await finalSuccessor(db, s.agency.id);
      if (succ && succ.id !== s.agency.id)
        push({ agency: toView(succ), score: s.score, reason: 'successor' });
    }
  };

  const learned = await db
    .selectFrom('agency_aliases as l')
    .innerJoin('agencies as a', 'a.id', 'l.agency_id')
    .selectAll('a')
    .where('l.alias_key', '=', key)
    .execute();
  for (const a of learned) await withSuccessor({ agency: toView(a), score: 1, reason: 'learned' });

  const provinceKey = opts.province ? asciiKey(opts.province) : '';
  const candidates = await similarAgencies(db, key, 30);
  // Exact name = 1; the notice's own province adds 0.2 so that its "Sở Y tế" comes before
  // the other provinces' ones, without letting a merely similar name beat an exact one.
  const ranked = candidates
    .map((a) => {
      const exact = a.search_text === key || asciiKey(a.name) === key;
      const sameProvince = provinceKey !== '' && a.province !== null && asciiKey(a.province) === provinceKey;
      const score = exact ? 1 : a.score;
      return { a, exact, score, rank: score + (sameProvince ? 0.2 : 0) };
    })
    .sort(
      (x, y) =>
        y.rank - x.rank ||
        Number(x.a.dissolved_at !== null) - Number(y.a.dissolved_at !== null) ||
        x.a.id - y.a.id,
    );
  for (const r of ranked) {
    const score = Math.round(r.score * 1000) / 1000;
    await withSuccessor({ agency: toView(r.a), score, reason: r.exact ? 'exact' : 'similar' });
  }
  return out;
}

/** Remembers that `alias` (as written in a notice) means `agencyId`; later suggestions put it first. */
export async function learnAlias(
  trx: Transaction<Database> | Kysely<Database>,
  actorId: number | null,
  alias: string,
  agencyId: number,
): Promise<void> {
  const key = asciiKey(alias);
  if (!key) throw badRequest('Tên cơ quan trống.');
  const before = await trx
    .selectFrom('agency_aliases')
    .selectAll()
    .where('alias_key', '=', key)
    .executeTakeFirst();
  if (before?.agency_id === agencyId) return;
  await trx
    .insertInto('agency_aliases')
    .values({
      alias: alias.normalize('NFC').trim(),
      alias_key: key,
      agency_id: agencyId,
      created_by: actorId,
    })
    .onConflict((oc) =>
      oc
        .column('alias_key')
        .doUpdateSet({ agency_id: agencyId, alias: alias.normalize('NFC').trim(), created_by: actorId }),
    )
    .execute();
  await audit(trx, {
    userId: actorId,
    action: 'agency.alias',
    entity: 'agency',
    entityId: agencyId,
    before: before ?? null,
    after: { alias, alias_key: key, agency_id: agencyId },
  });
}

export interface SuccessionInput {
  fromIds: number[];
  toId: number;
  /** 'YYYY-MM-DD' */
  effectiveDate: string;
  note?: string | undefined;
}

export interface SuccessionResult {
  successor: AgencyView;
  dissolved: AgencyView[];
  movedTaskIds: number[];
}

/**
 * The agencies `fromIds` are dissolved into `toId` on `effectiveDate`: every task not yet
 * done moves its lead/support rows to the successor (original_agency_id keeps the old
 * agency), and the old agencies get successor_id + dissolved_at. One transaction, audited.
 */
export async function recordSuccession(
  db: Db,
  actor: SessionUser,
  input: SuccessionInput,
): Promise<SuccessionResult> {
  const fromIds = [...new Set(input.fromIds)];
  if (fromIds.length === 0) throw badRequest('Cần chọn ít nhất một cơ quan cũ.');
  if (fromIds.includes(input.toId))
    throw badRequest('Cơ quan kế thừa không thể đồng thời là cơ quan bị giải thể.');
  return db.transaction().execute(async (trx) => {
    const to = await trx
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', input.toId)
      .forUpdate()
      .executeTakeFirst();
    if (!to) throw notFound('Không tìm thấy cơ quan kế thừa.');
    if (to.dissolved_at !== null || to.successor_id !== null)
      throw new AppError('agency_dissolved', 409, `Cơ quan kế thừa "${to.name}" đã giải thể hoặc sáp nhập.`);
    const from = await trx
      .selectFrom('agencies')
      .selectAll()
      .where('id', 'in', fromIds)
      .forUpdate()
      .execute();
    const missing = fromIds.filter((id) => !from.some((a) => a.id === id));
    if (missing.length) throw notFound(`Không tìm thấy cơ quan: ${missing.join(', ')}.`);
    const gone = from.filter((a) => a.dissolved_at !== null || a.successor_id !== null);
    if (gone.length)
      throw new AppError(
        'agency_dissolved',
        409,
        `Cơ quan đã giải thể hoặc sáp nhập trước đó: ${gone.map((a) => a.name).join('; ')}.`,
      );

    // Task rows of open tasks (anything not done), in a stable order.
    const rows = await trx
      .selectFrom('task_agencies as ta')
      .innerJoin('tasks as t', 't.id', 'ta.task_id')
      .select(['ta.id', 'ta.task_id', 'ta.agency_id', 'ta.role', 'ta.original_agency_id'])
      .where('ta.agency_id', 'in', fromIds)
      .where('t.status', '<>', 'done')
      .orderBy('ta.task_id')
      .orderBy('ta.role')
      .execute();
    const moved = new Set<number>();
    for (const r of rows) {
      const existing = await trx
        .selectFrom('task_agencies')
        .select(['id', 'role'])
        .where('task_id', '=', r.task_id)
        .where('agency_id', '=', input.toId)
        .executeTakeFirst();
      if (existing) {
        // The successor is already on the task (two merged agencies, or it already supported):
        // keep one row, with the stronger role.
        if (r.role === 'lead' && existing.role !== 'lead')
          await trx
            .updateTable('task_agencies')
            .set({ role: 'lead' })
            .where('id', '=', existing.id)
            .execute();
        await trx.deleteFrom('task_agencies').where('id', '=', r.id).execute();
      } else {
        await trx
          .updateTable('task_agencies')
          .set({ agency_id: input.toId, original_agency_id: r.original_agency_id ?? r.agency_id })
          .where('id', '=', r.id)
          .execute();
      }
      moved.add(r.task_id);
    }
    const leadMoved = await trx
      .updateTable('tasks')
      .set({ lead_agency_id: input.toId, updated_at: sql<Date>`now()` })
      .where('lead_agency_id', 'in', fromIds)
      .where('status', '<>', 'done')
      .returning('id')
      .execute();
    for (const t of leadMoved) moved.add(t.id);

    const dissolved = await trx
      .updateTable('agencies')
      .set({ successor_id: input.toId, dissolved_at: input.effectiveDate, updated_at: sql<Date>`now()` })
      .where('id', 'in', fromIds)
      .returningAll()
      .execute();
    const movedTaskIds = [...moved].sort((a, b) => a - b);
    for (const a of dissolved) {
      const b = from.find((x) => x.id === a.id);
      await audit(trx, {
        userId: actor.id,
        action: 'agency.dissolve',
        entity: 'agency',
        entityId: a.id,
        before: b,
        after: a,
      });
    }
    await audit(trx, {
      userId: actor.id,
      action: 'agency.succession',
      entity: 'agency',
      entityId: input.toId,
      before: { agencies: from },
      after: {
        fromIds,
        toId: input.toId,
        effectiveDate: input.effectiveDate,
        note: input.note ?? null,
        movedTaskIds,
      },
    });
    return { successor: toView(to), dissolved: dissolved.map(toView), movedTaskIds };
  });
}

export { findAgencies };
