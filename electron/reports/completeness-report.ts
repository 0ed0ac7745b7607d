import { type CustomerType, mandatoryFields } from '../../shared/domain/customer.js';
import type { DocumentTypeNames, RequiredFor } from '../../shared/domain/document-type.js';
import type { ProductLine } from '../../shared/domain/policy.js';
import type { ReportColumn } from '../../shared/ipc/methods/reports.js';
import { validateCreditCode, validateMobile, validateResidentId } from '../../shared/validators/index.js';
import type { Db } from '../db/connection.js';
import { poorQualityFlags } from '../records/completeness.js';
import { type Cell, column, figure, nameOrder, type QueryContext, type ReportDefinition, rate, type Row } from './definition.js';
import { customerScope, maskedIdentifier, whereClause } from './scope.js';

/*
 * File completeness (report 1, H1.2): the same checklist as electron/records/completeness.ts
 * (customerChecklist), computed for every customer in scope at once. customerChecklist asks a few
 * queries per customer, which at 100,000 customers takes far longer than a report may; here each
 * kind of fact is read once for all customers and the checklist is assembled in memory. The
 * integration test checks both give the same items and percentages.
 */

const poorList = poorQualityFlags.map((f) => `'${f}'`).join(', ');

interface TypeRow {
  id: string;
  code: string;
  names: DocumentTypeNames;
  requiredFor: RequiredFor;
}

interface CustomerRow {
  id: string;
  type: CustomerType;
  name: string;
  id_type: string | null;
  id_number: string | null;
  credit_code: string | null;
  mobile: string | null;
  address: string | null;
  occupation: string | null;
  agent_id: string | null;
  agent_name: string | null;
  branch_id: string;
  branch_name: string | null;
}

/** Per customer: the document items, the field items, the poor pages, the percentage. */
export interface CustomerCompleteness {
  customer: CustomerRow;
  missingDocuments: { code: string; name: string; policyNumber?: string }[];
  lowQualityDocuments: { code: string; name: string; policyNumber?: string }[];
  fieldIssues: { field: string; state: 'missing' | 'invalid'; reason?: string }[];
  items: number;
  present: number;
  percent: number;
  lowQualityPages: number;
}

const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const columns = new Map<string, string>();
const columnOf = (name: string) => {
  let c = columns.get(name);
  if (c === undefined) columns.set(name, (c = name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)));
  return c;
};

/** customerField in completeness.ts: stored values are validated again. */
function fieldState(row: CustomerRow, name: string): { state: 'present' | 'missing' | 'invalid'; reason?: string } {
  const value = (row as unknown as Record<string, unknown>)[columnOf(name)];
  if (blank(value)) return { state: 'missing' };
  const text = String(value);
  const check = (result: { ok: boolean; reason?: string }) => (result.ok ? { state: 'present' as const } : { state: 'invalid' as const, reason: result.reason ?? 'format' });
  switch (name) {
    case 'idNumber':
      if (row.id_type !== null && row.id_type !== 'resident_id') return { state: 'present' };
      return check(validateResidentId(text) as { ok: boolean; reason?: string });
    case 'creditCode':
      return check(validateCreditCode(text) as { ok: boolean; reason?: string });
    case 'mobile':
      return check(validateMobile(text) as { ok: boolean; reason?: string });
    default:
      return { state: 'present' };
  }
}

