import type { Database } from 'better-sqlite3-multiple-ciphers';
import { seedDocumentTypes } from '../../records/document-type-catalogue.js';

/**
 * Data only, no schema change: the default document-type catalogue (ID copy, business licence,
 * application form, health declaration, …; H7.1). Types already present by code are kept.
 */
export function up(db: Database): void {
  seedDocumentTypes(db);
}
