import type { Handlers } from '../ipc/router.js';
import type { SessionManager } from '../services/sessions.js';

/** The IPC handler for search, for the app context to spread into its handler object. */
export function searchHandlers(sessions: SessionManager): Pick<Handlers, 'search.query'> {
  return {
    'search.query': async (input) => {
      const session = sessions.current();
      return session.db.call('search.query', { actorId: session.user.id, ...input });
    },
  };
}
