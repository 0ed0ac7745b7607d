import type { Database } from 'better-sqlite3-multiple-ciphers';
import * as m001 from './001-archive-core.js';

/** Numbered migrations; position n holds migration n+1. Never edit one that has shipped: add the next. */
export const migrations: ReadonlyArray<(db: Database) => void> = [m001.up];
export const latestVersion = migrations.length;