/** Every in-scope customer's checklist, computed set-wise. */
export function completenessOf(db: Db, where: string[], values: Record<string, unknown>, language: QueryContext['language']): CustomerCompleteness[] {
  const types = (
    db.prepare("SELECT id, code, names, required_for FROM document_types WHERE active = 1 ORDER BY CASE category WHEN 'basic' THEN 0 WHEN 'contract' THEN 1 WHEN 'claims' THEN 2 ELSE 3 END, rowid").all() as {
      id: string;
      code: string;
      names: string;
      required_for: string;
    }[]
  ).map((r): TypeRow => ({ id: r.id, code: r.code, names: JSON.parse(r.names) as DocumentTypeNames, requiredFor: JSON.parse(r.required_for) as RequiredFor }));

  const customers = db
    .prepare(
      `SELECT c.id, c.type, c.name, c.id_type, c.id_number, c.credit_code, c.mobile, c.address, c.occupation, c.agent_id,
              u.display_name AS agent_name, c.branch_id, b.name AS branch_name
         FROM customers c LEFT JOIN users u ON u.id = c.agent_id LEFT JOIN branches b ON b.id = c.branch_id
         ${whereClause(where)}
        ORDER BY c.rowid`,
    )
    .all(values) as CustomerRow[];
  if (customers.length === 0) return [];

  // Filed documents by owner and type, with whether the best of them is free of poor pages.
  const filed = db
    .prepare(
      `SELECT d.customer_id, d.policy_id, d.document_type_id,
              EXISTS (SELECT 1 FROM pages p, json_each(p.quality_flags) f WHERE p.document_id = d.id AND f.value IN (${poorList})) AS poor
         FROM documents d
        WHERE d.state = 'filed' AND d.document_type_id IS NOT NULL`,
    )
    .all() as { customer_id: string | null; policy_id: string | null; document_type_id: string; poor: number }[];
  const byCustomer = new Map<string, number>();
  const byPolicy = new Map<string, number>();
  const keep = (map: Map<string, number>, key: string, poor: number) => map.set(key, Math.min(map.get(key) ?? 1, poor));
  for (const d of filed) {
    if (d.customer_id) keep(byCustomer, `${d.customer_id}|${d.document_type_id}`, d.poor);
    if (d.policy_id) keep(byPolicy, `${d.policy_id}|${d.document_type_id}`, d.poor);
  }

  const held = new Map<string, { id: string; policy_number: string; product_line: ProductLine }[]>();
  for (const p of db
    .prepare(
      `SELECT pp.customer_id, p.id, p.policy_number, p.product_line FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role = 'policyholder'
        ORDER BY p.application_date`,
    )
    .iterate() as IterableIterator<{ customer_id: string; id: string; policy_number: string; product_line: ProductLine }>) {
    const list = held.get(p.customer_id) ?? [];
    list.push(p);
    held.set(p.customer_id, list);
  }

  // Pages below the scan rule (low resolution or blank) in the customer's filed documents.
  const poorPages = new Map<string, number>();
  for (const r of db
    .prepare(
      `SELECT d.customer_id AS id, count(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id
        WHERE d.state = 'filed' AND d.customer_id IS NOT NULL
          AND (p.dpi < 200 OR EXISTS (SELECT 1 FROM json_each(p.quality_flags) f WHERE f.value IN (${poorList})))
        GROUP BY d.customer_id`,
    )
    .iterate() as IterableIterator<{ id: string; n: number }>) {
    poorPages.set(r.id, r.n);
  }

  return customers.map((customer) => {
    const result: CustomerCompleteness = { customer, missingDocuments: [], lowQualityDocuments: [], fieldIssues: [], items: 0, present: 0, percent: 100, lowQualityPages: poorPages.get(customer.id) ?? 0 };
    const documentItem = (state: number | undefined, type: TypeRow, policyNumber?: string) => {
      result.items++;
      const item = { code: type.code, name: type.names[language], ...(policyNumber ? { policyNumber } : {}) };
      if (state === undefined) result.missingDocuments.push(item);
      else if (state === 1) result.lowQualityDocuments.push(item);
      else result.present++;
    };
    for (const type of types) if (type.requiredFor.customerTypes?.includes(customer.type)) documentItem(byCustomer.get(`${customer.id}|${type.id}`), type);
    for (const policy of held.get(customer.id) ?? []) {
      for (const type of types) if (type.requiredFor.productLines?.includes(policy.product_line)) documentItem(byPolicy.get(`${policy.id}|${type.id}`), type, policy.policy_number);
    }
    for (const name of mandatoryFields[customer.type]) {
      result.items++;
      const { state, reason } = fieldState(customer, name);
      if (state === 'present') result.present++;
      else result.fieldIssues.push(reason === undefined ? { field: name, state } : { field: name, state, reason });
    }
    result.percent = result.items === 0 ? 100 : Math.round((100 * result.present) / result.items);
    return result;
  });
}

const rollUpColumns = (first: 'agent' | 'branch'): ReportColumn[] => [
  column(first, 'text', 16),
  column('customers', 'integer', 8),
  column('completeFiles', 'integer', 8),
  column('completenessRate', 'percent', 8),
  column('averageCompleteness', 'percent', 8),
  column('missingCount', 'integer', 8),
  column('fieldIssueCount', 'integer', 8),
  column('lowQualityPages', 'integer', 8),
];

interface Tally {
  name: string;
  customers: number;
  complete: number;
  percentSum: number;
  missing: number;
  fields: number;
  pages: number;
}

function tally(map: Map<string, Tally>, key: string, name: string, c: CustomerCompleteness): void {
  const t = map.get(key) ?? { name, customers: 0, complete: 0, percentSum: 0, missing: 0, fields: 0, pages: 0 };
  t.customers++;
  if (c.percent === 100) t.complete++;
  t.percentSum += c.percent;
  t.missing += c.missingDocuments.length;
  t.fields += c.fieldIssues.length;
  t.pages += c.lowQualityPages;
  map.set(key, t);
}

function rollUpRows(map: Map<string, Tally>, first: 'agent' | 'branch'): Row[] {
  return [...map.values()]
    .sort((a, b) => nameOrder.compare(a.name, b.name))
    .map((t) => ({
      [first]: t.name,
      customers: t.customers,
      completeFiles: t.complete,
      completenessRate: rate(t.complete, t.customers),
      averageCompleteness: t.customers ? t.percentSum / t.customers / 100 : null,
      missingCount: t.missing,
      fieldIssueCount: t.fields,
      lowQualityPages: t.pages,
    }));
}

