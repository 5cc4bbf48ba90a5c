/**
 * A job queue on the `jobs` table (PostgreSQL or PGlite, no Redis).
 * - enqueue: one row per job; a unique dedupe_key makes a job exist once however many
 *   schedulers or server instances try to create it (ON CONFLICT DO NOTHING).
 * - claim: inside a transaction, `SELECT ... FOR UPDATE SKIP LOCKED` picks due rows no other
 *   worker holds, and leases them (locked_by, locked_until); a crashed worker's lease expires.
 * - run: a handler either succeeds (done_at) or fails; failures are retried with exponential
 *   backoff until max_attempts, then the row is kept as failed (failed_at) for the admin.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Job } from './tables.ts';
import './tables.ts';

export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface JobContext {
  /** A transaction for `transactional` handlers (committed with the job's completion), else the database. */
  db: DbOrTrx;
  now: Date;
  workerId: string;
}

export interface JobHandler {
  run(job: Job, ctx: JobContext): Promise<void>;
  /** Run inside the transaction that marks the job done, so that its database writes and
   * the completion commit together (default true). Handlers with outside effects (mail) set false. */
  transactional?: boolean;
}

export interface EnqueueInput {
  kind: string;
  payload?: unknown;
  runAt?: Date;
  dedupeKey?: string | null;
  maxAttempts?: number;
}

export interface JobLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const silent: JobLogger = { info() {}, warn() {}, error() {} };

/** Inserts jobs; returns how many were new (the others already existed under their dedupe key). */
export async function enqueueJobs(
  db: DbOrTrx,
  jobs: EnqueueInput[],
  now: Date = new Date(),
): Promise<number> {
  if (jobs.length === 0) return 0;
  let created = 0;
  // Same keys in the same order from every instance: concurrent inserts of one key wait for
  // each other instead of deadlocking.
  jobs = [...jobs].sort((a, b) => (a.dedupeKey ?? '').localeCompare(b.dedupeKey ?? ''));
  // Multi-row inserts, in chunks (one statement per row is ten times slower on PGlite).
  for (let i = 0; i < jobs.length; i += 500) {
    const rows = jobs.slice(i, i + 500).map((j) => ({
      kind: j.kind,
      payload: JSON.stringify(j.payload ?? {}),
      run_at: j.runAt ?? now,
      dedupe_key: j.dedupeKey ?? null,
      ...(j.maxAttempts ? { max_attempts: j.maxAttempts } : {}),
      created_at: now,
    }));
    const res = await db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    created += res.length;
  }
  return created;
}

export async function enqueueJob(db: DbOrTrx, job: EnqueueInput, now: Date = new Date()): Promise<boolean> {
  return (await enqueueJobs(db, [job], now)) === 1;
}

/** Removes finished jobs older than `days` (their dedupe keys are dated, so they are not needed
 * to keep today's reminders unique). Failed jobs stay for the admin. */
