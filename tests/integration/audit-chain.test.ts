import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, archivePaths, openArchive, verifyArchive } from '../../electron/archive/archive.js';
import { type AuditRow, type ChainCheck, entryHash, verifyAuditChain } from '../../electron/archive/audit-log.js';
import { openDatabase } from '../../electron/db/connection.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { adminPassword, newArchive, rawDatabase, tempDir } from '../support/archive.js';

/**
 * Tamper tests for the hash-chained audit log. One archive is built once; every attack works on
 * its own copy of the closed archive folder, through the database file opened with the raw
 * recovery key (an attacker who holds the key), and is checked twice: by verifyAuditChain on
 * the raw connection, and by the full verifyArchive report the administrator would see.
 */


const customerName = '张伟';
const purpose = '理赔审核';
const viewedEvents = 5;

let template: { dir: string; recoveryKey: string; entries: number };
const copies: string[] = [];

beforeAll(async () => {
  const { dir, session, recoveryKey } = await newArchive();
  await addUser(session, { username: 'zhang.wei', displayName: customerName, role: 'agent', password: 'agent-pass-1' });
  for (let i = 0; i < viewedEvents; i++) {
    await session.db.call('audit.append', {
      actorId: session.user.id,
      branchId: session.user.branchId,
      action: 'customer.view',
      objectType: 'customer',
      objectId: `customer-${i}`,
      purpose,
      outcome: 'success',
      details: { pages: i },
    });
  }
  await session.close();
  const raw = rawDatabase(archivePaths(dir).db, recoveryKey);
  const entries = raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  raw.close();
  template = { dir, recoveryKey, entries };
});

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/** A fresh copy of the closed template archive. */
function copyArchive(): string {
  const root = tempDir('dossier-audit-');
  copies.push(root);
  const dir = join(root, 'archive');
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

/** Runs the attack on the raw database file and closes it, as an attacker would. */
function tamper(dir: string, attack: (db: Database.Database) => void): void {
  const db = rawDatabase(archivePaths(dir).db, template.recoveryKey);
  try {
    attack(db);
  } finally {
    db.close();
  }
}

function rawCheck(dir: string): ChainCheck {
  const db = rawDatabase(archivePaths(dir).db, template.recoveryKey);
  try {
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}

function row(db: Database.Database, seq: number): AuditRow {
  const found = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow | undefined;
  if (!found) throw new Error(`no audit entry ${seq}`);
  return found;
}

function insertRow(db: Database.Database, entry: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_log (seq, id, at, branch_id, actor_id, action, object_type, object_id, purpose, outcome, details, prev_hash, hash)
     VALUES (@seq, @id, @at, @branch_id, @actor_id, @action, @object_type, @object_id, @purpose, @outcome, @details, @prev_hash, @hash)`,
  ).run(entry);
}

/** A well-formed forged entry that links to entry `seq - 1` and carries its own correct hash. */
function forgedEntry(db: Database.Database, seq: number): AuditRow {
  const previous = row(db, seq - 1);
  const entry = {
    seq,
    id: uuidv7(),
    at: new Date().toISOString(),
    branch_id: previous.branch_id,
    actor_id: previous.actor_id,
    action: 'customer.export',
    object_type: 'customer',
    object_id: 'customer-forged',
    purpose: null,
    outcome: 'success',
    details: null,
    prev_hash: previous.hash,
  };
  return { ...entry, hash: entryHash(entry) };
}

function dropTriggers(db: Database.Database, ...names: ('audit_log_no_update' | 'audit_log_no_delete' | 'audit_log_head' | 'audit_log_append_only')[]): void {
  for (const name of names) db.exec(`DROP TRIGGER ${name}`);
}

/** Keeps audit_head pointing at the newest entry, as a careful attacker would. */
function alignHead(db: Database.Database): void {
  db.exec('UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_log), hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) WHERE id = 1');
}

async function expectReport(dir: string, problem: ChainCheck extends infer C ? (C extends { problem: infer P } ? P : never) : never, seq: number): Promise<void> {
  const report = await verifyArchive(dir, 'admin', adminPassword);
  expect(report.ok).toBe(false);
  expect(report.items.find((i) => i.check === 'auditChain')).toMatchObject({ ok: false, result: { ok: false, problem, seq } });
  // The database itself is sound: the chain is the first (and only) thing found wrong.
  expect(report.items.filter((i) => !i.ok).map((i) => i.check)).toEqual(['auditChain']);
  expect(report.firstProblem).toEqual({ messageKey: `verify.badAudit.${problem}`, values: { seq } });
}

// Entries: 1 archive.create, 2 session.signIn, 3 user.create, 4.. customer.view.
const target = 5;

describe('an untouched audit log', () => {
  it('verifies on the raw connection and in the full report', async () => {
    expect(template.entries).toBe(3 + viewedEvents);
    const dir = copyArchive();
    expect(rawCheck(dir)).toEqual({ ok: true, entries: template.entries });
    const report = await verifyArchive(dir, 'admin', adminPassword);
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.items.map((i) => [i.check, i.ok])).toEqual([
      ['databasePages', true],
      ['databaseIntegrity', true],
      ['auditChain', true],
      ['pageStore', true],
    ]);
    // verifyArchive checks without signing in: it adds nothing to the log it checks.
    expect(report.items.find((i) => i.check === 'auditChain')).toMatchObject({ result: { ok: true, entries: template.entries } });
  });
});

describe('append-only triggers on a normal connection', () => {
  function normalConnection(dir: string): Database.Database {
    const paths = archivePaths(dir);
    return openDatabase(paths.db, Buffer.from(template.recoveryKey, 'hex'), { create: false, backupDir: paths.backups });
  }

  it('refuses UPDATE and DELETE of audit entries', () => {
    const dir = copyArchive();
    const db = normalConnection(dir);
    try {
      expect(() => db.prepare("UPDATE audit_log SET action = 'customer.export' WHERE seq = ?").run(target)).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE audit_log SET seq = seq + 100 WHERE seq >= ?').run(target)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(verifyAuditChain(db)).toEqual({ ok: true, entries: template.entries });
    } finally {
      db.close();
    }
  });

  it('refuses INSERT OR REPLACE over an existing entry (a REPLACE deletes without firing delete triggers)', () => {
    const dir = copyArchive();
    const db = normalConnection(dir);
    try {
      // Rewrite the newest entry with a correct link and hash: the head trigger then follows it.
      const newest = template.entries;
      const forged = forgedEntry(db, newest);
      let refused: unknown = null;
      try {
        db.prepare(
          `INSERT OR REPLACE INTO audit_log (seq, id, at, branch_id, actor_id, action, object_type, object_id, purpose, outcome, details, prev_hash, hash)
           VALUES (@seq, @id, @at, @branch_id, @actor_id, @action, @object_type, @object_id, @purpose, @outcome, @details, @prev_hash, @hash)`,
        ).run(forged);
      } catch (error) {
        refused = error;
      }
      const chain = verifyAuditChain(db);
      // The statement must be refused; were it not, the entry is rewritten and the chain still verifies.
      expect({ refused: String(refused), action: row(db, newest).action, chain }).toMatchObject({ refused: expect.stringMatching(/append-only/), action: 'customer.view', chain: { ok: true } });
    } finally {
      db.close();
    }
  });
});

describe('attacks by someone holding the key', () => {
  const changes: [string, keyof AuditRow, string][] = [
    ['action', 'action', 'customer.export'],
    ['purpose', 'purpose', '营销'],
    ['outcome', 'outcome', 'denied'],
    ['details', 'details', '{"pages":99}'],
    ['time', 'at', '2020-01-01T00:00:00.000Z'],
    ['actor', 'actor_id', uuidv7()],
    ['object', 'object_id', 'customer-other'],
  ];

  it.each(changes)('(a) a changed %s breaks that entry’s own hash', async (_name, column, value) => {
    const dir = copyArchive();
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_update');
      expect(row(db, target)[column]).not.toBe(value);
      db.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = ?`).run(value, target);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: target - 1, seq: target, problem: 'hash' });
    await expectReport(dir, 'hash', target);
  });

  it('(b) a changed entry with its hash recomputed breaks the link at the next entry', async () => {
    const dir = copyArchive();
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_update');
      const changed = { ...row(db, target), outcome: 'denied' };
      db.prepare('UPDATE audit_log SET outcome = ?, hash = ? WHERE seq = ?').run(changed.outcome, entryHash(changed), target);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: target, seq: target + 1, problem: 'link' });
    await expectReport(dir, 'link', target + 1);
  });

  it('(b) the newest entry changed and rehashed no longer matches the head', async () => {
    const dir = copyArchive();
    const newest = template.entries;
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_update');
      const changed = { ...row(db, newest), purpose: '营销' };
      db.prepare('UPDATE audit_log SET purpose = ?, hash = ? WHERE seq = ?').run(changed.purpose, entryHash(changed), newest);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: newest, seq: newest + 1, problem: 'head' });
    await expectReport(dir, 'head', newest + 1);
  });

  it('(c) a deleted middle entry leaves a gap', async () => {
    const dir = copyArchive();
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: target - 1, seq: target, problem: 'gap' });
    await expectReport(dir, 'gap', target);
  });

  it('(d) an entry inserted in the middle, later entries renumbered, breaks the link after it', async () => {
    const dir = copyArchive();
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_update', 'audit_log_append_only');
      db.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= ?').run(target);
      db.prepare('UPDATE audit_log SET seq = seq - 999 WHERE seq >= ?').run(1000 + target);
      insertRow(db, forgedEntry(db, target));
      alignHead(db);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: target, seq: target + 1, problem: 'link' });
    await expectReport(dir, 'link', target + 1);
  });

  it('(e) two swapped entries break the link at the first of them', async () => {
    const dir = copyArchive();
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_update');
      db.prepare('UPDATE audit_log SET seq = 100000 WHERE seq = ?').run(target);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(target, target + 1);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = 100000').run(target + 1);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: target - 1, seq: target, problem: 'link' });
    await expectReport(dir, 'link', target);
  });

  it('(f) a deleted newest entry (tail truncation) is found through audit_head', async () => {
    const dir = copyArchive();
    const newest = template.entries;
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = ?').run(newest);
    });
    expect(rawCheck(dir)).toEqual({ ok: false, entries: newest - 1, seq: newest, problem: 'head' });
    await expectReport(dir, 'head', newest);
    // Nobody can sign in and build on a log whose head disagrees with it.
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_DAMAGED', details: { reason: 'auditChain' } });
  });

  function appendForged(): { dir: string; forgedSeq: number } {
    const dir = copyArchive();
    const forgedSeq = template.entries + 1;
    tamper(dir, (db) => {
      dropTriggers(db, 'audit_log_head', 'audit_log_append_only');
      insertRow(db, forgedEntry(db, forgedSeq));
    });
    return { dir, forgedSeq };
  }

  it('(g) a forged entry appended without the head trigger is found through audit_head, naming the forged entry', () => {
    const { dir, forgedSeq } = appendForged();
    // The head still names the last genuine entry; the first entry it does not cover is the forged one.
    expect(rawCheck(dir)).toEqual({ ok: false, entries: forgedSeq, seq: forgedSeq, problem: 'head' });
  });

  it('(g) a forged entry appended without the head trigger is reported by verifyArchive', async () => {
    const { dir, forgedSeq } = appendForged();
    expect(rawCheck(dir)).toMatchObject({ ok: false, problem: 'head' });
    await expectReport(dir, 'head', forgedSeq);
  });
});

describe('what the log holds', () => {
  it('keeps ids, counts and reasons in details, never names', () => {
    const db = rawDatabase(archivePaths(template.dir).db, template.recoveryKey);
    try {
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
      const cjk = /[\u3400-\u9fff]/u;
      for (const entry of rows) {
        if (entry.details !== null) {
          expect(() => JSON.parse(entry.details!)).not.toThrow();
          expect(entry.details, `details of entry ${entry.seq}`).not.toMatch(cjk);
        }
        // Only the purpose the caller passed is free text; names given to the archive code stay out.
        for (const [column, value] of Object.entries(entry)) {
          if (column === 'purpose') continue;
          expect(String(value)).not.toContain(customerName);
          expect(String(value)).not.toContain('管理员');
          expect(String(value)).not.toContain('北京朝阳支公司');
        }
      }
      const created = rows.find((r) => r.action === 'user.create');
      expect(created?.details).toBe('{"role":"agent"}');
    } finally {
      db.close();
    }
  });
});
