import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as m001 from './001-archive-core.js';
import * as m002 from './002-records.js';
import * as m003 from './003-document-type-catalogue.js';
import * as m004 from './004-ingest.js';
import * as m005 from './005-checklist-summary.js';

/** Numbered migrations; position n holds migration n+1. Never edit one that has shipped: add the next. */
export const migrations: ReadonlyArray<(db: Database) => void> = [m001.up, m002.up, m003.up, m004.up, m005.up];
export const latestVersion = migrations.length;
