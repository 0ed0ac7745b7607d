import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DossierError } from '../../shared/ipc/errors.js';
import { cipherPragmas, keyPragma } from './cipher.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

const damagedCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_SHORT_READ']);

/**
 * Opens (or creates) the encrypted archive database and brings it to the current schema.
 * A file that does not decrypt is reported as damaged, never replaced; a file from a newer
 * Dossier is refused before anything is written to it.
 */
export function openDatabase(file: string, key: Buffer, options: { create: boolean; backupDir: string }): Db {
  if (!options.create && !existsSync(file)) throw new DossierError('ARCHIVE_DAMAGED', { reason: 'missing' });
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: !options.create });
    for (const pragma of cipherPragmas) db.pragma(pragma);
    db.pragma(keyPragma(key));
    // The first read decrypts page 1: a wrong key or a damaged file fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    tune(db);
    migrate(db, file, options.backupDir);
    return db;
  } catch (error) {
    db?.close();
    throw asDossierError(error);
  }
}

/**
 * FULL sync: a power cut must not lose an acknowledged commit. Temp data stays in memory so
 * sorts and temporary indexes never reach the disk unencrypted. The page cache is large because
 * every cache miss costs a decryption and an HMAC check, and checkpoints are rarer than SQLite's
 * default because each one decrypts and re-encrypts every page it copies (docs/BENCHMARKS.md).
 */
function tune(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('busy_timeout = 5000');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations in one transaction, after copying the file aside. */
export function migrate(db: Db, file: string, backupDir: string, steps: ReadonlyArray<(db: Db) => void> = migrations): void {
  const from = schemaVersion(db);
  const latest = steps.length;
  if (from > latest) throw new DossierError('ARCHIVE_TOO_NEW', { version: from, supported: latest });
  if (from === latest) return;
  if (from > 0) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    mkdirSync(backupDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    copyFileSync(file, join(backupDir, `${basename(file)}.v${from}.${stamp}.bak`));
  }
  db.transaction(() => {
    for (let version = from; version < latest; version++) steps[version]!(db);
    db.pragma(`user_version = ${latest}`);
  })();
}

export function asDossierError(error: unknown): unknown {
  if (error instanceof DossierError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && damagedCodes.has(code)) return new DossierError('ARCHIVE_DAMAGED', { reason: code });
  return error;
}
