/**
 * Tops up the occurrences of open recurring tasks as time passes (see ./recurrence.ts):
 * for each recurring parent not done, occurrences from `asOf` to the horizon are added
 * when missing (unique (parent, due), so running it twice adds nothing). Meant for a
 * daily job (the reminders runner) or `dondoc` maintenance; returns the rows added.
 */
import type { Db } from '../db/index.ts';
import { insertOccurrences } from '../documents/review.ts';
import { writeAudit } from './audit-rows.ts';
import { vietnamDate } from './buckets.ts';
import { isRecurrence } from './recurrence.ts';

export async function topUpOccurrences(db: Db, asOf: string = vietnamDate()): Promise<number> {
  const parents = await db
    .selectFrom('tasks')
    .selectAll()
    .where('recurrence', 'is not', null)
    .where('parent_task_id', 'is', null)
    .where('status', '<>', 'done')
    .where((eb) => eb.or([eb('due', 'is', null), eb('due', '>=', asOf)]))
    .orderBy('id')
    .execute();
  let added = 0;
  for (const p of parents) {
    if (!isRecurrence(p.recurrence)) continue;
    const recurrence = p.recurrence;
    added += await db.transaction().execute(async (trx) => {
      const agencies = await trx
        .selectFrom('task_agencies')
        .select(['agency_id', 'role', 'original_agency_id'])
        .where('task_id', '=', p.id)
        .execute();
      const n = await insertOccurrences(
        trx,
        p.id,
        {
          document_id: p.document_id,
          ref: p.ref,
          text: p.text,
          span_start: p.span_start,
          span_end: p.span_end,
          lead_agency_id: p.lead_agency_id,
          due_text: p.due_text,
          created_by: null,
        },
        recurrence,
        asOf,
        p.due,
        agencies,
      );
      if (n > 0)
        await writeAudit(trx, {
          userId: null,
          action: 'task.occurrences',
          entity: 'task',
          entityId: p.id,
          after: { added: n, asOf },
        });
      return n;
    });
  }
  return added;
}
