/**
 * The audit trail (append-only table `audit_log`). Call `audit(trx, ...)` inside the same
 * transaction as the change it records, so a change never exists without its entry.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditEntry {
  userId: number | null;
  /** '<entity>.<verb>': 'user.create', 'agency.succession', 'task.confirm' ... */
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Never log secrets: password hashes, tokens and file bytes are dropped. */
function scrub(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return JSON.stringify(v, (k, val) => {
    if (k === 'password_hash' || k === 'passwordHash' || k === 'password' || k === 'token') return undefined;
    if (k === 'bytes' || k === 'original') return undefined;
    return val;
  });
}

export async function audit(trx: Transaction<Database> | Kysely<Database>, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before: scrub(e.before),
      after: scrub(e.after),
    })
    .execute();
}
