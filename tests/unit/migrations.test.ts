import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cipherPragmas, keyPragma } from '../../electron/db/cipher.js';
import { type Db, migrate, openDatabase, schemaVersion } from '../../electron/db/connection.js';
import { latestVersion, migrations } from '../../electron/db/migrations/index.js';
import { insertCustomer } from '../../electron/records/customers.js';
import { customerInputSchema } from '../../shared/domain/customer.js';
import { DossierError } from '../../shared/ipc/errors.js';

const roots: string[] = [];
const open: Db[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function freshPaths(): { file: string; backupDir: string; key: Buffer } {
  const root = mkdtempSync(join(tmpdir(), 'dossier-migrations-'));
  roots.push(root);
  return { file: join(root, 'archive.db'), backupDir: join(root, 'backups'), key: randomBytes(32) };
}

function track(db: Db): Db {
  open.push(db);
  return db;
}

/** A fresh encrypted database brought to the latest schema by openDatabase. */
function freshDatabase() {
  const paths = freshPaths();
  const db = track(openDatabase(paths.file, paths.key, { create: true, backupDir: paths.backupDir }));
  return { ...paths, db };
}

/** The same file opened directly with the key: no migration runs. */
function rawOpen(file: string, key: Buffer): Db {
  const db = track(new Database(file, { fileMustExist: true }));
  for (const pragma of cipherPragmas) db.pragma(pragma);
  db.pragma(keyPragma(key));
  return db;
}

function schemaText(db: Db): string {
  const rows = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map((r) => `-- ${r.type} ${r.name} (on ${r.tbl_name})\n${r.sql ?? '-- no sql'};\n`).join('\n');
}

if (latestVersion < 2) {
  console.warn(`migrations.test: skipping the backup-before-migrating test: with ${latestVersion} migration there is no older non-empty version to migrate from (a version-0 database is new and is never backed up).`);
}

describe('a fresh database', () => {
  it('is encrypted, at the latest version, and made without a backup', () => {
    const { db, file, backupDir } = freshDatabase();
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(latestVersion).toBe(migrations.length);
    expect(existsSync(backupDir)).toBe(false);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('has the schema in the snapshot', async () => {
    const { db } = freshDatabase();
    await expect(schemaText(db)).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });

  it('will not open with another key', () => {
    const { db, file, backupDir } = freshDatabase();
    db.close();
    let error: unknown;
    try {
      track(openDatabase(file, randomBytes(32), { create: false, backupDir }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DossierError);
    expect(error).toMatchObject({ code: 'ARCHIVE_DAMAGED' });
  });
});

describe('migration 001: the archive core', () => {
  // Every table of the current schema, so a table added without STRICT fails here.
  const tables = [
    'archive_info', 'audit_head', 'audit_log', 'blobs', 'branches', 'customer_open_items', 'customers', 'document_types', 'documents', 'hot_folders',
    'ingest_batches', 'ingest_files', 'ingest_pages', 'pages', 'policies', 'policy_parties', 'settings', 'users',
  ];

  it('makes every table STRICT', () => {
    const { db } = freshDatabase();
    const list = (db.pragma('table_list') as { schema: string; name: string; type: string; strict: number }[])
      .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(list.map((t) => t.name)).toEqual(tables);
    expect(list.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
    expect(() => db.prepare("INSERT INTO blobs (id, size, created_at) VALUES (?, 'big', 'now')").run('a'.repeat(64))).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('runs with foreign keys on and enforces them', () => {
    const { db } = freshDatabase();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() =>
      db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES ('u1', 'a', 'A', 'agent', 'no-such-branch', 'now')").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('creates the audit triggers and seeds the chain head', () => {
    const { db } = freshDatabase();
    const triggers = db.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers).toEqual([
      { name: 'audit_log_append_only', tbl_name: 'audit_log' },
      { name: 'audit_log_head', tbl_name: 'audit_log' },
      { name: 'audit_log_no_delete', tbl_name: 'audit_log' },
      { name: 'audit_log_no_update', tbl_name: 'audit_log' },
    ]);
    expect(db.prepare('SELECT * FROM audit_head').all()).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
    expect(() => db.prepare("INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, 'x')").run()).toThrow(/CHECK constraint failed/);
  });

  it('refuses a bad role, outcome, details, hash or blob id through CHECK constraints', () => {
    const { db } = freshDatabase();
    db.prepare("INSERT INTO branches (id, name, created_at) VALUES ('b1', 'Branch', 'now')").run();
    const user = db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, 'X', ?, 'b1', 'now')");
    expect(() => user.run('u1', 'root', 'root')).toThrow(/CHECK constraint failed/);
    user.run('u2', 'agent', 'agent');

    const audit = db.prepare(
      `INSERT INTO audit_log (seq, id, at, action, outcome, details, prev_hash, hash) VALUES (?, ?, 'now', 'x', ?, ?, ?, ?)`,
    );
    const h = 'a'.repeat(64);
    expect(() => audit.run(1, 'e1', 'maybe', null, h, h)).toThrow(/CHECK constraint failed/);
    expect(() => audit.run(1, 'e1', 'success', 'not json', h, h)).toThrow(/CHECK constraint failed/);
    expect(() => audit.run(1, 'e1', 'success', null, 'short', h)).toThrow(/CHECK constraint failed/);
    // Out of sequence is refused by the append-only trigger before any CHECK runs.
    expect(() => audit.run(0, 'e1', 'success', null, h, h)).toThrow(/append-only/);
    expect(() => audit.run(2, 'e1', 'success', null, h, h)).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO blobs (id, size, created_at) VALUES ('short', 1, 'now')").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, -1, ?)').run('b'.repeat(64), 'now')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', '{bad')").run()).toThrow(/CHECK constraint failed/);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('refuses duplicate user names regardless of case', () => {
    const { db } = freshDatabase();
    db.prepare("INSERT INTO branches (id, name, created_at) VALUES ('b1', 'Branch', 'now')").run();
    const user = db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (?, ?, 'X', 'agent', 'b1', 'now')");
    user.run('u1', 'Liu.Yang');
    expect(() => user.run('u2', 'liu.yang')).toThrow(/UNIQUE constraint failed/);
  });
});

describe('migrate()', () => {
  it('leaves a database already at the latest version alone and makes no backup', () => {
    const { db, file } = freshDatabase();
    const before = schemaText(db);
    const backupDir = join(freshPaths().backupDir, 'elsewhere');
    migrate(db, file, backupDir);
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(schemaText(db)).toBe(before);
    expect(existsSync(backupDir)).toBe(false);
  });

  it('refuses a database from a newer version without changing it', () => {
    const { db, file, backupDir } = freshDatabase();
    db.pragma(`user_version = ${latestVersion + 1}`);
    const before = schemaText(db);
    expect(() => migrate(db, file, backupDir)).toThrow(DossierError);
    expect(() => migrate(db, file, backupDir)).toThrow(expect.objectContaining({ code: 'ARCHIVE_TOO_NEW' }));
    expect(schemaVersion(db)).toBe(latestVersion + 1);
    expect(schemaText(db)).toBe(before);
    expect(existsSync(backupDir)).toBe(false);
  });

  it.skipIf(latestVersion < 2)('copies a database at an older version into the backup folder before migrating', () => {
    const { file, backupDir, key } = freshPaths();
    const from = latestVersion - 1;
    const old = track(new Database(file));
    for (const pragma of cipherPragmas) old.pragma(pragma);
    old.pragma(keyPragma(key));
    old.pragma('journal_mode = WAL');
    old.transaction(() => {
      for (let version = 0; version < from; version++) migrations[version]!(old);
      old.pragma(`user_version = ${from}`);
    })();
    const oldSchema = schemaText(old);
    old.close();

    const db = track(openDatabase(file, key, { create: false, backupDir }));
    expect(schemaVersion(db)).toBe(latestVersion);
    const backups = readdirSync(backupDir);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^archive\\.db\\.v${from}\\..+\\.bak$`));
    const backup = rawOpen(join(backupDir, backups[0]!), key);
    expect(schemaVersion(backup)).toBe(from);
    expect(schemaText(backup)).toBe(oldSchema);
  });

  it('backs up, then applies the next migration in one transaction', () => {
    const { db, file, backupDir } = freshDatabase();
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', '1')").run();
    const next = (d: Db) => d.exec('CREATE TABLE extra (id TEXT PRIMARY KEY) STRICT');
    migrate(db, file, backupDir, [...migrations, next]);
    expect(schemaVersion(db)).toBe(migrations.length + 1);
    expect(readdirSync(backupDir)).toHaveLength(1);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").pluck().get()).toBe('1');
  });

  it('rolls a failing migration back whole: version, tables and data as before', () => {
    const { db, file, backupDir } = freshDatabase();
    const before = schemaText(db);
    const failing = (d: Db) => {
      d.exec('CREATE TABLE half_done (id TEXT) STRICT');
      d.exec("DELETE FROM settings");
      throw new Error('migration bug');
    };
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', '1')").run();
    expect(() => migrate(db, file, backupDir, [...migrations, failing])).toThrow('migration bug');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(schemaText(db)).toBe(before);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").pluck().get()).toBe('1');
    // The copy taken before migrating is there to go back to.
    expect(readdirSync(backupDir)).toHaveLength(1);
  });

  it('rolls a failing migration back: the version stays, nothing changes, the error propagates', () => {
    const { db, file, backupDir, key } = freshDatabase();
    // The tables exist but the version says none: migration 001 fails on its first CREATE TABLE.
    db.pragma('user_version = 0');
    const before = schemaText(db);
    const head = db.prepare('SELECT * FROM audit_head').all();
    expect(() => migrate(db, file, backupDir)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(schemaText(db)).toBe(before);
    expect(db.prepare('SELECT * FROM audit_head').all()).toEqual(head);
    expect(db.inTransaction).toBe(false);
    db.close();

    // The same through openDatabase: the error comes out and the file is left at version 0.
    expect(() => track(openDatabase(file, key, { create: false, backupDir }))).toThrow(/already exists/);
    const raw = rawOpen(file, key);
    expect(schemaVersion(raw)).toBe(0);
    expect(schemaText(raw)).toBe(before);
    expect(existsSync(backupDir)).toBe(false);
  });
});

describe('migration 002: records', () => {
  function withBranch() {
    const { db } = freshDatabase();
    db.prepare("INSERT INTO branches (id, name, created_at) VALUES ('b1', 'Branch', 'now')").run();
    return db;
  }
  const customer = "INSERT INTO customers (id, branch_id, type, name, id_number, created_at, updated_at) VALUES (?, 'b1', ?, ?, ?, 'now', 'now')";

  it('refuses a second customer with the same ID number, and unknown types', () => {
    const db = withBranch();
    db.prepare(customer).run('c1', 'individual', '张伟', '11010519491231002X');
    expect(() => db.prepare(customer).run('c2', 'individual', '张伟', '11010519491231002X')).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare(customer).run('c3', 'person', '张伟', null)).toThrow(/CHECK constraint failed/);
    db.prepare(customer).run('c4', 'individual', '无证件', null);
    db.prepare(customer).run('c5', 'individual', '也无证件', null);
  });

  it('creates contentless search tables that match our grams', () => {
    const db = withBranch();
    db.prepare("INSERT INTO customer_search (rowid, name, address) VALUES (1, '张 伟 张伟', '')").run();
    expect(db.prepare("SELECT rowid FROM customer_search WHERE customer_search MATCH '\"张伟\"'").pluck().all()).toEqual([1]);
    expect(() => db.prepare("SELECT name FROM customer_search").all()).not.toThrow();
    db.prepare('DELETE FROM customer_search WHERE rowid = 1').run();
    expect(db.prepare("SELECT count(*) FROM customer_search WHERE customer_search MATCH '\"张伟\"'").pluck().get()).toBe(0);
  });

  it('keeps policy parties to known customers and roles', () => {
    const db = withBranch();
    db.prepare(customer).run('c1', 'individual', '张伟', null);
    db.prepare(
      "INSERT INTO policies (id, branch_id, policy_number, product_name, product_line, sum_insured_fen, premium_fen, payment_frequency, application_date, status, created_at, updated_at) VALUES ('p1', 'b1', 'P1', 'X', 'life', 1, 1, 'annual', '2026-01-01', 'applied', 'now', 'now')",
    ).run();
    const party = db.prepare('INSERT INTO policy_parties (policy_id, customer_id, role) VALUES (?, ?, ?)');
    party.run('p1', 'c1', 'policyholder');
    expect(() => party.run('p1', 'nobody', 'insured')).toThrow(/FOREIGN KEY/);
    expect(() => party.run('p1', 'c1', 'owner')).toThrow(/CHECK constraint failed/);
  });
});

describe('migration 003: document type catalogue', () => {
  it('seeds the default catalogue in three languages', () => {
    const { db } = freshDatabase();
    const rows = db.prepare('SELECT code, names FROM document_types').all() as { code: string; names: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['id_copy', 'application_form', 'health_declaration']));
    for (const row of rows) expect(Object.keys(JSON.parse(row.names)).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
  });
});

describe('migration 004: ingest', () => {
  it('keeps batches, files and their pages consistent, and blobs being deleted listed', () => {
    const { db } = freshDatabase();
    const at = '2026-11-22T00:00:00.000Z';
    db.prepare("INSERT INTO branches (id, name, created_at) VALUES ('b', 'branch', ?)").run(at);
    db.prepare("INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES ('u', 'agent', 'A', 'agent', 'b', ?)").run(at);
    db.prepare("INSERT INTO ingest_batches (id, branch_id, source, operator_id, state, created_at) VALUES ('batch', 'b', 'drop', 'u', 'open', ?)").run(at);
    expect(() => db.prepare("INSERT INTO ingest_batches (id, branch_id, source, operator_id, state, created_at) VALUES ('x', 'b', 'email', 'u', 'open', ?)").run(at)).toThrow(/CHECK/);
    const blob = 'b'.repeat(64);
    db.prepare('INSERT INTO blobs (id, size, created_at) VALUES (?, 1, ?)').run(blob, at);
    db.prepare("INSERT INTO ingest_files (id, batch_id, seq, file_name, size, sha256, blob_id, state, created_at) VALUES ('f', 'batch', 1, 'a.jpg', 1, 'h', ?, 'queued', ?)").run(blob, at);
    expect(() => db.prepare("INSERT INTO ingest_files (id, batch_id, seq, file_name, size, state, created_at) VALUES ('g', 'batch', 1, 'b.jpg', 1, 'queued', ?)").run(at)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE ingest_files SET quarantine = 'lost' WHERE id = 'f'").run()).toThrow(/CHECK/);
    // A cover sheet is a page without a stored image.
    db.prepare("INSERT INTO ingest_pages (file_id, page_index, width, height, color_mode, text_source, cover_sheet) VALUES ('f', 0, 10, 10, 'gray', 'none', 'DOSSIER-CS1|…')").run();
    expect(() => db.prepare("INSERT INTO ingest_pages (file_id, page_index, blob_id, width, height, color_mode, text_source) VALUES ('f', 1, 'missing', 10, 10, 'gray', 'ocr')").run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT deleting FROM blobs WHERE id = ?').pluck().get(blob)).toBe(0);
    expect(() => db.prepare('UPDATE blobs SET deleting = 2 WHERE id = ?').run(blob)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO hot_folders (id, branch_id, name, path, mode, created_at) VALUES ('h', 'b', 'scanner', '/scans', 'push', ?)").run(at)).toThrow(/CHECK/);
  });
});

describe('migration 005: checklist summary', () => {
  it('gives existing customers their open items, and the inbox its partial index', () => {
    const { file, backupDir, key } = freshPaths();
    const old = track(new Database(file));
    for (const pragma of cipherPragmas) old.pragma(pragma);
    old.pragma(keyPragma(key));
    old.pragma('journal_mode = WAL');
    const at = '2026-11-22T00:00:00.000Z';
    old.transaction(() => {
      for (let version = 0; version < 4; version++) migrations[version]!(old);
      old.pragma('user_version = 4');
      old.prepare("INSERT INTO branches (id, name, created_at) VALUES ('b', 'branch', ?)").run(at);
      // An individual without address and occupation, and no documents: 3 of 7 items.
      const fields = customerInputSchema.parse({ type: 'individual', name: '张伟', idNumber: '110101199003071233', mobile: '13812345678' });
      insertCustomer(old, { id: 'c', branchId: 'b', at, fields });
    })();
    old.close();

    const db = track(openDatabase(file, key, { create: false, backupDir }));
    const row = db.prepare('SELECT completeness, items AS open_items, missing_documents, field_issues, low_quality_pages FROM customers JOIN customer_open_items ON customer_id = id').get() as Record<string, unknown>;
    expect(row).toMatchObject({ completeness: 43, missing_documents: 2, field_issues: 2, low_quality_pages: 0 });
    const open = JSON.parse(row.open_items as string) as { kind: string; state: string; field?: string }[];
    expect(open.filter((i) => i.kind === 'document').map((i) => i.state)).toEqual(['missing', 'missing']);
    expect(open.filter((i) => i.kind === 'field')).toEqual([
      { kind: 'field', field: 'address', state: 'missing' },
      { kind: 'field', field: 'occupation', state: 'missing' },
    ]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM documents WHERE customer_id = ? AND document_type_id = ? AND state = 'filed'").all('c', 't') as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('documents_customer');
  });
});
