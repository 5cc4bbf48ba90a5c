/**
 * Audit rows for the documents and tasks domains, always written with the change they
 * describe (same transaction): a rolled-back change leaves no audit row.
 */
import { type AuditEntry, audit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';

export type { AuditEntry };

/** `db` is the transaction of the change. */
export async function writeAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  for (const e of Array.isArray(entries) ? entries : [entries]) await audit(db, e);
}
