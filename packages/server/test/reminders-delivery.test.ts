/**
 * Reminders end to end on a real database and a real SMTP server: the tick queues, the workers
 * deliver, every mail arrives exactly once even with two instances working concurrently
 * (PostgreSQL: two connection pools = two servers; PGlite: two runners in one process).
 */

import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { openDatabase } from '../src/db/index.ts';
import { enqueueJobs, JobRunner } from '../src/reminders/jobs.ts';
import { addDays, localDate, localDateTime } from '../src/reminders/schedule.ts';
import { jobStats } from '../src/reminders/service.ts';
import { writeSettings } from '../src/reminders/settings.ts';
import { createReminderSystem, type ReminderSystem } from '../src/reminders/system.ts';
import { seed } from './reminders-support.ts';
import { backends, createTestDatabase, type TestDatabase } from './support/db.ts';
import { startTestSmtp, type TestSmtpServer } from './support/smtp.ts';

const BACKOFF_MS = 60_000;

/** Runs both instances' workers concurrently until neither finds work. */
async function drain(systems: ReminderSystem[]): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const ran = await Promise.all(systems.map((s) => s.runDue()));
    if (ran.every((n) => n === 0)) return;
  }
  throw new Error('jobs did not drain');
}

function mailKey(m: { envelopeTo: string[]; subject: string }) {
  return `${m.envelopeTo.join(',')} | ${m.subject}`;
}

function expectNoDuplicates(smtp: TestSmtpServer) {
  const keys = smtp.messages.map(mailKey);
  expect(keys.length).toBe(new Set(keys).size);
}

