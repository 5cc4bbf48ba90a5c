/**
 * Search over documents and tasks, with or without diacritics and with either tone
 * placement: the query is folded like the `search_text` columns (dondoc_fold =
 * asciiKey), every word must occur, and trigram GIN indexes serve the LIKEs.
 */

import { asciiKey } from '@dondoc/core';
import { sql } from 'kysely';
import { agencyScope, taskInScope } from '../auth/access.ts';
import type { Db } from '../db/index.ts';
import type { DocumentStatus, TaskStatus } from '../db/schema.ts';
import { badRequest } from '../errors.ts';
import type { SessionUser } from '../http/types.ts';

export interface DocumentHit {
  id: number;
  status: DocumentStatus;
  number: string | null;
  subject: string | null;
  docDate: string | null;
  fileName: string;
  snippet: string;
  score: number;
}

export interface TaskHit {
  id: number;
  documentId: number;
  documentNumber: string | null;
  ref: string | null;
  text: string;
  status: TaskStatus;
  due: string | null;
  leadAgencyId: number | null;
  leadAgencyName: string | null;
  score: number;
}

/** Folds one character the way asciiKey does, so positions map 1:1 onto the original. */
function foldChar(c: string): string {
  const f = c
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  return /^[a-z0-9]$/.test(f) ? f : ' ';
}

/** About `width` characters of `text` around the first occurrence of the query's words. */
export function snippet(text: string, key: string, width = 200): string {
  const src = text.normalize('NFC');
  const chars = [...src];
  const folded = chars.map(foldChar).join('');
  const words = key.split(' ').filter(Boolean);
  let at = folded.indexOf(key);
  if (at < 0) at = words.map((w) => folded.indexOf(w)).find((i) => i >= 0) ?? 0;
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(chars.length, start + width);
  const piece = chars.slice(start, end).join('').replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${piece}${end < chars.length ? '…' : ''}`;
}

export async function search(
  db: Db,
  user: SessionUser,
  q: string,
  limit: number,
): Promise<{ query: string; documents: DocumentHit[]; tasks: TaskHit[] }> {
  const key = asciiKey(q);
  if (!key) throw badRequest('Từ khóa tìm kiếm phải có ít nhất một chữ hoặc số.');
  const words = [...new Set(key.split(' '))].slice(0, 12);
  const scope = await agencyScope(db, user);

  let tq = db
    .selectFrom('tasks')
    .innerJoin('documents as d', 'd.id', 'tasks.document_id')
    .leftJoin('agencies as a', 'a.id', 'tasks.lead_agency_id');
  for (const w of words) tq = tq.where('tasks.search_text', 'like', `%${w}%`);
  if (scope) tq = tq.where(taskInScope(scope));
  const tasks = await tq
    .select([
      'tasks.id',
      'tasks.document_id as documentId',
      'd.number as documentNumber',
      'tasks.ref',
      'tasks.text',
      'tasks.status',
      'tasks.due',
      'tasks.lead_agency_id as leadAgencyId',
      'a.name as leadAgencyName',
      sql<number>`word_similarity(${key}, tasks.search_text)::float8`.as('score'),
    ])
    .orderBy('score', 'desc')
    .orderBy('tasks.id', 'desc')
    .limit(limit)
    .execute();

  let dq = db.selectFrom('documents');
  for (const w of words) dq = dq.where('documents.search_text', 'like', `%${w}%`);
  // Drafts are the office's working material; others see published (and archived) notices.
  if (user.role !== 'admin' && user.role !== 'officer') dq = dq.where('documents.status', '<>', 'draft');
  if (scope) {
    const s = scope;
    dq = dq.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('tasks')
          .select('tasks.id')
          .whereRef('tasks.document_id', '=', 'documents.id')
          .where((eb) => taskInScope(s)(eb as never)),
      ),
    );
  }
  const docs = await dq
    .select([
      'documents.id',
      'documents.status',
      'documents.number',
      'documents.subject',
      'documents.doc_date as docDate',
      'documents.file_name as fileName',
      'documents.text',
      sql<number>`word_similarity(${key}, documents.search_text)::float8`.as('score'),
    ])
    .orderBy('score', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute();
  return {
    query: key,
    documents: docs.map(({ text, ...d }) => ({ ...d, snippet: snippet(text, key) })),
    tasks,
  };
}
