import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { checkCipherPages, sqlcipherShellPragma } from '../db/cipher.js';
import { DbClient } from '../db/client.js';
import type { ChainCheck } from './audit-log.js';
import {
  defaultPolicy,
  folderState,
  type KeySlot,
  type Manifest,
  readManifest,
  type SecurityPolicy,
  spendUnwrapTime,
  unwrapKey,
  wrapKey,
  writeManifest,
} from './manifest.js';
import { recoverPageStore } from './blob-deletions.js';
import { PageStore } from './page-store.js';
import type { User } from './users.js';

/** Where everything of one archive lives inside its data folder. */
export function archivePaths(dir: string) {
  return { db: join(dir, 'archive.db'), backups: join(dir, 'backups') };
}

/** An unlocked archive and the user who unlocked it. */
export interface ArchiveSession {
  dir: string;
  archiveId: string;
  user: User;
  policy: SecurityPolicy;
  db: DbClient;
  pages: PageStore;
  /** Needed while signed in to wrap the key for new users and new passwords; zeroed on close. */
  key: Buffer;
  close(): Promise<void>;
}

export interface CreatedArchive {
  session: ArchiveSession;
  /** The database's raw key in hex: shown once, on the recovery sheet. */
  recoveryKey: string;
  sqlcipherPragma: string;
}

function checkPassword(password: string, policy: SecurityPolicy): void {
  if (password.length < policy.minPasswordLength) throw new DossierError('WEAK_PASSWORD', { min: policy.minPasswordLength });
}

/** Creates an archive in an empty (or new) folder and signs its first administrator in. */
export async function createArchive(
  dir: string,
  admin: { username: string; displayName: string; password: string; branchName: string },
  policy: SecurityPolicy = defaultPolicy,
): Promise<CreatedArchive> {
  const state = folderState(dir);
  if (state === 'archive' || state === 'other') throw new DossierError('FOLDER_NOT_EMPTY');
  checkPassword(admin.password, policy);
  mkdirSync(dir, { recursive: true });

  const key = randomBytes(32);
  const archiveId = uuidv7();
  const adminId = uuidv7();
  const paths = archivePaths(dir);
  const db = await DbClient.open({ file: paths.db, key, create: true, backupDir: paths.backups });
  try {
    await db.call('archive.initialise', {
      archiveId,
      branch: { id: uuidv7(), name: admin.branchName },
      admin: { id: adminId, username: admin.username, displayName: admin.displayName },
      at: new Date().toISOString(),
    });
    const slot = await wrapKey(key, admin.password, { archiveId, userId: adminId, username: admin.username });
    // The manifest is written last: a folder without one was never a complete archive.
    await writeManifest(dir, { format: 'dossier-archive', formatVersion: 1, archiveId, createdAt: new Date().toISOString(), policy, slots: [slot] });
    const session = await startSession(dir, archiveId, policy, db, key, adminId, 0);
    return { session, recoveryKey: key.toString('hex'), sqlcipherPragma: sqlcipherShellPragma(key) };
  } catch (error) {
    await db.close();
    throw error;
  } finally {
    key.fill(0);
  }
}

/**
 * Checks a password against the user's key slot, slowing down after repeated failures and
 * locking the account after more; returns the archive key.
 */
export async function unlockKey(dir: string, username: string, password: string, now = new Date()): Promise<{ key: Buffer; slot: KeySlot; manifest: Manifest; failedBefore: number }> {
  const manifest = readManifest(dir);
  const slot = manifest.slots.find((s) => s.username.toLowerCase() === username.trim().toLowerCase());
  if (!slot) {
    await spendUnwrapTime(password);
    throw new DossierError('WRONG_PASSWORD');
  }
  if (slot.lockedUntil && new Date(slot.lockedUntil) > now) throw new DossierError('ACCOUNT_LOCKED', { until: slot.lockedUntil });

  const { policy } = manifest;
  const excess = slot.failedAttempts - policy.slowAfterFailures;
  if (excess >= 0) await delay(Math.min(policy.slowDelayMs * 2 ** excess, 30_000));

  const key = await unwrapKey(slot, password, manifest.archiveId);
  const failedBefore = slot.failedAttempts;
  if (!key) {
    slot.failedAttempts++;
    if (slot.failedAttempts >= policy.lockAfterFailures) {
      slot.failedAttempts = 0;
      slot.lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
    }
    await writeManifest(dir, manifest);
    if (slot.lockedUntil && new Date(slot.lockedUntil) > now) throw new DossierError('ACCOUNT_LOCKED', { until: slot.lockedUntil });
    throw new DossierError('WRONG_PASSWORD');
  }
  if (slot.failedAttempts !== 0 || slot.lockedUntil !== null) {
    slot.failedAttempts = 0;
    slot.lockedUntil = null;
    await writeManifest(dir, manifest);
  }
  return { key, slot, manifest, failedBefore };
}

