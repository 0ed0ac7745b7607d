import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection.js';

const compiled = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement compiled once per connection. For code that runs per customer over a whole archive
 * (the checklists a migration or a requirement change recomputes for every customer), compiling
 * the same SQL again each time was a third of the work. A statement keeps the mode it was last
 * given (pluck, raw), so each SQL text should be used one way.
 */
export function statement(db: Db, sql: string): Statement {
  let statements = compiled.get(db);
  if (!statements) compiled.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
