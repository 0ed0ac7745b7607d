import { type CustomerType, mandatoryFields } from '../../shared/domain/customer.js';
import { documentCategories, type DocumentTypeNames, type RequiredFor } from '../../shared/domain/document-type.js';
import { type ProductLine, suitabilityMismatch } from '../../shared/domain/policy.js';
import {
  type Checklist,
  type ChecklistField,
  type ChecklistItem,
  type DocumentChecklistItem,
  type FieldChecklistItem,
} from '../../shared/ipc/methods/checklists.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { validateCreditCode, validateMobile, validateResidentId } from '../../shared/validators/index.js';
import type { Db } from '../db/connection.js';
import { statement } from '../db/statements.js';

/** Page quality flags that make a present document count as not good enough. */
export const poorQualityFlags = ['lowResolution', 'blank'] as const;

/** Product lines whose policies need a suitability record (S5.2). */
const suitabilityLines: readonly ProductLine[] = ['investment_linked', 'annuity'];

export interface ActiveType {
  id: string;
  code: string;
  names: DocumentTypeNames;
  requiredFor: RequiredFor;
}

const categoryOrder = `CASE category ${documentCategories.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} END`;

function activeTypes(db: Db): ActiveType[] {
  const rows = db
    .prepare(`SELECT id, code, names, required_for FROM document_types WHERE active = 1 ORDER BY ${categoryOrder}, rowid`)
    .all() as { id: string; code: string; names: string; required_for: string }[];
  return rows.map((r) => ({ id: r.id, code: r.code, names: JSON.parse(r.names) as DocumentTypeNames, requiredFor: JSON.parse(r.required_for) as RequiredFor }));
}

/**
 * The best filed document of a type for a customer or a policy: one without poor pages if there
 * is one. Destroyed and inbox documents do not count.
 */
function documentItem(db: Db, owner: 'customer_id' | 'policy_id', ownerId: string, type: ActiveType): DocumentChecklistItem {
  const best = statement(
    db,
    `SELECT d.id,
            EXISTS (SELECT 1 FROM pages p, json_each(p.quality_flags) f
                     WHERE p.document_id = d.id AND f.value IN (${poorQualityFlags.map(() => '?').join(', ')})) AS poor
       FROM documents d
      WHERE d.${owner} = ? AND d.document_type_id = ? AND d.state = 'filed'
      ORDER BY poor, d.filed_at DESC, d.created_at DESC
      LIMIT 1`,
  ).get(...poorQualityFlags, ownerId, type.id) as { id: string; poor: number } | undefined;
  const item: DocumentChecklistItem = { kind: 'document', code: type.code, documentTypeId: type.id, names: type.names, state: 'missing' };
  if (!best) return item;
  return { ...item, state: best.poor ? 'lowQuality' : 'present', documentId: best.id };
}

function field(name: ChecklistField, state: FieldChecklistItem['state'], reason?: string): FieldChecklistItem {
  return reason === undefined ? { kind: 'field', field: name, state } : { kind: 'field', field: name, state, reason };
}

const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
const column = (fieldName: string) => fieldName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function withPercent(items: ChecklistItem[]): Checklist {
  const present = items.filter((i) => i.state === 'present').length;
  return { percent: items.length === 0 ? 100 : Math.round((100 * present) / items.length), items };
}

/** Stored values are checked again: a value saved before a validator was tightened shows as invalid. */
function customerField(row: Record<string, unknown>, name: string): FieldChecklistItem {
  const value = row[column(name)];
  const fieldName = name as ChecklistField;
  if (blank(value)) return field(fieldName, 'missing');
  const text = String(value);
  switch (name) {
    case 'idNumber': {
      if (row.id_type !== null && row.id_type !== 'resident_id') return field(fieldName, 'present');
      const result = validateResidentId(text);
      return result.ok ? field(fieldName, 'present') : field(fieldName, 'invalid', result.reason);
    }
    case 'creditCode': {
      const result = validateCreditCode(text);
      return result.ok ? field(fieldName, 'present') : field(fieldName, 'invalid', result.reason);
    }
    case 'mobile': {
      const result = validateMobile(text);
      return result.ok ? field(fieldName, 'present') : field(fieldName, 'invalid', result.reason);
    }
    default:
      return field(fieldName, 'present');
  }
}

