import { roles } from '../../shared/domain/roles.js';
import { type CustomerType, customerTypes, mandatoryFields } from '../../shared/domain/customer.js';
import type { DocumentTypeNames, RequiredFor } from '../../shared/domain/document-type.js';
import { type ProductLine, productLines } from '../../shared/domain/policy.js';
import type { ReportColumn } from '../../shared/ipc/methods/reports.js';
import { validateCreditCode, validateMobile, validateResidentId } from '../../shared/validators/index.js';
import type { Db } from '../db/connection.js';
import { poorQualityFlags } from '../records/completeness.js';
import { type Cell, column, customerColumns, figure, firstRows, nameOrder, type ReportDefinition, rate, type Row } from './definition.js';
import { customerScope, maskedIdentifier, whereClause } from './scope.js';

/*
 * File completeness (report 1, H1.2): the same checklist as electron/records/completeness.ts
 * (customerChecklist), computed for every customer in scope at once. customerChecklist asks a few
 * queries per customer, which at 100,000 customers takes far longer than a report may; here each
 * kind of fact is read once for all customers and the checklist is assembled in memory. The
 * integration test checks both give the same items and percentages.
 *
 * What costs at that size is turning stored values into JavaScript strings (about a microsecond
 * each), not reading them. So the pass over every customer reads numbers and the few strings the
 * checklist must validate (ID number, credit code, mobile): other fields come as "blank" flags,
 * agents, branches, policies and document types as rowids, and the name order comes from the name
 * index as rowids, so names are not read either. Names, document names and policy numbers are
 * read only for the rows that are sent (the screen's first page, or every row of an export).
 */

const poorList = poorQualityFlags.map((f) => `'${f}'`).join(', ');
const validatedFields = ['idNumber', 'creditCode', 'mobile'] as const;
const checkedFields = [...new Set(Object.values(mandatoryFields).flat())];
const columnOf = (name: string) => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
const isValidated = (name: string) => (validatedFields as readonly string[]).includes(name);
/** An owner (customer or policy rowid) and a document type rowid as one map key. */
const ownerType = (owner: number, type: number) => owner * 65_536 + type;

interface TypeRow {
  rowid: number;
  code: string;
  names: DocumentTypeNames;
  requiredFor: RequiredFor;
}

/**
 * What the checklist needs of a customer, as the row SQL returns it (an array: better-sqlite3
 * makes arrays faster than objects): rowid, type, agent and branch rowids, ID type, then each of
 * checkedFields, validated ones as text and the others as 1 when blank.
 */
type Facts = [rowid: number, type: CustomerType, agent: number | null, branch: number, idType: string | null, ...fields: (string | number | null)[]];
const fieldAt = new Map<string, number>(checkedFields.map((f, i) => [f, 5 + i]));

/** A policy a customer holds: its rowid, product line, application date (a day number; -Infinity when unknown, sorting first as SQL's NULL). */
type Held = [policy: number, line: ProductLine, applied: number];

/** A document item of the checklist: missing, present but with poor pages, or good. */
interface DocumentItem {
  type: TypeRow;
  policy: number | null;
  state: 'missing' | 'lowQuality' | 'present';
}

/** Per customer: the counts the totals need (its items come from documentItems and fieldIssues, for the rows sent only). */
interface Assessed {
  facts: Facts;
  nameRank: number;
  percent: number;
  missing: number;
  fieldIssues: number;
  lowQualityPages: number;
}

/** customerField in completeness.ts, on a Facts row; `today` for the ID number's birth date check (one Date, not one per customer). */
function fieldState(facts: Facts, name: string, today: Date): 'present' | 'missing' | 'invalid' {
  const value = facts[fieldAt.get(name)!];
  if (!isValidated(name)) return value === 1 ? 'missing' : 'present';
  if (value === null || value === undefined || String(value).trim() === '') return 'missing';
  const text = String(value);
  switch (name) {
    case 'idNumber':
      if (facts[4] !== null && facts[4] !== 'resident_id') return 'present';
      return validateResidentId(text, today).ok ? 'present' : 'invalid';
    case 'creditCode':
      return validateCreditCode(text).ok ? 'present' : 'invalid';
    default:
      return validateMobile(text).ok ? 'present' : 'invalid';
  }
}

