import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createArchive } from '../../electron/archive/archive.js';
import { defaultPolicy, type SecurityPolicy } from '../../electron/archive/manifest.js';
import { cipherPragmas, keyPragma } from '../../electron/db/cipher.js';

export const adminPassword = 'Zhang-Wei-2026!';

/** Same rules as shipped, without the waiting, so lock-out tests run fast. */
export const testPolicy: SecurityPolicy = { ...defaultPolicy, slowDelayMs: 0, slowAfterFailures: 1, lockAfterFailures: 3, lockMinutes: 15 };

export function tempDir(prefix = 'dossier-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh archive in a new folder, its administrator signed in. */
export async function newArchive(policy: SecurityPolicy = testPolicy) {
  const dir = join(tempDir(), 'archive');
  const created = await createArchive(dir, { username: 'admin', displayName: '管理员', password: adminPassword, branchName: '北京朝阳支公司' }, policy);
  return { dir, ...created };
}

/** Opens the database file directly with the raw key, as an attacker with the recovery key could. */
export function rawDatabase(file: string, recoveryKey: string): Database.Database {
  const db = new Database(file);
  for (const pragma of cipherPragmas) db.pragma(pragma);
  db.pragma(keyPragma(Buffer.from(recoveryKey, 'hex')));
  return db;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

export function snapshotFolder(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, readFileSync(f).toString('base64')]));
}
