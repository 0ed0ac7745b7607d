import type { z } from 'zod';
import { type CustomerFields, customerInputSchema } from '../../shared/domain/customer.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';
import { type PolicyFields, policyInputSchema } from '../../shared/domain/policy.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { customerListInput, policyListInput } from '../../shared/ipc/methods/records.js';
import { activeUser } from '../archive/ops.js';
import { appendAudit } from '../archive/audit-log.js';
import type { Db } from '../db/connection.js';
import { indexCustomer } from '../search/index.js';
import { type CustomerRecord, findCustomer, findDuplicate, insertCustomer, listCustomers, updateCustomer } from './customers.js';
import { findPolicy, findPolicyId, insertPolicy, listPolicies, policiesOfCustomer, policyFields, updatePolicy } from './policies.js';
import { refreshCompleteness } from './completeness.js';
import { type DueEvent, localToday, refreshDueDate } from './due-dates.js';
import { customerRowView, customerView, requireEditor } from './views.js';

/** A changed customer or policy changes checklists and due dates: recompute them in the same transaction. */
function refreshDerived(db: Db, customerIds: Iterable<string>, events: DueEvent[] = []): void {
  for (const id of new Set(customerIds)) {
    refreshCompleteness(db, id);
    refreshDueDate(db, id, events);
  }
}

function partyIds(fields: PolicyFields): string[] {
  return [fields.policyholderId, ...fields.insuredIds, ...fields.beneficiaries.map((b) => b.customerId)];
}

/** A new product or a later end date on an existing policy is a product change or a renewal (H1.3). */
function policyEvents(before: ReturnType<typeof policyFields>, after: PolicyFields): DueEvent[] {
  const today = localToday();
  const events: DueEvent[] = [];
  if (before.productName !== after.productName || before.productLine !== after.productLine) events.push({ kind: 'productChange', date: today });
  if (typeof before.endDate === 'string' && after.endDate && after.endDate > before.endDate) events.push({ kind: 'renewal', date: today });
  return events;
}

/** Domain validation failures, with the i18n key of each message, as INVALID_INPUT. */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DossierError('INVALID_INPUT', {
    issues: parsed.error.issues.map((i) => ({
      path: i.path.map(String),
      messageKey: i.message.startsWith('validation.') ? i.message : 'validation.invalid',
    })),
  });
}

function agentName(db: Db, agentId: string | undefined): string | null {
  if (!agentId) return null;
  return (db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(agentId) as string | undefined) ?? null;
}

function existingCustomer(db: Db, id: string): CustomerRecord {
  const record = findCustomer(db, id);
  if (!record) throw new DossierError('NOT_FOUND', { what: 'customer' });
  return record;
}

function refuseDuplicate(db: Db, fields: CustomerFields, exceptId?: string): void {
  const duplicate = findDuplicate(db, fields, exceptId);
  // The existing customer is named so the form can offer to open it instead.
  if (duplicate) throw new DossierError('DUPLICATE_CUSTOMER', { customerId: duplicate.id, name: duplicate.name });
}

function checkParties(db: Db, fields: PolicyFields): void {
  const ids = [fields.policyholderId, ...fields.insuredIds, ...fields.beneficiaries.map((b) => b.customerId)];
  for (const id of new Set(ids)) if (!findCustomer(db, id)) throw new DossierError('NOT_FOUND', { what: 'customer', customerId: id });
}

/** Which stored fields differ: the audit log records names of changed fields, never values. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Changes merged over the stored fields; a null change clears the field. */
function merge(stored: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === null) delete merged[key];
  return merged;
}

function storedFields(record: CustomerRecord): Record<string, unknown> {
  const { id: _id, rowid: _rowid, branchId: _b, createdAt: _c, updatedAt: _u, nextUpdateDue: _n, completeness: _p, ...fields } = record;
  return fields;
}

