/**
 * The reminder machinery of one server instance: a scheduler tick (every minute by default)
 * and a job worker. Any number of instances may run against one database: the dedupe keys
 * and SKIP LOCKED claims make every reminder and every mail happen once.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../http/types.ts';
import { resolveSmtpConfig } from '../mail/config.ts';
import { MailerCache, type MailLogger } from '../mail/mailer.ts';
import { MAIL_JOB } from '../notifications/service.ts';
import { type Db, type JobLogger, JobRunner, purgeFinishedJobs } from './jobs.ts';
import {
  DIGEST_JOB,
  digestHandler,
  mailHandler,
  OCCURRENCES_JOB,
  occurrencesHandler,
  REMINDER_JOB,
  reminderHandler,
  scheduleDue,
} from './service.ts';
import { loadSmtpSettings } from './settings.ts';

export interface ReminderSystemOptions {
  db: Db;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Scheduler period in ms (default 60 000, or DONDOC_REMINDER_TICK_SECONDS). */
  tickMs?: number;
  /** Worker poll period in ms (default 2000). */
  pollMs?: number;
  workerId?: string;
  logger?: JobLogger & MailLogger;
  env?: Record<string, string | undefined>;
  /** SMTP timeouts (ms). */
  mailTimeoutMs?: number;
  backoff?: (attempts: number) => number;
  leaseMs?: number;
}

export interface ReminderSystem {
  readonly runner: JobRunner;
  readonly mailers: MailerCache;
  /** Queues what is due now (reminders, digest, the daily occurrences top-up). */
  tick(): Promise<{ reminders: number; digests: number; occurrences: number; date: string }>;
  /** Runs every due job now; returns how many ran. */
  runDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const quiet: JobLogger & MailLogger = { info() {}, warn() {}, error() {} };

export function createReminderSystem(options: ReminderSystemOptions): ReminderSystem {
  const { db } = options;
  const env = options.env ?? process.env;
  const clock = options.now ?? (() => new Date());
  const logger = options.logger ?? quiet;
  const tickSeconds = Number(env.DONDOC_REMINDER_TICK_SECONDS);
  const tickMs =
    options.tickMs ?? (Number.isFinite(tickSeconds) && tickSeconds > 0 ? tickSeconds * 1000 : 60_000);
  const mailers = new MailerCache(async () => resolveSmtpConfig(await loadSmtpSettings(db), env), logger, {
    timeoutMs: options.mailTimeoutMs ?? 15_000,
  });
  const runner = new JobRunner({
    db,
    now: clock,
    workerId: options.workerId ?? `dondoc-${process.pid}-${randomUUID().slice(0, 6)}`,
    pollMs: options.pollMs ?? 2000,
    logger,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    handlers: {
      [REMINDER_JOB]: reminderHandler(env),
      [DIGEST_JOB]: digestHandler(env),
      [MAIL_JOB]: mailHandler(mailers),
      [OCCURRENCES_JOB]: occurrencesHandler(),
    },
  });

  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<unknown> | null = null;
  let stopped = true;

  let purgedOn = '';
  const tick = async () => {
    const now = clock();
    const result = await scheduleDue(db, now);
    // Once a day per instance: drop finished jobs older than 30 days.
    if (purgedOn !== result.date) {
      purgedOn = result.date;
      await purgeFinishedJobs(db, now);
    }
    return result;
  };
  const loop = () => {
    timer = null;
    if (stopped) return;
    ticking = tick()
      .then((r) => {
        if (r.reminders || r.digests || r.occurrences) runner.poke();
      })
      .catch((err) => logger.error(`reminder scheduler: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        ticking = null;
        if (!stopped) {
          timer = setTimeout(loop, tickMs);
          timer.unref();
        }
      });
  };

  return {
    runner,
    mailers,
    tick,
    runDue: () => runner.runDue(),
    start() {
      if (!stopped) return;
      stopped = false;
      runner.start();
      timer = setTimeout(loop, 0);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking;
      await runner.stop();
      mailers.close();
    },
  };
}

/**
 * Starts the reminder machinery with the app's database and logger and stops it when the app
 * closes. Call before `app.ready()`/`listen()` (e.g. in `dondoc serve`); set
 * DONDOC_REMINDERS=0 to run an instance that serves HTTP only.
 */
export function attachReminders(
  app: App,
  options: Partial<ReminderSystemOptions> = {},
): ReminderSystem | null {
  const env = options.env ?? process.env;
  if (env.DONDOC_REMINDERS === '0') {
    app.log.info('reminders disabled (DONDOC_REMINDERS=0)');
    return null;
  }
  const system = createReminderSystem({ db: app.db, logger: app.log, ...options });
  app.addHook('onReady', async () => system.start());
  app.addHook('onClose', async () => system.stop());
  return system;
}
