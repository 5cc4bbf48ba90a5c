// The iCalendar feed of an agency's deadlines and its access token. The token's SHA-256 hash is
// kept in `settings` under `calendar.feedToken.<agencyId>`; issuing a new one replaces it.
import { type SqlBool, sql } from 'kysely';
import { audit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { bucketSql, countableTaskWhere } from '../tasks/buckets.ts';
import {
  buildAgencyCalendar,
  type CalendarTask,
  feedTokenMatches,
  hashFeedToken,
  newFeedToken,
} from './calendar.ts';
import type { BucketName } from './model.ts';
import { addDays, todayInVietnam } from './periods.ts';
import { agencyWithPredecessors, documentNumber, readSetting, writeSetting } from './repository.ts';

export const feedTokenKey = (agencyId: number) => `calendar.feedToken.${agencyId}`;
/** Done tasks stay in the feed this many days after their deadline. */
export const DONE_KEEP_DAYS = 180;
export const MAX_EVENTS = 2000;

export async function issueFeedToken(db: Db, agencyId: number, userId: number): Promise<string> {
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('Không tìm thấy cơ quan, đơn vị.');
  const token = newFeedToken();
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, feedTokenKey(agencyId), hashFeedToken(token), userId);
    await audit(trx, { userId, action: 'calendar.token_issue', entity: 'agency', entityId: agencyId });
  });
  return token;
}

export async function revokeFeedToken(db: Db, agencyId: number, userId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('settings').where('key', '=', feedTokenKey(agencyId)).executeTakeFirst();
    const revoked = Number(res.numDeletedRows) > 0;
    if (revoked)
      await audit(trx, { userId, action: 'calendar.token_revoke', entity: 'agency', entityId: agencyId });
    return revoked;
  });
}

/** The feed, or null when the token does not match (or the agency has no feed). */
export async function calendarFeed(
  db: Db,
  agencyId: number,
  token: string,
  now = new Date(),
): Promise<string | null> {
  const stored = await readSetting(db, feedTokenKey(agencyId));
  if (typeof stored !== 'string' || !feedTokenMatches(token, stored)) return null;
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) return null;
  const ids = await agencyWithPredecessors(db, agencyId);
  const today = todayInVietnam(now);
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('documents', 'documents.id', 'tasks.document_id')
    .leftJoin('agencies as lead', 'lead.id', 'tasks.lead_agency_id')
    .where(countableTaskWhere())
    .where('documents.status', '<>', 'draft')
    .where('tasks.due', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('tasks.lead_agency_id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('task_agencies as ta')
            .select('ta.id')
            .whereRef('ta.task_id', '=', 'tasks.id')
            .where('ta.agency_id', 'in', ids),
        ),
      ]),
    )
    .where(sql<SqlBool>`(tasks.status <> 'done' or tasks.due >= ${addDays(today, -DONE_KEEP_DAYS)}::date)`)
    .select([
      'tasks.id',
      'tasks.text',
      'tasks.due',
      'tasks.status',
      'tasks.lead_agency_id',
      'documents.number',
      'documents.notation',
      'documents.doc_date',
      'lead.name as lead_name',
      bucketSql(today).as('bucket'),
    ])
    .orderBy('tasks.due', 'asc')
    .orderBy('tasks.id')
    .limit(MAX_EVENTS)
    .execute();
  const tasks: CalendarTask[] = rows.map((r) => ({
    id: r.id,
    text: r.text,
    due: r.due as string,
    documentNumber: documentNumber(r.number, r.notation),
    documentDate: r.doc_date,
    role: r.lead_agency_id !== null && ids.includes(r.lead_agency_id) ? 'lead' : 'support',
    leadAgencyName: r.lead_name,
    bucket: r.bucket as BucketName,
    done: r.status === 'done',
  }));
  const appUrl = await readSetting(db, 'app.publicUrl').catch(() => null);
  return buildAgencyCalendar(tasks, {
    agencyName: agency.name,
    appUrl: typeof appUrl === 'string' ? appUrl : null,
    now,
  });
}