export const recordOps = {
  'customers.create'(db: Db, a: { actorId: string; customer: unknown }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        requireEditor(actor.role);
        const fields = parse(customerInputSchema, a.customer);
        refuseDuplicate(db, fields);
        const id = uuidv7();
        const rowid = insertCustomer(db, { id, branchId: actor.branchId, at: new Date().toISOString(), fields: { ...fields, agentId: fields.agentId ?? (actor.role === 'agent' ? actor.id : undefined) } });
        indexCustomer(db, rowid, fields);
        refreshDerived(db, [id]);
        appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'customer.create', objectType: 'customer', objectId: id, outcome: 'success' });
        const record = existingCustomer(db, id);
        return customerView(record, actor.role, agentName(db, record.agentId));
      })
      .immediate();
  },

  'customers.update'(db: Db, a: { actorId: string; id: string; changes: Record<string, unknown> }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        requireEditor(actor.role);
        const before = existingCustomer(db, a.id);
        const fields = parse(customerInputSchema, merge(storedFields(before), a.changes));
        refuseDuplicate(db, fields, a.id);
        updateCustomer(db, a.id, fields, new Date().toISOString());
        indexCustomer(db, before.rowid, fields);
        refreshDerived(db, [a.id]);
        const after = existingCustomer(db, a.id);
        appendAudit(db, {
          actorId: actor.id,
          branchId: actor.branchId,
          action: 'customer.update',
          objectType: 'customer',
          objectId: a.id,
          outcome: 'success',
          details: { fields: changedFields(storedFields(before), storedFields(after)) },
        });
        return customerView(after, actor.role, agentName(db, after.agentId));
      })
      .immediate();
  },

  /** Opening a customer's file is a read of personal data: recorded (REQUIREMENTS §6). */
  'customers.get'(db: Db, a: { actorId: string; id: string }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        const record = existingCustomer(db, a.id);
        appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'customer.view', objectType: 'customer', objectId: a.id, outcome: 'success' });
        return customerView(record, actor.role, agentName(db, record.agentId));
      })
      .immediate();
  },

  'customers.list'(db: Db, a: { actorId: string } & z.output<typeof customerListInput>) {
    const actor = activeUser(db, a.actorId);
    const today = new Date().toISOString().slice(0, 10);
    const dueSoon = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const { total, rows } = listCustomers(db, { offset: a.offset, limit: a.limit, sort: a.sort, filters: a.filters, today, dueSoon });
    return { total, rows: rows.map((row) => customerRowView(row, actor.role)) };
  },

  'policies.create'(db: Db, a: { actorId: string; policy: unknown }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        requireEditor(actor.role);
        const fields = parse(policyInputSchema, a.policy);
        if (findPolicyId(db, fields.policyNumber)) throw new DossierError('DUPLICATE_POLICY');
        checkParties(db, fields);
        const id = uuidv7();
        insertPolicy(db, { id, branchId: actor.branchId, at: new Date().toISOString(), fields: { ...fields, agentId: fields.agentId ?? (actor.role === 'agent' ? actor.id : undefined) } });
        refreshDerived(db, partyIds(fields));
        appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'policy.create', objectType: 'policy', objectId: id, outcome: 'success' });
        return findPolicy(db, id)!;
      })
      .immediate();
  },

  'policies.update'(db: Db, a: { actorId: string; id: string; changes: Record<string, unknown> }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        requireEditor(actor.role);
        const before = findPolicy(db, a.id);
        if (!before) throw new DossierError('NOT_FOUND', { what: 'policy' });
        const fields = parse(policyInputSchema, merge(policyFields(before), a.changes));
        const other = findPolicyId(db, fields.policyNumber);
        if (other && other !== a.id) throw new DossierError('DUPLICATE_POLICY');
        checkParties(db, fields);
        updatePolicy(db, a.id, fields, new Date().toISOString());
        const formerParties = before.parties.map((p) => p.customerId);
        refreshDerived(db, [...formerParties, ...partyIds(fields)], policyEvents(policyFields(before), fields));
        const after = findPolicy(db, a.id)!;
        appendAudit(db, {
          actorId: actor.id,
          branchId: actor.branchId,
          action: 'policy.update',
          objectType: 'policy',
          objectId: a.id,
          outcome: 'success',
          details: { fields: changedFields(policyFields(before), policyFields(after)) },
        });
        return after;
      })
      .immediate();
  },

  'policies.get'(db: Db, a: { actorId: string; id: string }) {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        const policy = findPolicy(db, a.id);
        if (!policy) throw new DossierError('NOT_FOUND', { what: 'policy' });
        appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'policy.view', objectType: 'policy', objectId: a.id, outcome: 'success' });
        return policy;
      })
      .immediate();
  },

  'policies.list'(db: Db, a: { actorId: string } & z.output<typeof policyListInput>) {
    activeUser(db, a.actorId);
    return listPolicies(db, { offset: a.offset, limit: a.limit, sort: a.sort, filters: a.filters });
  },

  /** Names and roles of active staff and the branches, for the filters of lists. */
  'staff.directory'(db: Db, a: { actorId: string }) {
    activeUser(db, a.actorId);
    return {
      staff: db.prepare('SELECT id, display_name AS displayName, role, branch_id AS branchId FROM users WHERE removed_at IS NULL ORDER BY display_name').all() as {
        id: string;
        displayName: string;
        role: Role;
        branchId: string;
      }[],
      branches: db.prepare('SELECT id, name FROM branches ORDER BY name').all() as { id: string; name: string }[],
    };
  },

  'policies.forCustomer'(db: Db, a: { actorId: string; customerId: string }) {
    activeUser(db, a.actorId);
    existingCustomer(db, a.customerId);
    return policiesOfCustomer(db, a.customerId);
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
