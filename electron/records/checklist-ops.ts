import {
  type DocumentType,
  type DocumentTypeInput,
  documentTypeInputSchema,
  type DocumentTypeNames,
  type RequiredFor,
  type Retention,
} from '../../shared/domain/document-type.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { Checklist, DueFilter, DueRow, DueRules } from '../../shared/ipc/methods/checklists.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { activeUser, requireRole } from '../archive/ops.js';
import { appendAudit } from '../archive/audit-log.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';
import { customerChecklist, policyChecklist, refreshAllCompleteness } from './completeness.js';
import { dueList, getDueRules, localToday, refreshAllDueDates, setDueRules } from './due-dates.js';

interface DocumentTypeRow {
  id: string;
  code: string;
  category: DocumentType['category'];
  names: string;
  required_for: string;
  sensitive: number;
  retention: string;
  keywords: string;
  active: number;
  created_at: string;
  updated_at: string;
}

function toDocumentType(r: DocumentTypeRow): DocumentType {
  return {
    id: r.id,
    code: r.code,
    category: r.category,
    names: JSON.parse(r.names) as DocumentTypeNames,
    requiredFor: JSON.parse(r.required_for) as RequiredFor,
    sensitive: r.sensitive === 1,
    retention: JSON.parse(r.retention) as Retention,
    keywords: JSON.parse(r.keywords) as string[],
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const documentTypeOrder = `ORDER BY CASE category WHEN 'basic' THEN 0 WHEN 'contract' THEN 1 WHEN 'claims' THEN 2 ELSE 3 END, rowid`;

function withoutActor<T extends { actorId: string }>(a: T): Omit<T, 'actorId'> {
  const copy: Partial<T> = { ...a };
  delete copy.actorId;
  return copy as Omit<T, 'actorId'>;
}

function invalid(path: string, code: string): DossierError {
  return new DossierError('INVALID_INPUT', { issues: [{ path: [path], code }] });
}

/** Level 1 (H5.1.1): an agent works on their own customers; everyone else in the branch may look. */
function requireCustomerAccess(db: Db, actor: User, customerId: string): void {
  const agentId = db.prepare('SELECT agent_id FROM customers WHERE id = ?').get(customerId) as { agent_id: string | null } | undefined;
  if (!agentId) throw new DossierError('NOT_FOUND');
  if (actor.role === 'agent' && agentId.agent_id !== actor.id) throw new DossierError('PERMISSION_DENIED');
}

function requirePolicyAccess(db: Db, actor: User, policyId: string): void {
  const policy = db.prepare('SELECT agent_id FROM policies WHERE id = ?').get(policyId) as { agent_id: string | null } | undefined;
  if (!policy) throw new DossierError('NOT_FOUND');
  if (actor.role !== 'agent' || policy.agent_id === actor.id) return;
  const ownParty = db
    .prepare('SELECT 1 FROM policy_parties pp JOIN customers c ON c.id = pp.customer_id WHERE pp.policy_id = ? AND c.agent_id = ? LIMIT 1')
    .get(policyId, actor.id);
  if (!ownParty) throw new DossierError('PERMISSION_DENIED');
}

/**
 * Document types, completeness checklists and update due dates on the database worker. Writers
 * are one IMMEDIATE transaction with their audit entry.
 */
export const checklistOps = {
  'documentTypes.list'(db: Db, a: { actorId: string }): DocumentType[] {
    activeUser(db, a.actorId);
    return (db.prepare(`SELECT * FROM document_types ${documentTypeOrder}`).all() as DocumentTypeRow[]).map(toDocumentType);
  },

  'documentTypes.save'(db: Db, a: { actorId: string } & DocumentTypeInput): DocumentType {
    return db.transaction(() => {
      const actor = requireRole(db, a.actorId, ['admin', 'archivist']);
      const parsed = documentTypeInputSchema.safeParse(withoutActor(a));
      if (!parsed.success) {
        throw new DossierError('INVALID_INPUT', { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })) });
      }
      const t = parsed.data;
      const now = new Date().toISOString();
      const before = t.id === undefined ? undefined : (db.prepare('SELECT * FROM document_types WHERE id = ?').get(t.id) as DocumentTypeRow | undefined);
      if (t.id !== undefined && !before) throw new DossierError('NOT_FOUND');
      const clash = db.prepare('SELECT id FROM document_types WHERE code = ? AND id IS NOT ?').pluck().get(t.code, t.id ?? null) as string | undefined;
      if (clash) throw invalid('code', 'duplicate');

      const id = t.id ?? uuidv7();
      const values = {
        id,
        code: t.code,
        category: t.category,
        names: JSON.stringify(t.names),
        required_for: JSON.stringify(t.requiredFor),
        sensitive: t.sensitive ? 1 : 0,
        retention: JSON.stringify(t.retention),
        keywords: JSON.stringify([...new Set(t.keywords)]),
        active: t.active ? 1 : 0,
        now,
      };
      if (before) {
        db.prepare(
          `UPDATE document_types SET code = @code, category = @category, names = @names, required_for = @required_for, sensitive = @sensitive,
                  retention = @retention, keywords = @keywords, active = @active, updated_at = @now WHERE id = @id`,
        ).run(values);
      } else {
        db.prepare(
          `INSERT INTO document_types (id, code, category, names, required_for, sensitive, retention, keywords, active, created_at, updated_at)
           VALUES (@id, @code, @category, @names, @required_for, @sensitive, @retention, @keywords, @active, @now, @now)`,
        ).run(values);
      }
      // Who must have one, or whether it counts at all, changed: every stored percentage may move.
      const requirementsChanged = before
        ? before.required_for !== values.required_for || before.active !== values.active
        : Object.values(t.requiredFor).some((list) => list && list.length > 0);
      if (requirementsChanged) refreshAllCompleteness(db);
      appendAudit(db, {
        actorId: actor.id,
        branchId: actor.branchId,
        action: 'documentType.save',
        objectType: 'documentType',
        objectId: id,
        outcome: 'success',
        details: { code: t.code, created: !before, requirementsChanged },
      });
      return toDocumentType(db.prepare('SELECT * FROM document_types WHERE id = ?').get(id) as DocumentTypeRow);
    }).immediate();
  },

  'completeness.customer'(db: Db, a: { actorId: string; customerId: string }): Checklist {
    requireCustomerAccess(db, activeUser(db, a.actorId), a.customerId);
    return customerChecklist(db, a.customerId);
  },

  'completeness.policy'(db: Db, a: { actorId: string; policyId: string }): Checklist {
    requirePolicyAccess(db, activeUser(db, a.actorId), a.policyId);
    return policyChecklist(db, a.policyId);
  },

  /** Agents see their own customers only, whatever agent they ask for. */
  'due.list'(db: Db, a: { actorId: string; filter: DueFilter; agentId?: string | undefined; limit: number; offset: number; today?: string | undefined }): { total: number; today: string; rows: DueRow[] } {
    const actor = activeUser(db, a.actorId);
    const today = a.today ?? localToday();
    const agentId = actor.role === 'agent' ? actor.id : a.agentId;
    return { today, ...dueList(db, { today, filter: a.filter, agentId, limit: a.limit, offset: a.offset }) };
  },

  'due.rules'(db: Db, a: { actorId: string }): DueRules {
    activeUser(db, a.actorId);
    return getDueRules(db);
  },

  /** Changes some rules and recomputes every customer's due date with them. */
  'due.setRules'(db: Db, a: { actorId: string } & Partial<DueRules>): DueRules {
    return db.transaction(() => {
      const actor = requireRole(db, a.actorId, ['admin']);
      const changes = Object.fromEntries(Object.entries(withoutActor(a)).filter(([, v]) => v !== undefined)) as Partial<DueRules>;
      const rules = setDueRules(db, { ...getDueRules(db), ...changes });
      const customers = refreshAllDueDates(db);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'due.rulesChange', objectType: 'archive', outcome: 'success', details: { ...changes, customers } });
      return rules;
    }).immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
