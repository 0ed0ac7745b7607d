import type { Database } from 'better-sqlite3-multiple-ciphers';
import { refreshAllCompleteness } from '../../records/completeness.js';

/**
 * Each customer row keeps its checklist's counts beside the stored percentage, and its open items
 * are kept in a table of their own (only the rows a report sends read them; the customers table,
 * which lists and other reports scan whole, stays as small as it was): for the completeness report
 * (electron/records/completeness.ts, storeSummary). Existing customers get theirs computed here.
 *
 * The documents index on state alone goes: without statistics SQLite preferred it to the
 * (customer, type) index for "this customer's filed documents of this type", scanning every filed
 * document per checklist item (2.9 ms a checklist at 5,000 documents). The inbox, the one state
 * worth an index, gets a partial index in its list order instead.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN missing_documents INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN field_issues INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN low_quality_pages INTEGER NOT NULL DEFAULT 0;
    -- A customer with nothing open has no row.
    CREATE TABLE customer_open_items (
      customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
      items TEXT NOT NULL CHECK (json_valid(items) AND json_array_length(items) > 0)
    ) STRICT, WITHOUT ROWID;
    DROP INDEX documents_state;
    CREATE INDEX documents_inbox ON documents(created_at, id) WHERE state = 'inbox';
  `);
  refreshAllCompleteness(db);
}
