import { roles } from '../../shared/domain/roles.js';
import type { DocumentTypeNames } from '../../shared/domain/document-type.js';
import type { ReportColumn } from '../../shared/ipc/methods/reports.js';
import type { OpenItem } from '../records/completeness.js';
import { type Cell, column, customerColumns, figure, nameOrder, type ReportDefinition, rate, type Row } from './definition.js';
import { customerScope, maskedIdentifier, whereClause } from './scope.js';

/*
 * File completeness (report 1, H1.2), from the checklist summary kept for every customer
 * (percentage, open items, their counts, poor pages), which the records code stores in the
 * transaction of every change that can move it (electron/records/completeness.ts). Working the
 * 100,000 checklists out for each run took 2 s and more; the totals and roll-ups are now one
 * aggregate query and the rows are read in report order, as many as are sent.
 */

/** The customers the report lists: an open item or a poor page. */
const listed = '(c.completeness < 100 OR c.low_quality_pages > 0)';

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

/** Customers counted, with the sums of their checklist summaries. */
interface Counts {
  customers: number;
  complete: number;
  percentSum: number;
  missing: number;
  fields: number;
  pages: number;
}

interface Tally extends Counts {
  name: string;
}

const emptyTally = (name: string): Tally => ({ name, customers: 0, complete: 0, percentSum: 0, missing: 0, fields: 0, pages: 0 });

function addTo(t: Counts, part: Counts): void {
  t.customers += part.customers;
  t.complete += part.complete;
  t.percentSum += part.percentSum;
  t.missing += part.missing;
  t.fields += part.fields;
  t.pages += part.pages;
}

function addIn<K>(map: Map<K, Tally>, key: K, name: () => string, part: Counts): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = emptyTally(name())));
  addTo(t, part);
}

/** A listed customer's row as read for the report. */
interface CustomerRow {
  id: string;
  name: string;
  type: string;
  id_number: string | null;
  credit_code: string | null;
  completeness: number;
  missing_documents: number;
  field_issues: number;
  low_quality_pages: number;
  items: string | null;
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
   * period selects customers whose file was opened in it. Rows are read agent by agent, and only
   * the first `limit` of them.
   */
  query(db, parameters, { actor, t, language, limit }) {
    const { where, values } = customerScope(parameters, actor, 'c', true);
    const unassigned = t('reports.unassigned');
    const agentNames = new Map(db.prepare('SELECT id, display_name FROM users').raw().all() as [string, string][]);
    const branchNames = new Map(db.prepare('SELECT id, name FROM branches').raw().all() as [string, string][]);
    const agentName = (agent: string | null) => (agent === null ? unassigned : (agentNames.get(agent) ?? unassigned));
    const byAgent = new Map<string | null, Tally>();
    const byBranch = new Map<string, Tally>();
    const all = emptyTally('');
    let rowCount = 0;
    const counts = db
      .prepare(
        `SELECT c.agent_id, c.branch_id, count(*), sum(c.completeness = 100), sum(c.completeness), sum(c.missing_documents), sum(c.field_issues), sum(c.low_quality_pages), sum(${listed})
           FROM customers c ${whereClause(where)} GROUP BY c.agent_id, c.branch_id`,
      )
      .raw()
      .all(values) as [string | null, string, number, number, number, number, number, number, number][];
    for (const [agent, branch, customers, complete, percentSum, missing, fields, pages, incomplete] of counts) {
      const part: Counts = { customers, complete, percentSum, missing, fields, pages };
      addIn(byAgent, agent, () => agentName(agent), part);
      addIn(byBranch, branch, () => branchNames.get(branch) ?? '', part);
      addTo(all, part);
      rowCount += incomplete;
    }

    // Rows: agents in name order (customers without one last), then the emptiest files first, then names.
    const agents = [...byAgent.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : nameOrder.compare(agentName(a), agentName(b))));
    const customersOf = db.prepare(
      `SELECT c.id, c.name, c.type, c.id_number, c.credit_code, c.completeness, c.missing_documents, c.field_issues, c.low_quality_pages, o.items
         FROM customers c LEFT JOIN customer_open_items o ON o.customer_id = c.id WHERE ${[...where, listed, 'c.agent_id IS @agent'].join(' AND ')}
        ORDER BY c.completeness, c.name, c.rowid LIMIT @limit`,
    );
    const typeNames = new Map(
      (db.prepare('SELECT id, names FROM document_types').raw().all() as [string, string][]).map(([id, names]) => [id, JSON.parse(names) as DocumentTypeNames]),
    );
    const separator = t('reports.listSeparator');
    const documentLabel = (item: Extract<OpenItem, { kind: 'document' }>) => {
      const name = typeNames.get(item.documentTypeId)?.[language] ?? '';
      return item.policyNumber === undefined ? name : `${name} (${item.policyNumber})`;
    };
    const rows: Row[] = [];
    for (const agent of agents) {
      const wanted = limit === null ? -1 : limit - rows.length;
      if (wanted === 0) break;
      for (const customer of customersOf.iterate({ ...values, agent, limit: wanted }) as IterableIterator<CustomerRow>) {
        const open = customer.items === null ? [] : (JSON.parse(customer.items) as OpenItem[]);
        const documents = open.filter((i) => i.kind === 'document');
        const docs = [
          ...documents.filter((d) => d.state === 'missing').map(documentLabel),
          ...documents.filter((d) => d.state === 'lowQuality').map((d) => t('reports.lowQualityDocument', { document: documentLabel(d) })),
        ];
        const issues = open.flatMap((f) => (f.kind === 'field' ? [t(f.state === 'missing' ? 'reports.fieldMissing' : 'reports.fieldInvalid', { field: t(`checklist.fields.${f.field}`) })] : []));
        const cells: Record<string, Cell> = {
          customerId: customer.id,
          customer: customer.name,
          customerType: t(`enums.customerTypes.${customer.type}`),
          idNumber: maskedIdentifier(actor.role, customer.id_number, customer.credit_code),
          agent: agentName(agent),
          missingDocuments: docs.join(separator),
          missingCount: customer.missing_documents,
          fieldIssues: issues.join(separator),
          fieldIssueCount: customer.field_issues,
          lowQualityPages: customer.low_quality_pages,
          completeness: customer.completeness / 100,
        };
        rows.push(cells);
      }
    }
    const { customers, complete, percentSum, missing, fields, pages } = all;
    return {
      rows,
      rowCount,
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
