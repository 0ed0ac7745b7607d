import { type AuditRow, verifyAuditChain } from '../archive/audit-log.js';
import { column, figure, type ReportDefinition, type Row } from './definition.js';
import { addPeriod, whereClause } from './scope.js';

export const actionClasses = ['view', 'print', 'export', 'change'] as const;
export type ActionClass = (typeof actionClasses)[number];

/** How an audited action reads in the access audit: views, prints, exports; everything else that touches a file is a change. */
export function actionClass(action: string): ActionClass {
  if (action.endsWith('.view') || action === 'report.generate') return 'view';
  if (action.endsWith('.print')) return 'print';
  if (action.endsWith('.export')) return 'export';
  return 'change';
}

/**
 * Access audit (report 3, H5.4, H6.1): every entry of the audit log that reads, prints, exports
 * or changes a customer's file (customers, policies, documents) or generates, prints or exports a
 * report. Filter by user and by customer (the customer's own entries, their documents' and their
 * policies'). The header carries the audit chain's verification, done as the report is made.
 */
export const accessAuditReport: ReportDefinition = {
  id: 'accessAudit',
  titleKey: 'reports.titles.accessAudit',
  orientation: 'portrait',
  parameters: ['from', 'to', 'branchId', 'userId', 'customerId'],
  roles: ['supervisor', 'archivist', 'compliance', 'admin'],
  columns: [
    column('at', 'datetime', 16),
    column('user', 'text', 10),
    column('actionClass', 'text', 8),
    column('action', 'text', 16),
    column('object', 'text', 30),
    column('purpose', 'text', 16),
    column('outcome', 'text', 8),
  ],
  query(db, parameters, { t, now, language, limit }) {
    const where = ["(a.object_type IN ('customer', 'policy', 'document') OR a.action LIKE 'report.%')"];
    const values: Record<string, unknown> = {};
    addPeriod(parameters, 'a.at', where, values);
    if (parameters.userId) {
      where.push('a.actor_id = @userId');
      values.userId = parameters.userId;
    }
    if (parameters.branchId) {
      where.push('a.branch_id = @branchId');
      values.branchId = parameters.branchId;
    }
    if (parameters.customerId) {
      where.push(`((a.object_type = 'customer' AND a.object_id = @customerId)
                 OR (a.object_type = 'document' AND a.object_id IN (SELECT id FROM documents WHERE customer_id = @customerId))
                 OR (a.object_type = 'policy' AND a.object_id IN (SELECT policy_id FROM policy_parties WHERE customer_id = @customerId)))`);
      values.customerId = parameters.customerId;
    }
    const scope = whereClause(where);
    // The figures count every entry in SQL; rows are only read for the first `limit`.
    const counts: Record<ActionClass, number> = { view: 0, print: 0, export: 0, change: 0 };
    let entryCount = 0;
    let denied = 0;
    for (const c of db.prepare(`SELECT a.action, a.outcome <> 'success' AS refused, count(*) AS n FROM audit_log a ${scope} GROUP BY a.action, refused`).all(values) as { action: string; refused: number; n: number }[]) {
      counts[actionClass(c.action)] += c.n;
      entryCount += c.n;
      if (c.refused) denied += c.n;
    }
    const entries = db
      .prepare(
        `SELECT a.seq, a.at, a.action, a.object_type, a.object_id, a.purpose, a.outcome, a.details, u.display_name AS user
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           ${scope}
          ORDER BY a.seq
          LIMIT @limit`,
      )
      .all({ ...values, limit: limit ?? -1 }) as (Pick<AuditRow, 'seq' | 'at' | 'action' | 'object_type' | 'object_id' | 'purpose' | 'outcome' | 'details'> & { user: string | null })[];

    // Labels with the object's name filled in by hand: an i18next call with values costs tens of
    // microseconds, and every entry names a different object.
    const template = (key: string, names: string[]) => {
      const text = t(key, Object.fromEntries(names.map((n, i) => [n, `⟦${i}⟧`])));
      return (...values: string[]) => text.replace(/⟦(\d)⟧/g, (_, i: string) => values[Number(i)] ?? '');
    };
    const customerLabel = template('reports.objects.customer', ['name']);
    const policyLabel = template('reports.objects.policy', ['name']);
    const documentLabel = template('reports.objects.document', ['customer', 'type']);
    const customerName = db.prepare('SELECT name FROM customers WHERE id = ?').pluck();
    const policyNumber = db.prepare('SELECT policy_number FROM policies WHERE id = ?').pluck();
    const documentOf = db.prepare('SELECT c.name AS customer, ty.names FROM documents d LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN document_types ty ON ty.id = d.document_type_id WHERE d.id = ?');
    // An object is named once, however many entries it has (a busy customer's file has hundreds).
    const objects = new Map<string, string>();
    const objectLabel = (type: string | null, id: string | null): string => {
      const key = `${type}|${id}`;
      let label = objects.get(key);
      if (label !== undefined) return label;
      if (type === 'document') {
        const d = documentOf.get(id) as { customer: string | null; names: string | null } | undefined;
        const typeName = d?.names ? ((JSON.parse(d.names) as Record<string, string>)[language] ?? '') : '';
        label = documentLabel(d?.customer ?? '—', typeName || '—');
      } else if (type === 'policy') {
        label = policyLabel((policyNumber.get(id) as string | undefined) ?? '—');
      } else {
        label = customerLabel((customerName.get(id) as string | undefined) ?? '—');
      }
      objects.set(key, label);
      return label;
    };
    const rows: Row[] = entries.map((e) => {
      let object: string;
      if (e.action.startsWith('report.')) {
        const details = e.details ? (JSON.parse(e.details) as { reportId?: string; format?: string }) : {};
        object = t('reports.objects.report', { title: details.reportId ? t(`reports.titles.${details.reportId}`) : '' });
        if (details.format) object += ` (${details.format.toUpperCase()})`;
      } else {
        object = objectLabel(e.object_type, e.object_id);
      }
      return {
        seq: e.seq,
        at: e.at,
        user: e.user ?? '',
        actionClass: t(`reports.actionClasses.${actionClass(e.action)}`),
        action: e.action,
        object,
        purpose: e.purpose ?? '',
        outcome: t(`reports.outcomes.${e.outcome}`),
      };
    });
    const chain = verifyAuditChain(db);
    return {
      rows,
      rowCount: entryCount,
      totals: {},
      summary: [
        figure('entries', 'integer', entryCount),
        figure('views', 'integer', counts.view),
        figure('prints', 'integer', counts.print),
        figure('exports', 'integer', counts.export),
        figure('changes', 'integer', counts.change),
        figure('refused', 'integer', denied),
      ],
      groups: [],
      auditChain: { ok: chain.ok, entries: chain.entries, checkedAt: now.toISOString() },
    };
  },
};
