/** Direct inserts for tests that need documents/tasks without going through the import flow. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/index.ts';
import type { DocumentStatus, TaskStatus } from '../../src/db/schema.ts';

export async function insertDocument(
  db: Db,
  opts: { text?: string; subject?: string; number?: string; status?: DocumentStatus; docDate?: string } = {},
): Promise<{ id: number }> {
  const text = opts.text ?? `THÔNG BÁO KẾT LUẬN thử nghiệm ${randomBytes(4).toString('hex')}`;
  return db
    .insertInto('documents')
    .values({
      status: opts.status ?? 'published',
      file_name: 'thong-bao.txt',
      format: 'txt',
      content_hash: createHash('sha256').update(text).update(randomBytes(8)).digest('hex'),
      original: Buffer.from(text),
      text,
      record: { schema: 'notice@1' },
      number: opts.number ?? null,
      subject: opts.subject ?? null,
      doc_date: opts.docDate ?? null,
      published_at: (opts.status ?? 'published') === 'published' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertTask(
  db: Db,
  opts: {
    documentId: number;
    text: string;
    leadAgencyId?: number | null;
    supportAgencyIds?: number[];
    status?: TaskStatus;
    due?: string | null;
    ref?: string;
  },
): Promise<{ id: number }> {
  const task = await db
    .insertInto('tasks')
    .values({
      document_id: opts.documentId,
      text: opts.text,
      ref: opts.ref ?? null,
      lead_agency_id: opts.leadAgencyId ?? null,
      due: opts.due ?? null,
      status: opts.status ?? 'not_started',
      completed_at: opts.status === 'done' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [
    ...(opts.leadAgencyId ? [{ task_id: task.id, agency_id: opts.leadAgencyId, role: 'lead' as const }] : []),
    ...(opts.supportAgencyIds ?? []).map((id) => ({
      task_id: task.id,
      agency_id: id,
      role: 'support' as const,
    })),
  ];
  if (rows.length) await db.insertInto('task_agencies').values(rows).execute();
  return task;
}