/** Signs a user in: unwraps the archive key with their password and opens the database. */
export async function openArchive(dir: string, username: string, password: string): Promise<ArchiveSession> {
  const { key, slot, manifest, failedBefore } = await unlockKey(dir, username, password);
  const paths = archivePaths(dir);
  try {
    const db = await DbClient.open({ file: paths.db, key, create: false, backupDir: paths.backups });
    try {
      if ((await db.call('archive.id')) !== manifest.archiveId) throw new DossierError('NOT_AN_ARCHIVE', { reason: 'archiveId' });
      return await startSession(dir, manifest.archiveId, manifest.policy, db, key, slot.userId, failedBefore);
    } catch (error) {
      await db.close();
      throw error;
    }
  } finally {
    key.fill(0);
  }
}

async function startSession(dir: string, archiveId: string, policy: SecurityPolicy, db: DbClient, key: Buffer, userId: string, failedBefore: number): Promise<ArchiveSession> {
  const user = await db.call('session.begin', { userId, failedAttempts: failedBefore });
  const pages = await PageStore.open(dir, key);
  await recoverPageStore(db, pages);
  const own = Buffer.from(key);
  return {
    dir, archiveId, user, policy, db, pages, key: own,
    close: async () => {
      own.fill(0);
      await db.close();
    },
  };
}

/** Adds a user: wraps the same archive key under the new user's password. */
export async function addUser(session: ArchiveSession, input: { username: string; displayName: string; role: Role; password: string }): Promise<User> {
  checkPassword(input.password, session.policy);
  const manifest = readManifest(session.dir);
  if (manifest.slots.some((s) => s.username.toLowerCase() === input.username.toLowerCase())) throw new DossierError('USER_EXISTS');
  const id = uuidv7();
  const user = await session.db.call('users.create', { actorId: session.user.id, user: { id, username: input.username, displayName: input.displayName, role: input.role } });
  manifest.slots.push(await wrapKey(session.key, input.password, { archiveId: session.archiveId, userId: id, username: input.username }));
  await writeManifest(session.dir, manifest);
  return user;
}

/** Removes a user's key slot; the archive key itself does not change. */
export async function removeUser(session: ArchiveSession, userId: string): Promise<void> {
  await session.db.call('users.remove', { actorId: session.user.id, userId });
  const manifest = readManifest(session.dir);
  manifest.slots = manifest.slots.filter((s) => s.userId !== userId);
  await writeManifest(session.dir, manifest);
}

/** Changes sign-in and session rules; recorded in the audit log with the new values. */
export async function setPolicy(session: ArchiveSession, changes: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
  await session.db.call('security.authorisePolicyChange', { actorId: session.user.id, changes });
  const manifest = readManifest(session.dir);
  manifest.policy = { ...manifest.policy, ...changes };
  await writeManifest(session.dir, manifest);
  session.policy = manifest.policy;
  return manifest.policy;
}

export async function changePassword(session: ArchiveSession, userId: string, newPassword: string): Promise<void> {
  checkPassword(newPassword, session.policy);
  const user = await session.db.call('users.authorisePasswordChange', { actorId: session.user.id, userId });
  const manifest = readManifest(session.dir);
  const index = manifest.slots.findIndex((s) => s.userId === userId);
  if (index < 0) throw new DossierError('USER_NOT_FOUND');
  manifest.slots[index] = await wrapKey(session.key, newPassword, { archiveId: session.archiveId, userId, username: user.username });
  await writeManifest(session.dir, manifest);
}

export type VerifyItem =
  | { check: 'databasePages'; ok: boolean; pages: number; badPage?: number | null }
  | { check: 'databaseIntegrity'; ok: boolean; problems: string[] }
  | { check: 'auditChain'; ok: boolean; result: ChainCheck }
  | { check: 'pageStore'; ok: boolean; pages: number; missing: string[]; corrupt: string[]; unlisted: string[] };

export interface VerifyReport {
  ok: boolean;
  items: VerifyItem[];
  /** The first thing found wrong, as a message key and its values, for the one-line answer. */
  firstProblem: Problem | null;
}