describe.each(backends())('reminders delivery ($name)', ({ name }) => {
  let database: TestDatabase;
  let second: { db: Db; close(): Promise<void> } | null = null;
  let smtp: TestSmtpServer;
  let clock: Date;
  let systems: ReminderSystem[] = [];

  let dbB: Db;

  // One database per backend for the file; tables are emptied before each test (opening a
  // PGlite copy per test costs seconds and hundreds of MB).
  beforeAll(async () => {
    smtp = await startTestSmtp();
    database = await createTestDatabase(name);
    dbB = database.db;
    if (name === 'postgres') {
      // A second server instance: its own connection pool to the same database.
      const row = await database.db
        .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
        .executeTakeFirstOrThrow();
      const url = new URL(process.env.DONDOC_TEST_DATABASE_URL as string);
      url.pathname = `/${row.name}`;
      second = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      dbB = second.db;
    }
  });
  afterAll(async () => {
    await second?.close();
    // pg's pool.end() resolves before the sockets are closed; DROP DATABASE ... WITH (FORCE)
    // in dispose() would then kill them mid-goodbye (an unhandled 57P01). Close, then wait.
    await database?.close();
    await new Promise((r) => setTimeout(r, 100));
    await database?.dispose();
    await smtp?.close();
  });

  beforeEach(async () => {
    await sql`TRUNCATE jobs, notifications, settings, task_agencies, tasks, documents, users, agencies RESTART IDENTITY CASCADE`.execute(
      database.db,
    );
    smtp.clear();
    smtp.setFailing(false);
    // 09:00 in Hà Nội: after the default 07:00 send hour.
    clock = localDateTime('2026-03-10', 9);
    const common = {
      now: () => clock,
      env: { DONDOC_SMTP_URL: smtp.url, DONDOC_PUBLIC_URL: 'https://dondoc.tinh.gov.vn' },
      backoff: () => BACKOFF_MS,
      mailTimeoutMs: 3000,
    };
    systems = [
      createReminderSystem({ db: database.db, workerId: 'instance-A', ...common }),
      createReminderSystem({ db: dbB, workerId: 'instance-B', ...common }),
    ];
  });

  afterEach(async () => {
    await Promise.all(systems.map((s) => s.stop()));
  });

  it('delivers each reminder and the digest exactly once with two instances working at once', async () => {
    const w = await seed(database.db, localDate(clock));
    const [A, B] = systems as [ReminderSystem, ReminderSystem];
    // Both instances tick at the same time (and again): each reminder is queued once.
    const ticks = await Promise.all([A.tick(), B.tick(), A.tick(), B.tick()]);
    expect(ticks.reduce((n, t) => n + t.reminders, 0)).toBe(3);
    expect(ticks.reduce((n, t) => n + t.digests, 0)).toBe(1);
    await drain(systems);

    // before3 → lead + support (a1, a2, b1); dueToday → lead (a1, a2);
    // overdue1 → lead + the publishing officer (a1, a2, o1); digest → leader with a mail address (l1).
    expectNoDuplicates(smtp);
    const byTo = (k: string) => smtp.to(`${k}@tinh.gov.vn`).map((m) => m.subject);
    expect(byTo('a1').sort()).toEqual(
      [
        '[Đôn đốc] Nhiệm vụ còn 3 ngày đến hạn: Nhiệm vụ before3: hoàn thiện hồ sơ dự án',
        '[Đôn đốc] Nhiệm vụ đến hạn hôm nay: Nhiệm vụ dueToday: hoàn thiện hồ sơ dự án',
        '[Đôn đốc] Nhiệm vụ đã quá hạn 1 ngày: Nhiệm vụ overdue1: hoàn thiện hồ sơ dự án',
      ].sort(),
    );
    expect(byTo('a2')).toHaveLength(3);
    expect(byTo('b1')).toEqual([
      '[Đôn đốc] Nhiệm vụ còn 3 ngày đến hạn: Nhiệm vụ before3: hoàn thiện hồ sơ dự án',
    ]);
    expect(byTo('o1')).toEqual([
      '[Đôn đốc] Nhiệm vụ đã quá hạn 1 ngày: Nhiệm vụ overdue1: hoàn thiện hồ sơ dự án',
    ]);
    expect(byTo('o2')).toEqual([]);
    expect(byTo('c1')).toEqual([]);
    expect(byTo('l1')).toEqual(['[Tổng hợp] Tình hình thực hiện nhiệm vụ ngày 10/03/2026']);
    expect(smtp.messages).toHaveLength(9);

    const mail = smtp.to('b1@tinh.gov.vn')[0];
    expect(mail?.text).toContain('Thời hạn: 13/03/2026');
    expect(mail?.text).toContain('Thông báo số 45/TB-UBND ngày 08/02/2026');
    expect(mail?.text).toContain(`https://dondoc.tinh.gov.vn/tasks/${w.tasks.before3}`);
    expect(mail?.text).toContain('Kính gửi Cán bộ b1,');
    const digest = smtp.to('l1@tinh.gov.vn')[0];
    // Four buckets: doneLate is done late; overdue1, overdue2 open overdue; before3, dueToday, paused open on time.
    expect(digest?.text).toContain('- Hoàn thành quá hạn: 1');
    expect(digest?.text).toContain('- Chưa hoàn thành, quá hạn: 2');
    expect(digest?.text).toContain('- Chưa hoàn thành, trong hạn: 3');
    expect(digest?.text).toMatch(/1\. overdue2 Nhiệm vụ overdue2.*quá 2 ngày/);

    // In-app notifications: one per recipient and event, also for the leader without mail.
    const notes = await database.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'task_id'])
      .orderBy('id')
      .execute();
    const count = (k: string) => notes.filter((n) => n.user_id === w.users[k]?.id).length;
    expect([count('a1'), count('a2'), count('b1'), count('o1'), count('o2'), count('c1')]).toEqual([
      3, 3, 1, 1, 0, 0,
    ]);
    expect(
      notes
        .filter((n) => n.kind === 'digest')
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([w.users.l1?.id, w.users.l2?.id].sort());
    expect(notes).toHaveLength(10);

    // The same day again on both instances: nothing new.
    await Promise.all([A.tick(), B.tick()]);
    await drain(systems);
    expect(smtp.messages).toHaveLength(9);
    const stats = await jobStats(database.db);
    expect(stats.mail).toEqual({ pending: 0, done: 9, failed: 0 });
    expect(stats.reminder).toEqual({ pending: 0, done: 3, failed: 0 });
  });

  it('moves with the clock: next days, overdue every 3 days, send hour', async () => {
    const w = await seed(database.db, localDate(clock));
    const [A, B] = systems as [ReminderSystem, ReminderSystem];
    await writeSettings(database.db, { 'reminders.digestEnabled': false }, null);
    const sentOn: Record<string, string[]> = {};
    for (let day = 0; day <= 7; day++) {
      // 05:00 local: before the send hour the jobs are queued but not yet due.
      clock = localDateTime(addDays('2026-03-10', day), 5);
      await Promise.all([A.tick(), B.tick()]);
      const before = smtp.messages.length;
      await drain(systems);
      expect(smtp.messages.length).toBe(before);
      clock = localDateTime(addDays('2026-03-10', day), 7);
      await drain(systems);
      const date = localDate(clock);
      sentOn[date] = smtp.messages
        .slice(before)
        .filter((m) => m.envelopeTo[0] === 'a1@tinh.gov.vn')
        .map((m) => m.subject.replace(/: Nhiệm vụ (\w+):.*$/, ' [$1]'))
        .sort();
    }
    expect(sentOn).toEqual({
      '2026-03-10': [
        '[Đôn đốc] Nhiệm vụ còn 3 ngày đến hạn [before3]',
        '[Đôn đốc] Nhiệm vụ đã quá hạn 1 ngày [overdue1]',
        '[Đôn đốc] Nhiệm vụ đến hạn hôm nay [dueToday]',
      ],
      '2026-03-11': ['[Đôn đốc] Nhiệm vụ đã quá hạn 1 ngày [dueToday]'],
      '2026-03-12': [
        '[Đôn đốc] Nhiệm vụ còn 1 ngày đến hạn [before3]',
        '[Đôn đốc] Nhiệm vụ đã quá hạn 4 ngày [overdue2]',
      ],
      '2026-03-13': [
        '[Đôn đốc] Nhiệm vụ đã quá hạn 4 ngày [overdue1]',
        '[Đôn đốc] Nhiệm vụ đến hạn hôm nay [before3]',
      ],
      '2026-03-14': [
        '[Đôn đốc] Nhiệm vụ đã quá hạn 1 ngày [before3]',
        '[Đôn đốc] Nhiệm vụ đã quá hạn 4 ngày [dueToday]',
      ],
      '2026-03-15': ['[Đôn đốc] Nhiệm vụ đã quá hạn 7 ngày [overdue2]'],
      '2026-03-16': ['[Đôn đốc] Nhiệm vụ đã quá hạn 7 ngày [overdue1]'],
      '2026-03-17': [
        '[Đôn đốc] Nhiệm vụ đã quá hạn 4 ngày [before3]',
        '[Đôn đốc] Nhiệm vụ đã quá hạn 7 ngày [dueToday]',
      ],
    });
    expectNoDuplicates(smtp);
    // Finishing a task stops its reminders, even ones already queued.
    clock = localDateTime('2026-03-20', 5);
    await A.tick();
    await database.db
      .updateTable('tasks')
      .set({ status: 'done', completed_at: clock })
      .where('id', '=', w.tasks.before3 as number)
      .execute();
    clock = localDateTime('2026-03-20', 8);
    const before = smtp.messages.length;
    await drain(systems);
    expect(
      smtp.messages.slice(before).some((m) => m.subject.includes('[before3]') || m.text.includes('before3')),
    ).toBe(false);
  });

  it('keeps mail while the SMTP server is down and sends it once when it is back', async () => {
    await seed(database.db, localDate(clock));
    const [A, B] = systems as [ReminderSystem, ReminderSystem];
    smtp.setFailing(true);
    await Promise.all([A.tick(), B.tick()]);
    await drain(systems);
    expect(smtp.messages).toHaveLength(0);
    expect(smtp.refused).toBe(9);
    // Notifications exist already (in-app does not wait for mail).
    const notes = await database.db.selectFrom('notifications').select('id').execute();
    expect(notes).toHaveLength(10);
    let stats = await jobStats(database.db);
    expect(stats.mail).toEqual({ pending: 9, done: 0, failed: 0 });
    const failed = await database.db
      .selectFrom('jobs')
      .select(['attempts', 'last_error', 'run_at'])
      .where('kind', '=', 'mail')
      .execute();
    expect(failed.every((j) => j.attempts === 1 && /451|unavailable/i.test(j.last_error ?? ''))).toBe(true);
    expect(failed.every((j) => new Date(j.run_at).getTime() === clock.getTime() + BACKOFF_MS)).toBe(true);

    // Still down at the next attempt: retried again, nothing lost.
    clock = new Date(clock.getTime() + BACKOFF_MS);
    await drain(systems);
    expect(smtp.messages).toHaveLength(0);
    // Back up: every mail once.
    smtp.setFailing(false);
    clock = new Date(clock.getTime() + BACKOFF_MS);
    await drain(systems);
    expect(smtp.messages).toHaveLength(9);
    expectNoDuplicates(smtp);
    stats = await jobStats(database.db);
    expect(stats.mail).toEqual({ pending: 0, done: 9, failed: 0 });
    const attempts = await database.db
      .selectFrom('jobs')
      .select('attempts')
      .where('kind', '=', 'mail')
      .execute();
    expect(attempts.every((j) => j.attempts === 3)).toBe(true);
  });

  it('works in-app only without SMTP, and takes over a job whose worker died', async () => {
    await seed(database.db, localDate(clock));
    const warnings: string[] = [];
    const logger = { info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const noSmtp = createReminderSystem({ db: database.db, now: () => clock, env: {}, logger });
    systems.push(noSmtp);
    await noSmtp.tick();
    // A worker claims the digest job and dies: after its lease, another worker does it.
    const dead = new JobRunner({
      db: database.db,
      now: () => clock,
      workerId: 'dead',
      leaseMs: 60_000,
      handlers: { digest: { run: async () => {} } },
    });
    const claimed = await dead.claim();
    expect(claimed.map((j) => j.kind)).toEqual(['digest']);
    await noSmtp.runDue();
    let digest = await database.db
      .selectFrom('jobs')
      .select(['done_at', 'locked_by'])
      .where('kind', '=', 'digest')
      .executeTakeFirstOrThrow();
    expect(digest).toEqual({ done_at: null, locked_by: 'dead' });
    clock = new Date(clock.getTime() + 61_000);
    await noSmtp.runDue();
    digest = await database.db
      .selectFrom('jobs')
      .select(['done_at', 'locked_by'])
      .where('kind', '=', 'digest')
      .executeTakeFirstOrThrow();
    expect(digest.done_at).not.toBeNull();
    expect(smtp.messages).toHaveLength(0);
    expect(await database.db.selectFrom('notifications').select('id').execute()).toHaveLength(10);
    expect(warnings.filter((m) => m.includes('SMTP'))).toHaveLength(1);
  });

  it('never runs a job twice when two workers claim at the same time', async () => {
    await enqueueJobs(
      database.db,
      Array.from({ length: 120 }, (_, i) => ({ kind: 'probe', payload: { i }, dedupeKey: `probe:${i}` })),
      clock,
    );
    // The same keys again (another scheduler): nothing new.
    expect(await enqueueJobs(database.db, [{ kind: 'probe', dedupeKey: 'probe:7' }], clock)).toBe(0);
    const ran: Array<[number, string]> = [];
    const handler = {
      transactional: false,
      run: async (job: { payload: unknown }, ctx: { workerId: string }) => {
        ran.push([(job.payload as { i: number }).i, ctx.workerId]);
        await new Promise((r) => setTimeout(r, 1));
      },
    };
    const dbs = name === 'postgres' && second ? [database.db, second.db] : [database.db, database.db];
    const runners = dbs.map(
      (db, i) =>
        new JobRunner({
          db,
          now: () => clock,
          workerId: `w${i}`,
          batchSize: 3,
          handlers: { probe: handler },
        }),
    );
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ran).toHaveLength(120);
    expect(new Set(ran.map(([i]) => i)).size).toBe(120);
    expect(new Set(ran.map(([, w]) => w))).toEqual(new Set(['w0', 'w1']));
    const done = await database.db
      .selectFrom('jobs')
      .select(['locked_by'])
      .where('kind', '=', 'probe')
      .where('done_at', 'is not', null)
      .execute();
    expect(done).toHaveLength(120);
  });

  it('purges finished jobs after 30 days, keeps failed ones', async () => {
    await enqueueJobs(
      database.db,
      [{ kind: 'mail', payload: { to: 'x@tinh.gov.vn', subject: 's', text: 't' } }],
      clock,
    );
    await drain(systems);
    await enqueueJobs(
      database.db,
      [{ kind: 'mail', payload: { to: 'y@tinh.gov.vn', subject: 's', text: 't' } }],
      clock,
    );
    await database.db.updateTable('jobs').set({ failed_at: clock }).where('done_at', 'is', null).execute();
    const fresh = createReminderSystem({
      db: database.db,
      now: () => clock,
      env: { DONDOC_SMTP_URL: smtp.url },
    });
    systems.push(fresh);
    await fresh.tick();
    const mails = () =>
      database.db.selectFrom('jobs').select(['failed_at', 'done_at']).where('kind', '=', 'mail').execute();
    expect(await mails()).toHaveLength(2);
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    const later = createReminderSystem({
      db: database.db,
      now: () => clock,
      env: { DONDOC_SMTP_URL: smtp.url },
    });
    systems.push(later);
    await later.tick();
    const left = await mails();
    expect(left).toHaveLength(1);
    expect(left[0]?.failed_at).not.toBeNull();
  });

  it('runs on its own timers and stops cleanly', async () => {
    await seed(database.db, localDate(clock));
    const fast = systems.map((_, i) =>
      createReminderSystem({
        db: database.db,
        now: () => clock,
        env: { DONDOC_SMTP_URL: smtp.url },
        tickMs: 50,
        pollMs: 20,
        workerId: `timer-${i}`,
      }),
    );
    systems.push(...fast);
    for (const s of fast) s.start();
    await smtp.waitFor(9, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(fast.map((s) => s.stop()));
    expect(smtp.messages).toHaveLength(9);
    expectNoDuplicates(smtp);
  });
});
