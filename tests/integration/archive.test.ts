import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, archivePaths, changePassword, createArchive, openArchive, removeUser } from '../../electron/archive/archive.js';
import { readManifest } from '../../electron/archive/manifest.js';
import { checkCipherPages } from '../../electron/db/cipher.js';
import { latestVersion } from '../../electron/db/migrations/index.js';
import { adminPassword, newArchive, rawDatabase, snapshotFolder, tempDir, testPolicy } from '../support/archive.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('creating and opening an archive', () => {
  it('creates an archive, shows the recovery key once and signs the administrator in', async () => {
    const { dir, session, recoveryKey, sqlcipherPragma } = await newArchive();
    expect(recoveryKey).toMatch(/^[0-9a-f]{64}$/);
    expect(sqlcipherPragma).toBe(`PRAGMA key = "x'${recoveryKey}'";`);
    expect(session.user).toMatchObject({ username: 'admin', role: 'admin' });
    await session.close();
    const again = await openArchive(dir, 'ADMIN', adminPassword);
    expect(again.user.username).toBe('admin');
    await again.close();
    expect(JSON.stringify(readManifest(dir))).not.toContain(recoveryKey);
  });

  it('refuses a weak password and a folder that is not empty, changing nothing', async () => {
    await expect(createArchive(join(tempDir(), 'a'), { username: 'a', displayName: 'A', password: 'short', branchName: 'B' }, testPolicy)).rejects.toMatchObject({ code: 'WEAK_PASSWORD', details: { min: 8 } });
    const busy = tempDir();
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    const before = snapshotFolder(busy);
    await expect(createArchive(busy, { username: 'a', displayName: 'A', password: adminPassword, branchName: 'B' })).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' });
    expect(snapshotFolder(busy)).toEqual(before);

    const { dir, session } = await newArchive();
    await session.close();
    const archiveBefore = snapshotFolder(dir);
    await expect(createArchive(dir, { username: 'b', displayName: 'B', password: adminPassword, branchName: 'B' })).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' });
    expect(snapshotFolder(dir)).toEqual(archiveBefore);
  });

  it('tells an empty folder, a foreign folder and a broken manifest apart', async () => {
    await expect(openArchive(tempDir(), 'admin', adminPassword)).rejects.toMatchObject({ code: 'NO_ARCHIVE' });
    await expect(openArchive(join(tempDir(), 'missing'), 'admin', adminPassword)).rejects.toMatchObject({ code: 'NO_ARCHIVE' });
    const foreign = tempDir();
    mkdirSync(join(foreign, 'photos'));
    await expect(openArchive(foreign, 'admin', adminPassword)).rejects.toMatchObject({ code: 'NOT_AN_ARCHIVE' });
    const { dir, session } = await newArchive();
    await session.close();
    writeFileSync(join(dir, 'dossier.json'), '{"format":"something-else"}');
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'NOT_AN_ARCHIVE' });
  });
});

describe('passwords and lock-out', () => {
  it('refuses a wrong password and an unknown user alike', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    await expect(openArchive(dir, 'admin', 'wrong password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(openArchive(dir, 'nobody', adminPassword)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(readManifest(dir).slots[0]!.failedAttempts).toBe(1);
  });

  it('locks the account after repeated failures, even against the right password, and records the failures at the next sign-in', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    for (let i = 1; i < testPolicy.lockAfterFailures; i++) {
      await expect(openArchive(dir, 'admin', `guess ${i}`)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    }
    await expect(openArchive(dir, 'admin', 'last guess')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const error = await openArchive(dir, 'admin', adminPassword).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const until = new Date((error as { details: { until: string } }).details.until).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('resets the failure count after a successful sign-in', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    await expect(openArchive(dir, 'admin', 'nope nope')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const again = await openArchive(dir, 'admin', adminPassword);
    await again.close();
    expect(readManifest(dir).slots[0]!.failedAttempts).toBe(0);
  });
});

describe('users and key wrapping', () => {
  it('adds, re-keys and removes users without re-encrypting the archive', async () => {
    const { dir, session, recoveryKey } = await newArchive();
    const file = archivePaths(dir).db;
    const key = Buffer.from(recoveryKey, 'hex');

    const agent = await addUser(session, { username: 'liu.yang', displayName: '刘洋', role: 'agent', password: 'agent-pass-1' });
    await expect(addUser(session, { username: 'LIU.YANG', displayName: 'x', role: 'agent', password: 'agent-pass-1' })).rejects.toMatchObject({ code: 'USER_EXISTS' });
    const asAgent = await openArchive(dir, 'liu.yang', 'agent-pass-1');
    expect(asAgent.user.role).toBe('agent');
    await expect(addUser(asAgent, { username: 'mallory', displayName: 'M', role: 'admin', password: 'mallory-pass' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(changePassword(asAgent, session.user.id, 'taken-over!')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await changePassword(asAgent, agent.id, 'agent-pass-2');
    await asAgent.close();
    await expect(openArchive(dir, 'liu.yang', 'agent-pass-1')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    (await openArchive(dir, 'liu.yang', 'agent-pass-2')).close();

    await removeUser(session, agent.id);
    await expect(openArchive(dir, 'liu.yang', 'agent-pass-2')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(removeUser(session, session.user.id)).rejects.toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'lastAdmin' } });
    await session.close();

    // The recovery key shown at creation still opens the database: nothing was re-encrypted.
    expect(await checkCipherPages(file, key)).toMatchObject({ ok: true });
    const raw = rawDatabase(file, recoveryKey);
    expect(raw.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()).toEqual(
      expect.arrayContaining(['archive.create', 'user.create', 'user.passwordChange', 'user.remove']),
    );
    raw.close();
  });
});

describe('damaged and foreign databases', () => {
  it('refuses a truncated database without touching it or creating a new one', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    const file = archivePaths(dir).db;
    truncateSync(file, 4096 + 100);
    const before = snapshotFolder(dir);
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_DAMAGED' });
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a database overwritten with garbage, or missing', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    const file = archivePaths(dir).db;
    writeFileSync(file, Buffer.alloc(8192, 7));
    const hash = sha(file);
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_DAMAGED' });
    expect(sha(file)).toBe(hash);
    unlinkSync(file);
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_DAMAGED', details: { reason: 'missing' } });
  });

  it('refuses a database from a newer Dossier before writing to it', async () => {
    const { dir, session, recoveryKey } = await newArchive();
    await session.close();
    const file = archivePaths(dir).db;
    const raw = rawDatabase(file, recoveryKey);
    raw.pragma(`user_version = ${latestVersion + 1}`);
    raw.close();
    const hash = sha(file);
    await expect(openArchive(dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_TOO_NEW', details: { version: latestVersion + 1, supported: latestVersion } });
    expect(sha(file)).toBe(hash);
  });

  it('refuses a database from another archive placed in this folder', async () => {
    const first = await newArchive();
    const second = await newArchive();
    await first.session.close();
    await second.session.close();
    // Same password, different archive: the key slot opens, the database does not belong to it.
    writeFileSync(join(first.dir, 'dossier.json'), readFileSync(join(second.dir, 'dossier.json')));
    await expect(openArchive(first.dir, 'admin', adminPassword)).rejects.toMatchObject({ code: 'ARCHIVE_DAMAGED' });
  });
});
