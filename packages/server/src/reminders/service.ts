/**
 * Reminders (đôn đốc): the scheduler tick that queues the day's reminders and the leaders'
 * digest, and the job handlers that turn them into notifications and mail.
 *
 *   tick (every minute, any number of server instances)
 *     → `reminder` jobs, one per (task, kind, date) by dedupe key, and one `digest` job a day
 *   reminder job → notifications for the recipients + one `mail` job per recipient
 *   digest job   → a notification + a `mail` job for every leader
 *   mail job     → one SMTP message; retried with backoff when the server is down
 */
import { sql } from 'kysely';
import { type MailerCache, MailNotConfiguredError } from '../mail/mailer.ts';
import { digestMail, reminderMail, shorten, type TaskMailInfo } from '../mail/templates.ts';
import { MAIL_JOB, notify } from '../notifications/service.ts';
import { BUCKETS, bucketCounts, bucketWhere, countableTaskWhere } from '../tasks/buckets.ts';
import { topUpOccurrences } from '../tasks/occurrences.ts';
import { type Db, type DbOrTrx, enqueueJobs, type JobHandler, PermanentJobError } from './jobs.ts';
import {
  addDays,
  type Digest,
  daysBetween,
  formatDateVi,
  localDate,
  type PlannedReminder,
  REMINDABLE_STATUSES,
  type ReminderSettings,
  remindersOn,
  sendTimeFor,
} from './schedule.ts';
import { loadPublicUrl, loadReminderSettings } from './settings.ts';

export const REMINDER_JOB = 'reminder';
export const DIGEST_JOB = 'digest';
/** Daily top-up of the occurrences of recurring tasks (src/tasks/occurrences.ts). */
export const OCCURRENCES_JOB = 'occurrences';

export interface ReminderPayload {
  taskId: number;
  kind: PlannedReminder['kind'];
  date: string;
  due: string;
  daysLeft: number;
  dedupeKey: string;
}

export interface DigestPayload {
  date: string;
}

export interface OccurrencesPayload {
  date: string;
}

/**
 * Queues today's reminders and digest, and once a day the occurrences top-up (one job per
 * date by dedupe key, so one run a day whatever the number of instances). Safe to run from
 * several instances at once.
 */
export async function scheduleDue(
  db: DbOrTrx,
  now: Date,
  settings?: ReminderSettings,
): Promise<{ reminders: number; digests: number; occurrences: number; date: string }> {
  const s = settings ?? (await loadReminderSettings(db));
  const today = localDate(now);
  // Before the day's reminders are planned, so that new occurrences get theirs on the next tick.
  const occurrences = await enqueueJobs(
    db,
    [
      {
        kind: OCCURRENCES_JOB,
        payload: { date: today } satisfies OccurrencesPayload,
        dedupeKey: `occurrences:${today}`,
        runAt: now,
      },
    ],
    now,
  );
  const horizon = addDays(today, Math.max(0, ...s.daysBefore));
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'status', 'due', 'recurrence'])
    .where('status', 'in', [...REMINDABLE_STATUSES] as Array<'not_started'>)
    .where('due', 'is not', null)
    .where('due', '<=', horizon)
    .where(countableTaskWhere())
    .orderBy('id')
    .execute();
  const runAt = sendTimeFor(today, now, s);
  const jobs = tasks.flatMap((t) =>
    remindersOn({ id: String(t.id), status: t.status, due: t.due, recurrence: t.recurrence }, today, s).map(
      (r) => ({
        kind: REMINDER_JOB,
        payload: {
          taskId: t.id,
          kind: r.kind,
          date: r.date,
          due: r.due,
          daysLeft: r.daysLeft,
          dedupeKey: r.dedupeKey,
        } satisfies ReminderPayload,
        dedupeKey: r.dedupeKey,
        runAt,
      }),
    ),
  );
  const reminders = await enqueueJobs(db, jobs, now);
  const digests = s.digestEnabled
    ? await enqueueJobs(
        db,
        [
          {
            kind: DIGEST_JOB,
            payload: { date: today } satisfies DigestPayload,
            dedupeKey: `digest:${today}`,
            runAt,
          },
        ],
        now,
      )
    : 0;
  return { reminders, digests, occurrences, date: today };
}

/**
 * Adds the missing occurrences of open recurring tasks up to their horizon, as of the job's
 * date. Not transactional: `topUpOccurrences` commits one transaction per parent, and is
 * idempotent (unique (parent_task_id, due)), so a retry or a second instance adds nothing twice.
 */
