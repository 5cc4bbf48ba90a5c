/**
 * Documents: import (file → text → notice@1 record → draft), review, publish.
 * Each import is one transaction: a document row with its draft tasks, or nothing.
 */
import { createHash } from 'node:crypto';
import { asciiKey, currentProvinceOf, extract, type Notice } from '@dondoc/core';
import { sql } from 'kysely';
import { suggestAgencies } from '../agencies/service.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { convertToText, isIngestError } from '../ingest/index.ts';
import { writeAudit } from '../tasks/audit-rows.ts';

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  contentType?: string | undefined;
  userId: number | null;
}

export interface ImportOutcome {
  documentId: number;
  duplicate: boolean;
}

export interface StoredWarning {
  code: string;
  message: string;
  span?: { start: number; end: number };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A full calendar date or null ("2020-12" with a blank day stays in the record only). */
export function fullDate(s: string | null | undefined): string | null {
  if (!s || !ISO_DAY.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : null;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** Turns the bytes into text; ingest errors become AppErrors with their status and message. */
export async function fileToText(
  input: Pick<ImportInput, 'fileName' | 'bytes' | 'contentType'>,
  maxBytes?: number,
): Promise<{ text: string; format: string; warnings: string[] }> {
  try {
    const r = await convertToText(
      {
        bytes: input.bytes,
        fileName: input.fileName,
        ...(input.contentType ? { contentType: input.contentType } : {}),
      },
      maxBytes === undefined ? {} : { maxBytes },
    );
    return { text: r.text, format: r.format, warnings: r.warnings };
  } catch (err) {
    if (isIngestError(err)) throw new AppError(err.code, err.status, err.message, err.details);
    throw err;
  }
}

/**
 * Imports one file as a draft. The same bytes again return the existing document
 * (`duplicate: true`) and write nothing, also when two imports of one file race.
 */
export async function importDocument(
  db: Db,
  input: ImportInput,
  options: { maxBytes?: number } = {},
): Promise<ImportOutcome> {
  const hash = sha256(input.bytes);
  const existing = await db
    .selectFrom('documents')
    .select('id')
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  if (existing) return { documentId: existing.id, duplicate: true };

  const converted = await fileToText(input, options.maxBytes);
  const notice: Notice = extract(converted.text);
  const warnings: StoredWarning[] = [
    ...converted.warnings.map((message) => ({ code: 'ingest', message })),
    ...notice.warnings.map((w) => ({
      code: w.code,
      message: w.message,
      ...(w.span ? { span: w.span } : {}),
    })),
  ];
  try {
    return await db.transaction().execute(async (trx) => {
      const doc = await trx
        .insertInto('documents')
        .values({
          file_name: input.fileName.slice(0, 255) || 'tep-khong-ten',
          format: converted.format,
          content_hash: hash,
          original: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
          text: notice.text,
          record: JSON.stringify(recordOf(notice)),
          warnings: JSON.stringify(warnings),
          number: notice.number,
          notation: notice.notation,
          doc_type: notice.docType,
          issuer: notice.issuer,
          place: notice.place,
          doc_date: fullDate(notice.date),
          subject: notice.subject,
          created_by: input.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (notice.tasks.length > 0) {
        const names = notice.tasks.flatMap((t) => [...t.lead, ...t.support]);
        const suggested = await resolveAliases(trx, names);
        for (const [name, id] of await matchExactNames(trx, names, notice.place)) {
          if (!suggested.has(name)) suggested.set(name, id);
        }
        await trx
          .insertInto('draft_tasks')
          .values(
            notice.tasks.map((t, i) => ({
              document_id: doc.id,
              position: i,
              ref: t.ref,
              text: t.text,
              span_start: t.span.start,
              span_end: t.span.end,
              lead_names: JSON.stringify(t.lead),
              support_names: JSON.stringify(t.support),
              lead_agency_ids: uniqueIds(t.lead.map((n) => suggested.get(n))),
              support_agency_ids: uniqueIds(t.support.map((n) => suggested.get(n))),
              due: fullDate(t.due),
              due_text: t.dueText,
              recurrence: t.recurrence,
            })),
          )
          .execute();
      }
      await writeAudit(trx, {
        userId: input.userId,
        action: 'document.import',
        entity: 'document',
        entityId: doc.id,
        after: { fileName: input.fileName, format: converted.format, hash, tasks: notice.tasks.length },
      });
      return { documentId: doc.id, duplicate: false };
    });
  } catch (err) {
    // Another import of the same file won the race: answer with its document.
    if (isUniqueViolation(err)) {
      const again = await db
        .selectFrom('documents')
        .select('id')
        .where('content_hash', '=', hash)
        .executeTakeFirst();
      if (again) return { documentId: again.id, duplicate: true };
    }
    throw err;
  }
}

/** The record without `text` (stored in its own column). */
function recordOf(n: Notice): Omit<Notice, 'text'> {
  const { text: _text, ...rest } = n;
  return rest;
}

function uniqueIds(ids: Array<number | undefined>): number[] {
  return [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
}

/**
 * Names that are, folded, exactly one registry agency's name in the notice's province
 * ("Sở Tài chính" in a notice from Kiên Giang → Sở Tài chính, Kiên Giang): mapped at
 * import so the officer only reviews them. Group names ("các sở, ngành liên quan") and
 * ambiguous ones stay for the officer to choose.
 */
export async function matchExactNames(
  db: Db,
  names: string[],
  place: string | null,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const province = place ? (currentProvinceOf(place) ? place : null) : null;
  for (const name of [...new Set(names.filter((n) => n.trim() !== ''))].slice(0, 100)) {
    const exact = (await suggestAgencies(db, name, { province: province ?? undefined, limit: 8 })).filter(
      (s) => s.reason === 'exact',
    );
    const inProvince = province
      ? exact.filter((s) => s.agency.province !== null && asciiKey(s.agency.province) === asciiKey(province))
      : [];
    const pick = inProvince.length === 1 ? inProvince[0] : exact.length === 1 ? exact[0] : undefined;
    if (pick) out.set(name, pick.agency.id);
  }
  return out;
}

/**
 * Names the officers have already mapped (agency_aliases, keyed by the folded name),
 * followed to the current successor of a dissolved agency.
 */
export async function resolveAliases(db: Db, names: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const distinct = [...new Set(names.filter((n) => n.trim() !== ''))];
  if (distinct.length === 0) return out;
  const rows = await sql<{ name: string; agency_id: number }>`
    select n.name, a.agency_id
    from unnest(${distinct}::text[]) as n(name)
    join agency_aliases a on a.alias_key = dondoc_fold(n.name)`.execute(db);
  const successors = await currentAgencies(
    db,
    rows.rows.map((r) => r.agency_id),
  );
  for (const r of rows.rows) out.set(r.name, successors.get(r.agency_id) ?? r.agency_id);
  return out;
}

/**
 * Follows `successor_id` from each id to the agency that exists today (mergers of
 * 1 July 2025: Sở TT&TT → Sở KH&CN ...). Cycles are cut after 20 steps.
 */
export async function currentAgencies(db: Db, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return out;
  const rows = await sql<{ start: number; id: number }>`
    with recursive chain(start, id, successor_id, depth) as (
      select a.id, a.id, a.successor_id, 0 from agencies a where a.id = any(${distinct}::int[])
      union all
      select c.start, a.id, a.successor_id, c.depth + 1
      from chain c join agencies a on a.id = c.successor_id
      where c.depth < 20
    )
    select distinct on (start) start, id from chain order by start, depth desc`.execute(db);
  for (const r of rows.rows) out.set(r.start, r.id);
  return out;
}
