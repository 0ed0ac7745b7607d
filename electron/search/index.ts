import type { Db } from '../db/connection.js';
import { grams } from './grams.js';

/** Keeps a customer's searchable text current; call in the transaction that changes the customer. */
export function indexCustomer(db: Db, rowid: number | bigint, fields: { name: string; address?: string | null }): void {
  db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(rowid);
  db.prepare('INSERT INTO customer_search (rowid, name, address) VALUES (?, ?, ?)').run(rowid, grams(fields.name), grams(fields.address));
}

/** Keeps a page's text searchable; call in the transaction that stores or corrects the text. */
export function indexPage(db: Db, rowid: number | bigint, text: string | null): void {
  db.prepare('DELETE FROM page_search WHERE rowid = ?').run(rowid);
  if (text) db.prepare('INSERT INTO page_search (rowid, text) VALUES (?, ?)').run(rowid, grams(text));
}