export function occurrencesHandler(): JobHandler {
  return {
    transactional: false,
    async run(job, ctx) {
      const { date } = job.payload as OccurrencesPayload;
      if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new PermanentJobError(`occurrences job without a valid date: ${JSON.stringify(job.payload)}`);
      await topUpOccurrences(ctx.db as Db, date);
    },
  };
}

async function loadTaskInfo(db: DbOrTrx, taskId: number) {
  const t = await db
    .selectFrom('tasks')
    .innerJoin('documents', 'documents.id', 'tasks.document_id')
    .select([
      'tasks.id',
      'tasks.text',
      'tasks.ref',
      'tasks.status',
      'tasks.due',
      'tasks.recurrence',
      'tasks.lead_agency_id',
      'tasks.created_by',
      'tasks.document_id',
      'documents.number',
      'documents.notation',
      'documents.doc_date',
      'documents.subject',
      'documents.published_by',
    ])
    .where('tasks.id', '=', taskId)
    .executeTakeFirst();
  if (!t) return null;
  const agencies = await db
    .selectFrom('task_agencies')
    .innerJoin('agencies', 'agencies.id', 'task_agencies.agency_id')
    .select(['agencies.id', 'agencies.name', 'task_agencies.role'])
    .where('task_agencies.task_id', '=', taskId)
    .orderBy('task_agencies.id')
    .execute();
  const leadIds = new Set<number>(agencies.filter((a) => a.role === 'lead').map((a) => a.id));
  if (t.lead_agency_id !== null) leadIds.add(t.lead_agency_id);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  if (t.lead_agency_id !== null && !names.has(t.lead_agency_id)) {
    const a = await db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('id', '=', t.lead_agency_id)
      .executeTakeFirst();
    if (a) names.set(a.id, a.name);
  }
  const supportIds = agencies.filter((a) => a.role === 'support' && !leadIds.has(a.id)).map((a) => a.id);
  const documentNumber = t.number
    ? t.notation
      ? `${t.number}/${t.notation}`
      : t.number
    : (t.notation ?? null);
  const info: TaskMailInfo = {
    taskId: String(t.id),
    text: t.text,
    ref: t.ref,
    due: t.due,
    leadAgencyName:
      [...leadIds]
        .map((id) => names.get(id))
        .filter(Boolean)
        .join('; ') || null,
    supportAgencyNames: supportIds.map((id) => names.get(id) as string),
    documentNumber,
    documentDate: t.doc_date,
    documentSubject: t.subject,
  };
  return { task: t, leadIds: [...leadIds], supportIds, info };
}

/** The tracking officers of a task: who published it (or its notice), else every officer. */
async function trackingOfficers(db: DbOrTrx, publisherIds: Array<number | null>): Promise<number[]> {
  const ids = publisherIds.filter((x): x is number => x !== null);
  if (ids.length) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', ids)
      .where('active', '=', true)
      .where('role', 'in', ['officer', 'admin'])
      .execute();
    if (rows.length) return rows.map((r) => r.id);
  }
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'officer')
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

function reminderTitle(kind: PlannedReminder['kind'], daysLeft: number): string {
  if (kind === 'before') return `Nhiệm vụ còn ${daysLeft} ngày đến hạn`;
  if (kind === 'due_today') return 'Nhiệm vụ đến hạn hôm nay';
  return `Nhiệm vụ đã quá hạn ${-daysLeft} ngày`;
}

export function reminderHandler(env: Record<string, string | undefined> = process.env): JobHandler {
  return {
    async run(job, { db, now }) {
      const p = job.payload as ReminderPayload;
      const loaded = await loadTaskInfo(db, p.taskId);
      if (!loaded) return; // task deleted: nothing to remind
      const { task, leadIds, supportIds, info } = loaded;
      // Still due? The task may have been finished, paused or extended since the job was queued.
      const settings = await loadReminderSettings(db);
      const still = remindersOn(
        { id: String(task.id), status: task.status, due: task.due, recurrence: task.recurrence },
        p.date,
        settings,
      ).find((r) => r.kind === p.kind);
      if (!still) return;
      const agencyIds = still.audience === 'lead_and_support' ? [...leadIds, ...supportIds] : leadIds;
      const userIds =
        still.audience === 'lead_and_officers'
          ? await trackingOfficers(db, [task.created_by, task.published_by])
          : [];
      const title = reminderTitle(still.kind, still.daysLeft);
      await notify(db, {
        kind: `reminder.${still.kind}`,
        title,
        body: `${shorten(task.text, 200)} — thời hạn ${formatDateVi(still.due)}`,
        link: `/tasks/${task.id}`,
        taskId: task.id,
        documentId: task.document_id,
        agencyIds,
        userIds,
        dedupeKey: still.dedupeKey,
        now,
        baseUrl: await loadPublicUrl(db, env),
        email: (user, baseUrl) =>
          reminderMail(still.kind, still.daysLeft, info, { baseUrl, recipientName: user.displayName }),
      });
    },
  };
}

