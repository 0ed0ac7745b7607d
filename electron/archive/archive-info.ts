import type { Db } from '../db/connection.js';

export function setInfo(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO archive_info (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getInfo(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM archive_info WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function insertBranch(db: Db, branch: { id: string; name: string; createdAt: string }): void {
  db.prepare('INSERT INTO branches (id, name, created_at) VALUES (@id, @name, @createdAt)').run(branch);
}