export async function purgeFinishedJobs(db: DbOrTrx, now: Date, days = 30): Promise<number> {
  const res = await db
    .deleteFrom('jobs')
    .where('done_at', '<', new Date(now.getTime() - days * 86_400_000))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** 30 s, 1 min, 2 min, ... capped at 1 h. */
export function defaultBackoff(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface JobRunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  workerId?: string;
  now?: () => Date;
  /** How often the worker loop looks for due jobs (ms, default 2000). */
  pollMs?: number;
  /** Jobs claimed at once (default 5). */
  batchSize?: number;
  /** How long a claim is held before another worker may take the job over (ms, default 5 min). */
  leaseMs?: number;
  backoff?: (attempts: number) => number;
  logger?: JobLogger;
}

export class JobRunner {
  readonly workerId: string;
  private readonly db: Db;
  private readonly handlers: Record<string, JobHandler>;
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly backoff: (attempts: number) => number;
  private readonly logger: JobLogger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.clock = options.now ?? (() => new Date());
    this.pollMs = options.pollMs ?? 2000;
    this.batchSize = options.batchSize ?? 5;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.logger = options.logger ?? silent;
  }

  /** Claims up to `limit` due jobs of the known kinds and leases them to this worker. */
  async claim(limit = this.batchSize): Promise<Job[]> {
    const now = this.clock();
    const until = new Date(now.getTime() + this.leaseMs);
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const ids = await trx
        .selectFrom('jobs')
        .select('id')
        .where('done_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('run_at', '<=', now)
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (ids.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set({ locked_by: this.workerId, locked_until: until, attempts: sql`attempts + 1` })
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .returningAll()
        .execute();
    });
  }

  /** Runs one claimed job to success or a recorded failure. Never throws. */
  async execute(job: Job): Promise<'done' | 'retry' | 'failed' | 'lost'> {
    const handler = this.handlers[job.kind];
    const now = this.clock();
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      let finished: boolean;
      if (handler.transactional === false) {
        await handler.run(job, { db: this.db, now, workerId: this.workerId });
        finished = await this.complete(this.db, job.id);
      } else {
        finished = await this.db.transaction().execute(async (trx) => {
          await handler.run(job, { db: trx, now, workerId: this.workerId });
          const ok = await this.complete(trx, job.id);
          // Another worker took the job over (our lease ran out): undo our writes.
          if (!ok) throw new LostLease();
          return ok;
        });
      }
      if (!finished) {
        this.logger.warn(`job ${job.id} (${job.kind}): lease lost before completion`);
        return 'lost';
      }
      return 'done';
    } catch (err) {
      if (err instanceof LostLease) {
        this.logger.warn(`job ${job.id} (${job.kind}): lease lost, changes rolled back`);
        return 'lost';
      }
      return this.fail(job, err);
    }
  }

  private async complete(db: DbOrTrx, id: number): Promise<boolean> {
    const res = await db
      .updateTable('jobs')
      // locked_by stays: it records which worker ran the job.
      .set({ done_at: this.clock(), locked_until: null, last_error: null })
      .where('id', '=', id)
      .where('locked_by', '=', this.workerId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private async fail(job: Job, err: unknown): Promise<'retry' | 'failed' | 'lost'> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    const now = this.clock();
    const final = job.attempts >= job.max_attempts || err instanceof PermanentJobError;
    try {
      const res = await this.db
        .updateTable('jobs')
        .set(
          final
            ? { failed_at: now, locked_by: null, locked_until: null, last_error: message }
            : {
                run_at: new Date(now.getTime() + this.backoff(job.attempts)),
                locked_by: null,
                locked_until: null,
                last_error: message,
              },
        )
        .where('id', '=', job.id)
        .where('locked_by', '=', this.workerId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return 'lost';
    } catch (e) {
      this.logger.error(
        `job ${job.id}: could not record failure: ${e instanceof Error ? e.message : String(e)}`,
      );
      return 'lost';
    }
    (final ? this.logger.error : this.logger.warn).call(
      this.logger,
      `job ${job.id} (${job.kind}) attempt ${job.attempts}/${job.max_attempts} failed: ${message}`,
    );
    return final ? 'failed' : 'retry';
  }

  /** Claims and runs due jobs until none is left (or `maxJobs` ran). Returns how many ran. */
  async runDue(maxJobs = 1000): Promise<number> {
    let ran = 0;
    while (ran < maxJobs) {
      const jobs = await this.claim(Math.min(this.batchSize, maxJobs - ran));
      if (jobs.length === 0) break;
      for (const job of jobs) await this.execute(job);
      ran += jobs.length;
    }
    return ran;
  }

  /** Starts the polling loop (timers are unref'd: they never keep the process alive). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Wakes the loop now (e.g. after enqueueing). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), delayMs);
    this.timer.unref();
  }

  private loop(): void {
    this.timer = null;
    if (this.stopped || this.running) return;
    this.running = this.runDue()
      .catch((err) => this.logger.error(`job runner: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.pollMs);
      });
  }
}

class LostLease extends Error {}

/** A failure that retrying cannot fix (e.g. the mail server rejected the address with 5xx). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
