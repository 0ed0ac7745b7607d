import { createHash } from 'node:crypto';
import { uuidv7 } from '../../shared/domain/ids.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { Db } from '../db/connection.js';

export const genesisHash = '0'.repeat(64);

export interface AuditEvent {
  actorId: string | null;
  branchId: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  purpose?: string | null;
  outcome: 'success' | 'denied' | 'failure';
  /** Ids, counts and reasons only: the log never holds document content or personal data. */
  details?: Record<string, unknown> | null;
}

export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  branch_id: string | null;
  actor_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  purpose: string | null;
  outcome: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** The entry's hash covers its position, every field and the previous entry's hash. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const fields = [row.seq, row.id, row.at, row.branch_id, row.actor_id, row.action, row.object_type, row.object_id, row.purpose, row.outcome, row.details];
  return createHash('sha256').update(row.prev_hash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** Appends one event; call inside the transaction of the change it records. */
export function appendAudit(db: Db, event: AuditEvent, at: Date = new Date()): number {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
  const last = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null;
  // A head that disagrees with the log means the log was tampered with: refuse to build on it.
  if ((last ?? 0) !== head.seq) throw new DossierError('ARCHIVE_DAMAGED', { reason: 'auditChain' });
  const row = {
    seq: head.seq + 1,
    id: uuidv7(at.getTime()),
    at: at.toISOString(),
    branch_id: event.branchId,
    actor_id: event.actorId,
    action: event.action,
    object_type: event.objectType ?? null,
    object_id: event.objectId ?? null,
    purpose: event.purpose ?? null,
    outcome: event.outcome,
    details: event.details ? JSON.stringify(event.details) : null,
    prev_hash: head.hash,
  };
  db.prepare(
    `INSERT INTO audit_log (seq, id, at, branch_id, actor_id, action, object_type, object_id, purpose, outcome, details, prev_hash, hash)
     VALUES (@seq, @id, @at, @branch_id, @actor_id, @action, @object_type, @object_id, @purpose, @outcome, @details, @prev_hash, @hash)`,
  ).run({ ...row, hash: entryHash(row) });
  return row.seq;
}

export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; seq: number; problem: 'gap' | 'link' | 'hash' | 'head' | 'unreadable' };

/**
 * Walks the chain from the first entry. A changed entry breaks its own hash, a removed or
 * inserted one breaks the numbering or the link, and cutting off the newest ones no longer
 * matches the head row kept by trigger. Names the first bad entry.
 */
export function verifyAuditChain(db: Db): ChainCheck {
  let expectedSeq = 1;
  let previous = genesisHash;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (row.seq !== expectedSeq) return { ok: false, entries, seq: expectedSeq, problem: 'gap' };
    if (row.prev_hash !== previous) return { ok: false, entries, seq: row.seq, problem: 'link' };
    if (entryHash(row) !== row.hash) return { ok: false, entries, seq: row.seq, problem: 'hash' };
    previous = row.hash;
    expectedSeq++;
    entries++;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  if (!head || head.seq !== entries || head.hash !== previous) {
    // Entries cut off the end show as the first missing one; a forged one past the head as itself.
    return { ok: false, entries, seq: Math.min(entries, head?.seq ?? 0) + 1, problem: 'head' };
  }
  return { ok: true, entries };
}