/** The checklist counts of every in-scope customer (with its place in name order), and how to list one customer's items. */
export function completenessOf(db: Db, where: string[], values: Record<string, unknown>, today: Date) {
  const types = (
    db
      .prepare("SELECT rowid, code, names, required_for FROM document_types WHERE active = 1 ORDER BY CASE category WHEN 'basic' THEN 0 WHEN 'contract' THEN 1 WHEN 'claims' THEN 2 ELSE 3 END, rowid")
      .all() as { rowid: number; code: string; names: string; required_for: string }[]
  ).map((r): TypeRow => ({ rowid: r.rowid, code: r.code, names: JSON.parse(r.names) as DocumentTypeNames, requiredFor: JSON.parse(r.required_for) as RequiredFor }));
  const forCustomerType = new Map(customerTypes.map((type) => [type, types.filter((ty) => ty.requiredFor.customerTypes?.includes(type))]));
  const forProductLine = new Map(productLines.map((line) => [line, types.filter((ty) => ty.requiredFor.productLines?.includes(line))]));

  const fieldColumns = checkedFields.map((f) => (isValidated(f) ? `c.${columnOf(f)} AS ${f}` : `(c.${columnOf(f)} IS NULL OR trim(c.${columnOf(f)}) = '') AS ${f}`));
  const customers = db
    .prepare(
      `SELECT c.rowid, c.type, u.rowid AS agent, b.rowid AS branch, c.id_type, ${fieldColumns.join(', ')}
         FROM customers c LEFT JOIN users u ON u.id = c.agent_id LEFT JOIN branches b ON b.id = c.branch_id
         ${whereClause(where)}`,
    )
    .raw()
    .all(values) as Facts[];

  // Filed documents by owner and type: 0 when the best of them is free of poor pages, 1 when not.
  // Keyed by owner rowid and type rowid in one number: at 100,000 customers, string keys cost.
  const byCustomer = new Map<number, number>();
  const byPolicy = new Map<number, number>();
  const keep = (map: Map<number, number>, key: number, poor: number) => map.set(key, Math.min(map.get(key) ?? 1, poor));
  for (const [customer, policy, type, poor] of db
    .prepare(
      `SELECT (SELECT c.rowid FROM customers c WHERE c.id = d.customer_id), (SELECT p.rowid FROM policies p WHERE p.id = d.policy_id), ty.rowid,
              EXISTS (SELECT 1 FROM pages p, json_each(p.quality_flags) f WHERE p.document_id = d.id AND f.value IN (${poorList}))
         FROM documents d JOIN document_types ty ON ty.id = d.document_type_id
        WHERE d.state = 'filed'`,
    )
    .raw()
    .iterate() as IterableIterator<[number | null, number | null, number, number]>) {
    if (customer !== null) keep(byCustomer, ownerType(customer, type), poor);
    if (policy !== null) keep(byPolicy, ownerType(policy, type), poor);
  }

  // Each customer's policies (as policyholder): rowid, product line, application date as a day
  // number. Sorting them by date in SQL tripled this query's time; the order matters only in a
  // row's text, so rows sort their own few. Product lines come as their index in productLines: a
  // number is cheaper to hand over than a string.
  const held = new Map<number, Held[]>();
  for (const [customer, policy, line, applied] of db
    .prepare(
      `SELECT c.rowid, p.rowid, CASE p.product_line ${productLines.map((line, i) => `WHEN '${line}' THEN ${i}`).join(' ')} END, julianday(p.application_date)
         FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role = 'policyholder' JOIN customers c ON c.id = pp.customer_id`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number, number, number | null]>) {
    const entry: Held = [policy, productLines[line]!, applied ?? -Infinity];
    const list = held.get(customer);
    if (list) list.push(entry);
    else held.set(customer, [entry]);
  }

  // Pages below the scan rule (low resolution or blank) in the customer's filed documents.
  const poorPages = new Map<number, number>();
  for (const [customer, n] of db
    .prepare(
      `SELECT c.rowid, count(*) FROM pages p JOIN documents d ON d.id = p.document_id JOIN customers c ON c.id = d.customer_id
        WHERE d.state = 'filed' AND (p.dpi < 200 OR EXISTS (SELECT 1 FROM json_each(p.quality_flags) f WHERE f.value IN (${poorList})))
        GROUP BY c.rowid`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number]>) {
    poorPages.set(customer, n);
  }

  const state = (filed: number | undefined): DocumentItem['state'] => (filed === undefined ? 'missing' : filed === 1 ? 'lowQuality' : 'present');
  /** The customer's document items in checklist order: their own papers, then each policy's (oldest application first). */
  const documentItems = (facts: Facts): DocumentItem[] => {
    const items: DocumentItem[] = [];
    for (const type of forCustomerType.get(facts[1]) ?? []) items.push({ type, policy: null, state: state(byCustomer.get(ownerType(facts[0], type.rowid))) });
    const policies = [...(held.get(facts[0]) ?? [])].sort((x, y) => x[2] - y[2] || x[0] - y[0]);
    for (const [policy, line] of policies) {
      for (const type of forProductLine.get(line) ?? []) items.push({ type, policy, state: state(byPolicy.get(ownerType(policy, type.rowid))) });
    }
    return items;
  };
  const fieldIssues = (facts: Facts) =>
    mandatoryFields[facts[1]].flatMap((field) => {
      const s = fieldState(facts, field, today);
      return s === 'present' ? [] : [{ field, state: s }];
    });

  // Name order from the name index alone (no names read): the rows' tie-break after agent and percentage.
  const nameRank = new Map<number, number>();
  for (const rowid of db.prepare(`SELECT c.rowid FROM customers c ${whereClause(where)} ORDER BY c.name, c.rowid`).pluck().iterate(values) as IterableIterator<number>) nameRank.set(rowid, nameRank.size);

  // The counting pass: what documentItems and fieldIssues list, counted without making the items.
  const assessed = customers.map((facts): Assessed => {
    const fields = mandatoryFields[facts[1]];
    let items = fields.length;
    let present = 0;
    let missing = 0;
    const count = (filed: number | undefined) => {
      items++;
      if (filed === 0) present++;
      else if (filed === undefined) missing++;
    };
    for (const type of forCustomerType.get(facts[1]) ?? []) count(byCustomer.get(ownerType(facts[0], type.rowid)));
    for (const [policy, line] of held.get(facts[0]) ?? []) {
      for (const type of forProductLine.get(line) ?? []) count(byPolicy.get(ownerType(policy, type.rowid)));
    }
    let issues = 0;
    for (const field of fields) {
      if (fieldState(facts, field, today) === 'present') present++;
      else issues++;
    }
    return { facts, nameRank: nameRank.get(facts[0])!, percent: items === 0 ? 100 : Math.round((100 * present) / items), missing, fieldIssues: issues, lowQualityPages: poorPages.get(facts[0]) ?? 0 };
  });
  return { assessed, documentItems, fieldIssues };
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

const emptyTally = (name: string): Tally => ({ name, customers: 0, complete: 0, percentSum: 0, missing: 0, fields: 0, pages: 0 });

function tally(t: Tally, c: Assessed): void {
  t.customers++;
  if (c.percent === 100) t.complete++;
  t.percentSum += c.percent;
  t.missing += c.missing;
  t.fields += c.fieldIssues;
  t.pages += c.lowQualityPages;
}

function tallyIn<K>(map: Map<K, Tally>, key: K, name: () => string, c: Assessed): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = emptyTally(name())));
  tally(t, c);
}

