import type { Role } from '../../shared/domain/roles.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { Db } from '../db/connection.js';
import { getInfo, insertBranch, setInfo } from './archive-info.js';
import { appendAudit, type AuditEvent, verifyAuditChain } from './audit-log.js';
import { countActiveAdmins, findUserById, findUserByName, insertUser, listUsers, markUserRemoved, type User } from './users.js';

/**
 * The archive's own services on the database worker. Each is one transaction: the change and its
 * audit entry commit together or not at all. Writers begin IMMEDIATE so that a second process
 * on the same archive (the CLI beside the desktop app) waits for the lock instead of failing. Permissions are checked here, against the acting
 * user's role as the database knows it.
 */
export const archiveOps = {
  'archive.initialise'(db: Db, a: { archiveId: string; branch: { id: string; name: string }; admin: NewUser; at: string }) {
    db.transaction(() => {
      setInfo(db, 'archive_id', a.archiveId);
      setInfo(db, 'created_at', a.at);
      insertBranch(db, { ...a.branch, createdAt: a.at });
      insertUser(db, { ...a.admin, role: 'admin', branchId: a.branch.id, createdAt: a.at });
      appendAudit(db, { actorId: a.admin.id, branchId: a.branch.id, action: 'archive.create', objectType: 'archive', objectId: a.archiveId, outcome: 'success' });
    }).immediate();
  },

  'archive.id'(db: Db): string | undefined {
    return getInfo(db, 'archive_id');
  },

  'session.begin'(db: Db, a: { userId: string; failedAttempts: number }): User {
    return db.transaction(() => {
      const user = activeUser(db, a.userId);
      appendAudit(db, { actorId: user.id, branchId: user.branchId, action: 'session.signIn', outcome: 'success', details: { failedAttemptsBefore: a.failedAttempts } });
      return user;
    }).immediate();
  },

  'users.list'(db: Db, a: { actorId: string }): User[] {
    requireRole(db, a.actorId, ['admin']);
    return listUsers(db);
  },

  'users.create'(db: Db, a: { actorId: string; user: NewUser & { role: Role } }): User {
    return db.transaction(() => {
      const actor = requireRole(db, a.actorId, ['admin']);
      if (findUserByName(db, a.user.username)) throw new DossierError('USER_EXISTS');
      const createdAt = new Date().toISOString();
      insertUser(db, { ...a.user, branchId: actor.branchId, createdAt });
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'user.create', objectType: 'user', objectId: a.user.id, outcome: 'success', details: { role: a.user.role } });
      return findUserById(db, a.user.id)!;
    }).immediate();
  },

  'users.remove'(db: Db, a: { actorId: string; userId: string }): User {
    return db.transaction(() => {
      const actor = requireRole(db, a.actorId, ['admin']);
      const user = activeUser(db, a.userId);
      // An archive without an administrator could never add users or read its recovery sheet again.
      if (user.role === 'admin' && countActiveAdmins(db) <= 1) throw new DossierError('PERMISSION_DENIED', { reason: 'lastAdmin' });
      markUserRemoved(db, user.id, new Date().toISOString());
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'user.remove', objectType: 'user', objectId: user.id, outcome: 'success' });
      return findUserById(db, user.id)!;
    }).immediate();
  },

  /** Who may re-wrap whose key: users change their own password; administrators reset anyone's. */
  'users.authorisePasswordChange'(db: Db, a: { actorId: string; userId: string }): User {
    return db.transaction(() => {
      const actor = a.actorId === a.userId ? activeUser(db, a.actorId) : requireRole(db, a.actorId, ['admin']);
      const user = activeUser(db, a.userId);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'user.passwordChange', objectType: 'user', objectId: user.id, outcome: 'success' });
      return user;
    }).immediate();
  },

  'security.authorisePolicyChange'(db: Db, a: { actorId: string; changes: Record<string, number> }): void {
    db.transaction(() => {
      const actor = requireRole(db, a.actorId, ['admin']);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'security.policyChange', objectType: 'archive', outcome: 'success', details: a.changes });
    }).immediate();
  },

  'audit.append'(db: Db, event: AuditEvent): number {
    return db.transaction(() => appendAudit(db, event)).immediate();
  },

  'audit.verify'(db: Db) {
    return verifyAuditChain(db);
  },

  'db.integrity'(db: Db): string[] {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number }[];
    return [...problems, ...orphans.map((o) => `foreign key: ${o.table} row ${o.rowid}`)];
  },

  'db.checkpoint'(db: Db): void {
    db.pragma('wal_checkpoint(TRUNCATE)');
  },

  'blobs.register'(db: Db, a: { id: string; size: number }): void {
    registerBlob(db, a.id, a.size);
  },

  /** The blobs the archive holds (those being deleted excluded). */
  'blobs.ids'(db: Db): string[] {
    return (db.prepare('SELECT id FROM blobs WHERE deleting = 0 ORDER BY id').pluck().all() as string[]);
  },

  /** Which of these ids the archive lists, in any state. */
  'blobs.known'(db: Db, a: { ids: string[] }): string[] {
    return db.prepare('SELECT b.id FROM json_each(?) j JOIN blobs b ON b.id = j.value').pluck().all(JSON.stringify(a.ids)) as string[];
  },

  'blobs.deleting'(db: Db): string[] {
    return db.prepare('SELECT id FROM blobs WHERE deleting = 1 ORDER BY id').pluck().all() as string[];
  },

  /** Drops the rows of deleted blobs whose files are gone; a blob registered again meanwhile stays. */
  'blobs.forget'(db: Db, a: { ids: string[] }): void {
    db.prepare('DELETE FROM blobs WHERE deleting = 1 AND id IN (SELECT value FROM json_each(?))').run(JSON.stringify(a.ids));
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;

/** Lists a blob (again): a blob on its way out that is wanted again is kept. */
export function registerBlob(db: Db, id: string, size: number): void {
  db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET deleting = 0').run(id, size, new Date().toISOString());
}

export type NewUser = Pick<User, 'id' | 'username' | 'displayName'>;

export function activeUser(db: Db, id: string): User {
  const user = findUserById(db, id);
  if (!user || user.removedAt) throw new DossierError('USER_NOT_FOUND');
  return user;
}

export function requireRole(db: Db, actorId: string, allowed: readonly Role[]): User {
  const actor = activeUser(db, actorId);
  if (!allowed.includes(actor.role)) throw new DossierError('PERMISSION_DENIED');
  return actor;
}