export const completenessReport: ReportDefinition = {
  id: 'completeness',
  titleKey: 'reports.titles.completeness',
  parameters: ['from', 'to', 'branchId', 'agentId', 'customerType'],
  // Agents see their own customers only; everyone who answers for files sees the branch's.
  roles: ['agent', 'account_manager', 'supervisor', 'archivist', 'compliance', 'admin'],
  columns: [
    column('customer', 'text', 14),
    column('customerType', 'text', 8),
    column('idNumber', 'text', 20),
    column('agent', 'text', 10),
    column('missingDocuments', 'text', 30),
    column('missingCount', 'integer', 6),
    column('fieldIssues', 'text', 24),
    column('fieldIssueCount', 'integer', 6),
    column('lowQualityPages', 'integer', 6),
    column('completeness', 'percent', 8),
  ],
  /**
   * Rows: the customers whose file is not complete (what needs doing), fewest items present
   * first within each agent; totals, key figures and roll-ups count every customer in scope. The
   * period selects customers whose file was opened in it.
   */
  query(db, parameters, { actor, t, language }) {
    const { where, values } = customerScope(parameters, actor, 'c', true);
    const all = completenessOf(db, where, values, language);
    const unassigned = t('reports.unassigned');
    const byAgent = new Map<string, Tally>();
    const byBranch = new Map<string, Tally>();
    let complete = 0;
    let percentSum = 0;
    let missing = 0;
    let fields = 0;
    let pages = 0;
    for (const c of all) {
      tally(byAgent, c.customer.agent_id ?? '', c.customer.agent_name ?? unassigned, c);
      tally(byBranch, c.customer.branch_id, c.customer.branch_name ?? c.customer.branch_id, c);
      if (c.percent === 100) complete++;
      percentSum += c.percent;
      missing += c.missingDocuments.length;
      fields += c.fieldIssues.length;
      pages += c.lowQualityPages;
    }
    // Agents in name order (customers without one last), then the emptiest files first, then names.
    const agentNames = [...new Set(all.map((c) => c.customer.agent_name ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : nameOrder.compare(a, b)));
    const agentRank = new Map(agentNames.map((name, i) => [name, i]));
    const listed = all
      .filter((c) => c.percent < 100 || c.lowQualityPages > 0)
      // Names within an agent and a percentage by code point: a collator compare per pair made
      // this sort alone take seconds at 100,000 customers.
      .sort((a, b) => agentRank.get(a.customer.agent_name ?? '')! - agentRank.get(b.customer.agent_name ?? '')! || a.percent - b.percent || (a.customer.name < b.customer.name ? -1 : a.customer.name > b.customer.name ? 1 : 0));
    const separator = t('reports.listSeparator');
    const documentLabel = (d: { name: string; policyNumber?: string }) => (d.policyNumber ? `${d.name} (${d.policyNumber})` : d.name);
    const rows: Row[] = listed.map((c): Row => {
      const docs = [...c.missingDocuments.map(documentLabel), ...c.lowQualityDocuments.map((d) => t('reports.lowQualityDocument', { document: documentLabel(d) }))];
      const issues = c.fieldIssues.map((f) => t(f.state === 'missing' ? 'reports.fieldMissing' : 'reports.fieldInvalid', { field: t(`checklist.fields.${f.field}`) }));
      const cells: Record<string, Cell> = {
        customerId: c.customer.id,
        customer: c.customer.name,
        customerType: t(`enums.customerTypes.${c.customer.type}`),
        idNumber: maskedIdentifier(actor.role, c.customer.id_number, c.customer.credit_code),
        agent: c.customer.agent_name ?? unassigned,
        missingDocuments: docs.join(separator),
        missingCount: c.missingDocuments.length,
        fieldIssues: issues.join(separator),
        fieldIssueCount: c.fieldIssues.length,
        lowQualityPages: c.lowQualityPages,
        completeness: c.percent / 100,
      };
      return cells;
    });
    const customers = all.length;
    return {
      rows,
      totals: { customer: t('reports.total'), missingCount: missing, fieldIssueCount: fields, lowQualityPages: pages, completeness: customers ? percentSum / customers / 100 : null },
      summary: [
        figure('customers', 'integer', customers),
        figure('completeFiles', 'integer', complete),
        figure('completenessRate', 'percent', rate(complete, customers)),
        figure('averageCompleteness', 'percent', customers ? percentSum / customers / 100 : null),
        figure('missingDocuments', 'integer', missing),
        figure('fieldIssues', 'integer', fields),
        figure('lowQualityPages', 'integer', pages),
      ],
      groups: [
        { titleKey: 'reports.groups.byAgent', columns: rollUpColumns('agent'), rows: rollUpRows(byAgent, 'agent') },
        { titleKey: 'reports.groups.byBranch', columns: rollUpColumns('branch'), rows: rollUpRows(byBranch, 'branch') },
      ],
    };
  },
};