export async function computeDigest(db: DbOrTrx, date: string, overdueLimit = 200): Promise<Digest> {
  const counts = await db
    .selectFrom('tasks')
    .select(bucketCounts(date))
    .where(countableTaskWhere())
    .executeTakeFirstOrThrow();
  const overdue = await db
    .selectFrom('tasks')
    .innerJoin('documents', 'documents.id', 'tasks.document_id')
    .leftJoin('agencies', 'agencies.id', 'tasks.lead_agency_id')
    .select([
      'tasks.id',
      'tasks.text',
      'tasks.ref',
      'tasks.due',
      'agencies.name as agency',
      'documents.number',
      'documents.notation',
    ])
    .where(bucketWhere('open_overdue', date))
    .where(countableTaskWhere())
    .orderBy('tasks.due')
    .orderBy('tasks.id')
    .limit(overdueLimit)
    .execute();
  const c = Object.fromEntries(BUCKETS.map((b) => [b, Number(counts[b])])) as Digest['counts'];
  return {
    date,
    counts: c,
    total: BUCKETS.reduce((n, b) => n + c[b], 0),
    overdue: overdue.map((o) => ({
      taskId: String(o.id),
      text: o.text,
      ref: o.ref,
      due: o.due as string,
      daysOverdue: daysBetween(o.due as string, date),
      leadAgencyName: o.agency,
      documentNumber: o.number ? (o.notation ? `${o.number}/${o.notation}` : o.number) : (o.notation ?? null),
    })),
  };
}

export function digestHandler(env: Record<string, string | undefined> = process.env): JobHandler {
  return {
    async run(job, { db, now }) {
      const { date } = job.payload as DigestPayload;
      const digest = await computeDigest(db, date);
      const c = digest.counts;
      await notify(db, {
        kind: 'digest',
        title: `Tổng hợp tình hình thực hiện nhiệm vụ ngày ${formatDateVi(date)}`,
        body: `Hoàn thành đúng hạn ${c.done_on_time}, hoàn thành quá hạn ${c.done_late}; chưa hoàn thành trong hạn ${c.open_on_time}, quá hạn ${c.open_overdue}.`,
        link: '/dashboard',
        roles: ['leader'],
        dedupeKey: `digest:${date}`,
        now,
        baseUrl: await loadPublicUrl(db, env),
        email: (user, baseUrl) => digestMail(digest, { baseUrl, recipientName: user.displayName }),
      });
    },
  };
}

export interface MailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export function mailHandler(mailers: MailerCache): JobHandler {
  return {
    transactional: false,
    async run(job) {
      const p = job.payload as MailPayload;
      const mailer = await mailers.get();
      // No SMTP: the notification is in-app only (logged once by the cache).
      if (!mailer) return;
      try {
        const res = await mailer.send({ to: p.to, subject: p.subject, text: p.text, html: p.html });
        if (res.rejected.length && !res.accepted.length)
          throw new PermanentJobError(`rejected: ${res.rejected.join(', ')}`);
      } catch (err) {
        if (err instanceof MailNotConfiguredError || err instanceof PermanentJobError) throw err;
        const code = (err as { responseCode?: number }).responseCode;
        // 5xx: the server refuses for good (bad address ...); 4xx and network errors are retried.
        if (typeof code === 'number' && code >= 500 && code < 600) {
          throw new PermanentJobError(`SMTP ${code}: ${(err as Error).message}`);
        }
        throw err;
      }
    },
  };
}

/** Jobs of a kind, newest first (for the admin and for tests). */
export async function jobStats(
  db: DbOrTrx,
): Promise<Record<string, { pending: number; done: number; failed: number }>> {
  const rows = await db
    .selectFrom('jobs')
    .select([
      'kind',
      sql<number>`count(*) filter (where done_at is null and failed_at is null)::int`.as('pending'),
      sql<number>`count(*) filter (where done_at is not null)::int`.as('done'),
      sql<number>`count(*) filter (where failed_at is not null)::int`.as('failed'),
    ])
    .groupBy('kind')
    .execute();
  return Object.fromEntries(
    rows.map((r) => [r.kind, { pending: r.pending, done: r.done, failed: r.failed }]),
  );
}

export { MAIL_JOB };
