import type { Handlers } from '../ipc/router.js';
import type { SessionManager } from '../services/sessions.js';

type ChecklistMethod = 'documentTypes.list' | 'documentTypes.save' | 'completeness.customer' | 'completeness.policy' | 'due.list' | 'due.rules' | 'due.setRules';

/** IPC handlers for document types, completeness checklists and update due dates: the signed-in user acts. */
export function checklistHandlers(sessions: SessionManager): Pick<Handlers, ChecklistMethod> {
  const actor = () => {
    const session = sessions.current();
    return { db: session.db, actorId: session.user.id };
  };
  return {
    'documentTypes.list': () => {
      const { db, actorId } = actor();
      return db.call('documentTypes.list', { actorId });
    },
    'documentTypes.save': (input) => {
      const { db, actorId } = actor();
      return db.call('documentTypes.save', { actorId, ...input });
    },
    'completeness.customer': (input) => {
      const { db, actorId } = actor();
      return db.call('completeness.customer', { actorId, ...input });
    },
    'completeness.policy': (input) => {
      const { db, actorId } = actor();
      return db.call('completeness.policy', { actorId, ...input });
    },
    'due.list': (input) => {
      const { db, actorId } = actor();
      return db.call('due.list', { actorId, ...input });
    },
    'due.rules': () => {
      const { db, actorId } = actor();
      return db.call('due.rules', { actorId });
    },
    'due.setRules': (input) => {
      const { db, actorId } = actor();
      return db.call('due.setRules', { actorId, ...input });
    },
  };
}
