import type { SearchFilters } from '../../shared/ipc/methods/search.js';
import { activeUser } from '../archive/ops.js';
import type { Db } from '../db/connection.js';
import { searchArchive, type SearchResult } from './query.js';

/** Search on the database worker: read-only, masked for the acting user's role. */
export const searchOps = {
  'search.query'(db: Db, a: { actorId: string; query: string; filters?: SearchFilters; limit?: number }): SearchResult[] {
    const actor = activeUser(db, a.actorId);
    // Not audited: the query itself may be personal data (a name, an ID number), and the audit log can never forget it.
    return searchArchive(db, a.query, { viewerRole: actor.role, ...(a.filters ? { filters: a.filters } : {}), ...(a.limit !== undefined ? { limit: a.limit } : {}) });
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
