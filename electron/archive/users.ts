import type { Role } from '../../shared/domain/roles.js';
import type { Db } from '../db/connection.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  branchId: string;
  createdAt: string;
  removedAt: string | null;
}

const columns = `id, username, display_name AS displayName, role, branch_id AS branchId, created_at AS createdAt, removed_at AS removedAt`;

export function insertUser(db: Db, user: Omit<User, 'removedAt'>): void {
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, branch_id, created_at) VALUES (@id, @username, @displayName, @role, @branchId, @createdAt)`,
  ).run(user);
}

export function findUserByName(db: Db, username: string): User | undefined {
  return db.prepare(`SELECT ${columns} FROM users WHERE username = ?`).get(username) as User | undefined;
}

export function findUserById(db: Db, id: string): User | undefined {
  return db.prepare(`SELECT ${columns} FROM users WHERE id = ?`).get(id) as User | undefined;
}

export function listUsers(db: Db): User[] {
  return db.prepare(`SELECT ${columns} FROM users ORDER BY username`).all() as User[];
}

export function markUserRemoved(db: Db, id: string, at: string): void {
  db.prepare('UPDATE users SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
}

export function countActiveAdmins(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND removed_at IS NULL`).get() as { n: number }).n;
}
