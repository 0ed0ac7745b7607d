import type { Handlers } from '../ipc/router.js';
import type { SessionManager } from '../services/sessions.js';

type RecordMethod =
  | 'customers.create'
  | 'customers.update'
  | 'customers.get'
  | 'customers.list'
  | 'policies.create'
  | 'policies.update'
  | 'policies.get'
  | 'policies.forCustomer'
  | 'policies.list'
  | 'staff.directory';

/** Customers and policies over IPC: the signed-in user acts; the worker checks what they may do. */
export function recordHandlers(sessions: SessionManager): Pick<Handlers, RecordMethod> {
  const db = () => sessions.current().db;
  const actorId = () => sessions.current().user.id;
  return {
    'customers.create': ({ customer }) => db().call('customers.create', { actorId: actorId(), customer }),
    'customers.update': ({ id, changes }) => db().call('customers.update', { actorId: actorId(), id, changes }),
    'customers.get': ({ id }) => db().call('customers.get', { actorId: actorId(), id }),
    'customers.list': (input) => db().call('customers.list', { actorId: actorId(), ...input }),
    'policies.create': ({ policy }) => db().call('policies.create', { actorId: actorId(), policy }),
    'policies.update': ({ id, changes }) => db().call('policies.update', { actorId: actorId(), id, changes }),
    'policies.get': ({ id }) => db().call('policies.get', { actorId: actorId(), id }),
    'policies.forCustomer': ({ customerId }) => db().call('policies.forCustomer', { actorId: actorId(), customerId }),
    'policies.list': (input) => db().call('policies.list', { actorId: actorId(), ...input }),
    'staff.directory': () => db().call('staff.directory', { actorId: actorId() }),
  };
}