function rollUpRows(map: Map<unknown, Tally>, first: 'agent' | 'branch'): Row[] {
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
  orientation: 'landscape',
  parameters: ['from', 'to', 'branchId', 'agentId', 'customerType'],
  // Agents see their own customers only; everyone who answers for files sees the branch's.
  roles,
  columns: [
    ...customerColumns,
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
   * period selects customers whose file was opened in it. Every customer's checklist is worked
   * out (the totals need them), but rows are only built for the first `limit`.
   */
  query(db, parameters, { actor, t, language, limit, now }) {
    const { where, values } = customerScope(parameters, actor, 'c', true);
    const { assessed, documentItems, fieldIssues } = completenessOf(db, where, values, now);
    const unassigned = t('reports.unassigned');
    const agentNames = new Map(db.prepare('SELECT rowid, display_name FROM users').raw().all() as [number, string][]);
    const branchNames = new Map(db.prepare('SELECT rowid, name FROM branches').raw().all() as [number, string][]);
    const agentName = (agent: number | null) => (agent === null ? unassigned : (agentNames.get(agent) ?? unassigned));
    const byAgent = new Map<number | null, Tally>();
    const byBranch = new Map<number, Tally>();
    const all = emptyTally('');
    for (const c of assessed) {
      tallyIn(byAgent, c.facts[2], () => agentName(c.facts[2]), c);
      tallyIn(byBranch, c.facts[3], () => branchNames.get(c.facts[3]) ?? '', c);
      tally(all, c);
    }
    // Agents in name order (customers without one last), then the emptiest files first, then names.
    const ranked = [...byAgent.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : nameOrder.compare(agentName(a), agentName(b))));
    const agentRank = new Map(ranked.map((agent, i) => [agent, i]));
    // One number per customer to sort on (agent, then percentage, then name): a comparator that
    // looked the agent up per comparison cost a tenth of the report at 100,000 customers.
    const listed = assessed
      .filter((c) => c.percent < 100 || c.lowQualityPages > 0)
      .map((c) => ({ c, key: (agentRank.get(c.facts[2])! * 101 + c.percent) * assessed.length + c.nameRank }))
      .sort((a, b) => a.key - b.key)
      .map(({ c }) => c);

    const customerOf = db.prepare('SELECT id, name, id_number, credit_code FROM customers WHERE rowid = ?');
    const policyNumber = db.prepare('SELECT policy_number FROM policies WHERE rowid = ?').pluck();
    const separator = t('reports.listSeparator');
    const documentLabel = (item: DocumentItem) => {
      const name = item.type.names[language];
      return item.policy === null ? name : `${name} (${policyNumber.get(item.policy) as string})`;
    };
    const rows: Row[] = firstRows(listed, limit).map((c): Row => {
      const customer = customerOf.get(c.facts[0]) as { id: string; name: string; id_number: string | null; credit_code: string | null };
      const items = documentItems(c.facts);
      const docs = [
        ...items.filter((d) => d.state === 'missing').map(documentLabel),
        ...items.filter((d) => d.state === 'lowQuality').map((d) => t('reports.lowQualityDocument', { document: documentLabel(d) })),
      ];
      const issues = fieldIssues(c.facts).map((f) => t(f.state === 'missing' ? 'reports.fieldMissing' : 'reports.fieldInvalid', { field: t(`checklist.fields.${f.field}`) }));
      const cells: Record<string, Cell> = {
        customerId: customer.id,
        customer: customer.name,
        customerType: t(`enums.customerTypes.${c.facts[1]}`),
        idNumber: maskedIdentifier(actor.role, customer.id_number, customer.credit_code),
        agent: agentName(c.facts[2]),
        missingDocuments: docs.join(separator),
        missingCount: c.missing,
        fieldIssues: issues.join(separator),
        fieldIssueCount: c.fieldIssues,
        lowQualityPages: c.lowQualityPages,
        completeness: c.percent / 100,
      };
      return cells;
    });
    const { customers, complete, percentSum, missing, fields, pages } = all;
    return {
      rows,
      rowCount: listed.length,
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