/**
 * Re-reads everything: every page of the database file against its HMAC, SQLite's integrity
 * check, the audit chain, and every stored page against its address. It checks without signing
 * in, so that it writes nothing to an archive that may be damaged, and it reports what it finds
 * even when a check cannot finish.
 */
export async function verifyArchive(dir: string, username: string, password: string): Promise<VerifyReport> {
  const paths = archivePaths(dir);
  const { key } = await unlockKey(dir, username, password);
  try {
    let db: DbClient;
    try {
      db = await DbClient.open({ file: paths.db, key, create: false, backupDir: paths.backups });
    } catch (error) {
      if (!(error instanceof DossierError) || error.code !== 'ARCHIVE_DAMAGED' || !existsSync(paths.db)) throw error;
      // The database will not open: name the damaged page if its cipher layer shows one.
      return finish([await cipherItem(paths.db, key)]);
    }
    try {
      await db.call('db.checkpoint').catch(() => undefined);
      const items: VerifyItem[] = [await cipherItem(paths.db, key)];
      items.push(await db.call('db.integrity').then(
        (problems) => ({ check: 'databaseIntegrity' as const, ok: problems.length === 0, problems }),
        (error: unknown) => ({ check: 'databaseIntegrity' as const, ok: false, problems: [reasonOf(error)] }),
      ));
      items.push(await db.call('audit.verify').then(
        (result) => ({ check: 'auditChain' as const, ok: result.ok, result }),
        () => ({ check: 'auditChain' as const, ok: false, result: { ok: false as const, entries: 0, seq: 0, problem: 'unreadable' as const } }),
      ));
      const pages = await PageStore.open(dir, key);
      const listed = await db.call('blobs.ids').catch(() => [] as string[]);
      const deleting = await db.call('blobs.deleting').catch(() => [] as string[]);
      items.push(await verifyPageStore(pages, listed, deleting));
      return finish(items);
    } finally {
      await db.close();
    }
  } finally {
    key.fill(0);
  }
}

async function cipherItem(file: string, key: Buffer): Promise<VerifyItem> {
  const result = await checkCipherPages(file, key);
  return result.ok ? { check: 'databasePages', ok: true, pages: result.pages } : { check: 'databasePages', ok: false, pages: result.pages, badPage: result.badPage };
}

function reasonOf(error: unknown): string {
  if (error instanceof DossierError) return String(error.details?.reason ?? error.code);
  return error instanceof Error ? error.message : String(error);
}

function finish(items: VerifyItem[]): VerifyReport {
  const failed = items.find((i) => !i.ok);
  return { ok: !failed, items, firstProblem: failed ? describe(failed) : null };
}

/** Blobs marked for deletion may or may not still have their file: neither is a problem. */
async function verifyPageStore(pages: PageStore, listed: string[], deleting: string[]): Promise<VerifyItem> {
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const id of listed) {
    const result = await pages.verify(id);
    if (!result.ok) (result.code === 'PAGE_MISSING' ? missing : corrupt).push(id);
  }
  const known = new Set([...listed, ...deleting]);
  const unlisted: string[] = [];
  for await (const id of pages.ids()) if (!known.has(id)) unlisted.push(id);
  return { check: 'pageStore', ok: missing.length + corrupt.length + unlisted.length === 0, pages: listed.length, missing, corrupt, unlisted };
}

export interface Problem {
  messageKey: string;
  values: Record<string, string | number>;
}

function describe(item: VerifyItem): Problem {
  switch (item.check) {
    case 'databasePages':
      return item.badPage ? { messageKey: 'verify.badDatabasePage', values: { page: item.badPage } } : { messageKey: 'verify.badDatabaseSize', values: {} };
    case 'databaseIntegrity':
      return { messageKey: 'verify.badDatabaseIntegrity', values: { detail: item.problems[0] ?? '' } };
    case 'auditChain':
      return { messageKey: `verify.badAudit.${item.result.ok ? 'hash' : item.result.problem}`, values: { seq: item.result.ok ? 0 : item.result.seq } };
    case 'pageStore':
      if (item.missing[0]) return { messageKey: 'verify.pageMissing', values: { id: item.missing[0] } };
      if (item.corrupt[0]) return { messageKey: 'verify.pageCorrupt', values: { id: item.corrupt[0] } };
      return { messageKey: 'verify.pageUnlisted', values: { id: item.unlisted[0] ?? '' } };
  }
}
