/**
 * Two server instances (two Fastify apps, each with its own reminder scheduler and worker on its
 * own timers; on PostgreSQL each with its own connection pool) against one database: every
 * reminder mail arrives once, the apps serve the resulting notifications, and closing the apps
 * stops their timers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, openDatabase } from '../src/db/index.ts';
import type { App } from '../src/http/types.ts';
import { localDate, localDateTime } from '../src/reminders/schedule.ts';
import { attachReminders, type ReminderSystem } from '../src/reminders/system.ts';
import { FIXTURE_PASSWORD, seed, type World } from './reminders-support.ts';
import { login } from './support/app.ts';
import { backends, createTestDatabase, type TestDatabase } from './support/db.ts';
import { startTestSmtp, type TestSmtpServer } from './support/smtp.ts';

describe.each(backends())('two server instances ($name)', ({ name }) => {
  let database: TestDatabase;
  let secondPool: { db: Db; close(): Promise<void> } | null = null;
  let smtp: TestSmtpServer;
  const apps: App[] = [];
  const systems: ReminderSystem[] = [];
  const clock = localDateTime('2026-03-10', 9);
  let world: World;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    database = await createTestDatabase(name);
    let dbB: Db = database.db;
    if (name === 'postgres') {
      const row = await database.db
        .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
        .executeTakeFirstOrThrow();
      const url = new URL(process.env.DONDOC_TEST_DATABASE_URL as string);
      url.pathname = `/${row.name}`;
      secondPool = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      dbB = secondPool.db;
    }
    world = await seed(database.db, localDate(clock));
    const config = loadConfig(
      { logger: false, webDist: '/nonexistent/dondoc-web-dist' },
      {} as NodeJS.ProcessEnv,
    );
    for (const [i, db] of [database.db, dbB].entries()) {
      const app = await buildApp({ db, dbKind: database.kind, config });
      const system = attachReminders(app, {
        now: () => clock,
        env: { DONDOC_SMTP_URL: smtp.url },
        tickMs: 40,
        pollMs: 15,
        workerId: `app-${i}`,
      });
      if (!system) throw new Error('reminders not attached');
      systems.push(system);
      apps.push(app);
    }
    // onReady starts both instances' timers at the same moment.
    await Promise.all(apps.map((a) => a.ready()));
  });

  afterAll(async () => {
    for (const a of apps) await a.close();
    await secondPool?.close();
    // pg's pool.end() resolves before its sockets close: let them close before DROP ... FORCE.
    await database?.close();
    await new Promise((r) => setTimeout(r, 100));
    await database?.dispose();
    await smtp?.close();
  });

  it('delivers every reminder once and serves the notifications from either instance', async () => {
    await smtp.waitFor(9, 30_000);
    // Let both instances tick and poll many more times.
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.messages).toHaveLength(9);
    const keys = smtp.messages.map((m) => `${m.envelopeTo.join(',')}|${m.subject}`);
    expect(new Set(keys).size).toBe(9);
    const workers = await database.db
      .selectFrom('jobs')
      .select('locked_by')
      .distinct()
      .where('done_at', 'is not', null)
      .execute();
    expect(workers.every((w) => w.locked_by === 'app-0' || w.locked_by === 'app-1')).toBe(true);

    const user = await database.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', world.users.a1?.id as number)
      .executeTakeFirstOrThrow();
    for (const app of apps) {
      const session = await login(app, user.username, FIXTURE_PASSWORD);
      const res = await app.inject({ method: 'GET', url: '/api/notifications', headers: session.headers });
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .items.map((n: { kind: string }) => n.kind)
          .sort(),
      ).toEqual(['reminder.before', 'reminder.due_today', 'reminder.overdue']);
    }
  });

  it('stops its timers when the apps close', async () => {
    for (const a of apps) await a.close();
    const before = await database.db.selectFrom('jobs').select('id').execute();
    await database.db
      .insertInto('jobs')
      .values({
        kind: 'mail',
        payload: JSON.stringify({ to: 'x@tinh.gov.vn', subject: 's', text: 't' }),
        run_at: clock,
      })
      .execute();
    await new Promise((r) => setTimeout(r, 300));
    const pending = await database.db.selectFrom('jobs').select('id').where('done_at', 'is', null).execute();
    expect(pending).toHaveLength(1);
    expect(before.length).toBeGreaterThan(0);
  });
});
