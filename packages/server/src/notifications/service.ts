/**
 * In-app notifications, one row per user, and the mail that goes with them (queued as `mail`
 * jobs in the same transaction, so a notification and its mail exist together or not at all).
 *
 * Other domains call `notify(trx, {...})` inside their own transaction, e.g. on publish:
 *   await notify(trx, { kind: 'task.assigned', agencyIds: [leadId], taskId, documentId,
 *                       title: 'Nhiệm vụ mới được giao', body: task.text, link: `/tasks/${taskId}` });
 */
import { sql } from 'kysely';
import type { Role } from '../db/schema.ts';
import { type MailContent, notificationMail } from '../mail/templates.ts';
import { type DbOrTrx, type EnqueueInput, enqueueJobs } from '../reminders/jobs.ts';
import { loadPublicUrl } from '../reminders/settings.ts';
import '../reminders/tables.ts';

export const MAIL_JOB = 'mail';

export interface Recipient {
  id: number;
  displayName: string;
  email: string | null;
  agencyId: number | null;
  role: Role;
}

export interface NotifyInput {
  /** 'task.assigned', 'task.returned', 'extension.decided', 'reminder.before', ... */
  kind: string;
  title: string;
  body?: string;
  /** The page to open, relative to the web application ('/tasks/12') or absolute. */
  link?: string | null;
  taskId?: number | null;
  documentId?: number | null;
  /** Recipients: these users, every active user of these agencies, every active user with these roles. */
  userIds?: number[];
  agencyIds?: number[];
  roles?: Role[];
  /** Users not to notify (e.g. the one who acted). */
  excludeUserIds?: number[];
  /** With a key, a user is notified once for it however often notify() is called. */
  dedupeKey?: string | null;
  /** Send mail too (default true): true = the generic Vietnamese mail; a function = custom content. */
  email?: boolean | ((user: Recipient, baseUrl: string) => MailContent);
  now?: Date;
  /** Base URL of the web application for mail links (default: setting app.publicUrl, DONDOC_PUBLIC_URL). */
  baseUrl?: string;
}

export interface NotifyResult {
  /** Users notified now (not those already notified under the same dedupe key). */
  userIds: number[];
  mailsQueued: number;
}

export async function findRecipients(
  db: DbOrTrx,
  who: Pick<NotifyInput, 'userIds' | 'agencyIds' | 'roles' | 'excludeUserIds'>,
): Promise<Recipient[]> {
  const userIds = who.userIds ?? [];
  const agencyIds = who.agencyIds ?? [];
  const roles = who.roles ?? [];
  if (userIds.length + agencyIds.length + roles.length === 0) return [];
  let q = db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'agency_id', 'role'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb('id', 'in', userIds)] : []),
        ...(agencyIds.length ? [eb('agency_id', 'in', agencyIds)] : []),
        ...(roles.length ? [eb('role', 'in', roles)] : []),
      ]),
    )
    .orderBy('id');
  if (who.excludeUserIds?.length) q = q.where('id', 'not in', who.excludeUserIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    email: r.email,
    agencyId: r.agency_id,
    role: r.role,
  }));
}

const EMAIL_RE = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/** Creates the notifications (and queues their mail). Call it inside the caller's transaction. */
export async function notify(db: DbOrTrx, input: NotifyInput): Promise<NotifyResult> {
  const recipients = await findRecipients(db, input);
  if (recipients.length === 0) return { userIds: [], mailsQueued: 0 };
  const now = input.now ?? new Date();
  const rows = recipients.map((r) => ({
    user_id: r.id,
    agency_id: r.agencyId,
    kind: input.kind,
    task_id: input.taskId ?? null,
    document_id: input.documentId ?? null,
    title: input.title,
    body: input.body ?? '',
    link: input.link ?? null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: now,
  }));
  const inserted = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning(['id', 'user_id'])
    .execute();
  const byUser = new Map(recipients.map((r) => [r.id, r]));
  const fresh = inserted.map((n) => ({
    notificationId: n.id,
    user: byUser.get(n.user_id as number) as Recipient,
  }));

  let mailsQueued = 0;
  if (input.email !== false) {
    const withMail = fresh.filter((f) => f.user.email && EMAIL_RE.test(f.user.email.trim()));
    if (withMail.length) {
      const baseUrl = input.baseUrl ?? (await loadPublicUrl(db));
      const jobs: EnqueueInput[] = withMail.map(({ notificationId, user }) => {
        const content =
          typeof input.email === 'function'
            ? input.email(user, baseUrl)
            : notificationMail(input.title, input.body ?? '', {
                baseUrl,
                link: input.link ?? null,
                recipientName: user.displayName,
              });
        return {
          kind: MAIL_JOB,
          payload: { to: (user.email as string).trim(), userId: user.id, notificationId, ...content },
          dedupeKey: input.dedupeKey
            ? `mail:${input.dedupeKey}:${user.id}`
            : `mail:notification:${notificationId}`,
          runAt: now,
        };
      });
      mailsQueued = await enqueueJobs(db, jobs, now);
    }
  }
  return { userIds: fresh.map((f) => f.user.id), mailsQueued };
}

// --- reading ---------------------------------------------------------------------------------

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  taskId: number | null;
  documentId: number | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

/** Mine: addressed to me, or to my agency as a whole (rows other code may create). */
function mine(user: { id: number; agencyId: number | null }) {
  return sql<boolean>`(notifications.user_id = ${user.id}${
    user.agencyId === null
      ? sql``
      : sql` or (notifications.user_id is null and notifications.agency_id = ${user.agencyId})`
  })`;
}

export async function listNotifications(
  db: DbOrTrx,
  user: { id: number; agencyId: number | null },
  q: { page: number; pageSize: number; unreadOnly?: boolean },
): Promise<{ items: NotificationView[]; total: number; unread: number }> {
  let base = db.selectFrom('notifications').where(mine(user));
  const counts = await base
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where read_at is null)::int`.as('unread'),
    ])
    .executeTakeFirstOrThrow();
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const rows = await base
    .select(['id', 'kind', 'title', 'body', 'link', 'task_id', 'document_id', 'read_at', 'created_at'])
    // Unread first, newest first.
    .orderBy(sql`(read_at is null)`, 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      taskId: r.task_id,
      documentId: r.document_id,
      read: r.read_at !== null,
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: q.unreadOnly ? counts.unread : counts.total,
    unread: counts.unread,
  };
}

/** Marks one of my notifications read; false when it is not mine or does not exist. */
export async function markRead(
  db: DbOrTrx,
  user: { id: number; agencyId: number | null },
  id: number,
  now: Date = new Date(),
): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where(mine(user))
    .executeTakeFirst();
  if (!row) return false;
  if (row.read_at === null) {
    await db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
  }
  return true;
}

export async function markAllRead(
  db: DbOrTrx,
  user: { id: number; agencyId: number | null },
  now: Date = new Date(),
): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where(mine(user))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