/**
 * A customer's required documents (by customer type), the paper each policy they hold needs
 * (by product line: the file is complete only when its policies' papers are), and mandatory
 * fields (H1.2).
 */
export function customerChecklist(db: Db, customerId: string, types: readonly ActiveType[] = activeTypes(db)): Checklist {
  const row = statement(db, 'SELECT * FROM customers WHERE id = ?').get(customerId) as (Record<string, unknown> & { type: CustomerType }) | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  const items: ChecklistItem[] = types
    .filter((t) => t.requiredFor.customerTypes?.includes(row.type))
    .map((t) => documentItem(db, 'customer_id', customerId, t));
  const held = statement(
    db,
    `SELECT p.id, p.policy_number, p.product_line FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role = 'policyholder' WHERE pp.customer_id = ? ORDER BY p.application_date`,
  ).all(customerId) as { id: string; policy_number: string; product_line: ProductLine }[];
  for (const policy of held) {
    for (const type of types.filter((t) => t.requiredFor.productLines?.includes(policy.product_line))) {
      items.push({ ...documentItem(db, 'policy_id', policy.id, type), policyNumber: policy.policy_number });
    }
  }
  for (const name of mandatoryFields[row.type]) items.push(customerField(row, name));
  return withPercent(items);
}

interface PolicyRow {
  policy_number: string;
  product_name: string;
  product_line: ProductLine;
  application_date: string | null;
  sum_insured_fen: number;
  premium_fen: number;
  customer_risk_level: string | null;
  product_risk_class: string | null;
}

/** A policy's required documents (by product line) and mandatory fields. */
export function policyChecklist(db: Db, policyId: string, types: readonly ActiveType[] = activeTypes(db)): Checklist {
  const row = statement(db, 'SELECT * FROM policies WHERE id = ?').get(policyId) as PolicyRow | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  const items: ChecklistItem[] = types
    .filter((t) => t.requiredFor.productLines?.includes(row.product_line))
    .map((t) => documentItem(db, 'policy_id', policyId, t));
  const hasParty = (role: string) => statement(db, 'SELECT 1 FROM policy_parties WHERE policy_id = ? AND role = ? LIMIT 1').get(policyId, role) !== undefined;
  const presence = (name: ChecklistField, ok: boolean) => field(name, ok ? 'present' : 'missing');
  items.push(
    presence('policyNumber', !blank(row.policy_number)),
    presence('productName', !blank(row.product_name)),
    blank(row.application_date)
      ? field('applicationDate', 'missing')
      : isIsoDate(row.application_date!)
        ? field('applicationDate', 'present')
        : field('applicationDate', 'invalid', 'date'),
    presence('policyholder', hasParty('policyholder')),
    presence('insured', hasParty('insured')),
    presence('sumInsured', row.sum_insured_fen > 0),
    presence('premium', row.premium_fen > 0),
  );
  if (suitabilityLines.includes(row.product_line)) {
    if (!row.customer_risk_level || !row.product_risk_class) items.push(field('suitability', 'missing'));
    else if (suitabilityMismatch(row.customer_risk_level, row.product_risk_class)) items.push(field('suitability', 'invalid', 'mismatch'));
    else items.push(field('suitability', 'present'));
  }
  return withPercent(items);
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Recomputes and stores one policy's completeness; returns it. */
export function refreshPolicyCompleteness(db: Db, policyId: string, types: readonly ActiveType[] = activeTypes(db)): number {
  const { percent } = policyChecklist(db, policyId, types);
  statement(db, 'UPDATE policies SET completeness = ? WHERE id = ? AND completeness IS NOT ?').run(percent, policyId, percent);
  return percent;
}

/**
 * A checklist item that is not satisfied, as the customer row keeps it for reports: document
 * types by id (their names are looked up in the reader's language when shown), a policy's paper
 * with the policy's number.
 */
export type OpenItem =
  | { kind: 'document'; documentTypeId: string; policyNumber?: string; state: 'missing' | 'lowQuality' }
  | { kind: 'field'; field: ChecklistField; state: 'missing' | 'invalid' };

/** Pages below the scan rule (under 200 dpi, or flagged low resolution or blank) in a customer's filed documents. */
function lowQualityPages(db: Db, customerId: string): number {
  return statement(
    db,
    `SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id
      WHERE d.customer_id = ? AND d.state = 'filed'
        AND (p.dpi < 200 OR EXISTS (SELECT 1 FROM json_each(p.quality_flags) f WHERE f.value IN (${poorQualityFlags.map(() => '?').join(', ')})))`,
  )
    .pluck()
    .get(customerId, ...poorQualityFlags) as number;
}

/**
 * Stores a customer's checklist summary: percentage, open items and their counts, poor pages.
 * Lists and the completeness report read it, so that a report over 100,000 customers is a query,
 * not 100,000 checklists. The summary is as of the change: an ID number whose birth date was still
 * in the future when it was saved stays "invalid" in it until the customer is next saved (the
 * checklist itself, shown on the customer's page, checks against today).
 */
function storeSummary(db: Db, customerId: string, types: readonly ActiveType[]): number {
  const { percent, items } = customerChecklist(db, customerId, types);
  const open: OpenItem[] = [];
  for (const item of items) {
    if (item.state === 'present') continue;
    if (item.kind === 'field') open.push({ kind: 'field', field: item.field, state: item.state });
    else open.push({ kind: 'document', documentTypeId: item.documentTypeId, ...(item.policyNumber === undefined ? {} : { policyNumber: item.policyNumber }), state: item.state });
  }
  const missing = open.filter((i) => i.kind === 'document' && i.state === 'missing').length;
  const fieldIssues = open.filter((i) => i.kind === 'field').length;
  // Written only when something moved: every write re-encrypts the page it touches.
  statement(
    db,
    `UPDATE customers SET completeness = @percent, missing_documents = @missing, field_issues = @fieldIssues, low_quality_pages = @pages
      WHERE id = @id AND NOT (completeness = @percent AND missing_documents = @missing AND field_issues = @fieldIssues AND low_quality_pages = @pages)`,
  ).run({ id: customerId, percent, missing, fieldIssues, pages: lowQualityPages(db, customerId) });
  if (open.length === 0) statement(db, 'DELETE FROM customer_open_items WHERE customer_id = ?').run(customerId);
  else {
    statement(db, 'INSERT INTO customer_open_items (customer_id, items) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET items = excluded.items WHERE items <> excluded.items').run(
      customerId,
      JSON.stringify(open),
    );
  }
  return percent;
}

/**
 * Recomputes and stores a customer's checklist summary and the completeness of every policy they
 * are a party to. Call inside the transaction that changes the customer, a policy or a document.
 */
export function refreshCompleteness(db: Db, customerId: string): number {
  const types = activeTypes(db);
  const percent = storeSummary(db, customerId, types);
  const policies = statement(db, 'SELECT DISTINCT policy_id FROM policy_parties WHERE customer_id = ?').pluck().all(customerId) as string[];
  for (const policyId of policies) refreshPolicyCompleteness(db, policyId, types);
  return percent;
}

/** After a change to the document types themselves: every stored completeness may have moved. */
export function refreshAllCompleteness(db: Db): void {
  const types = activeTypes(db);
  for (const id of db.prepare('SELECT id FROM customers').pluck().all() as string[]) storeSummary(db, id, types);
  for (const id of db.prepare('SELECT id FROM policies').pluck().all() as string[]) refreshPolicyCompleteness(db, id, types);
}
