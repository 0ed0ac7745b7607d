import type { PolicyFields } from '../../shared/domain/policy.js';
import { suitabilityMismatch } from '../../shared/domain/policy.js';
import type { PolicyRow, PolicyView } from '../../shared/ipc/methods/records.js';
import type { Db } from '../db/connection.js';

const toFen = (yuan: number) => Math.round(yuan * 100);

function parameters(p: PolicyFields) {
  return {
    policy_number: p.policyNumber,
    product_name: p.productName,
    product_line: p.productLine,
    sum_insured_fen: toFen(p.sumInsured),
    premium_fen: toFen(p.premium),
    payment_frequency: p.paymentFrequency,
    term_months: p.termMonths ?? null,
    application_date: p.applicationDate,
    issue_date: p.issueDate ?? null,
    effective_date: p.effectiveDate ?? null,
    end_date: p.endDate ?? null,
    termination_date: p.terminationDate ?? null,
    status: p.status,
    customer_risk_level: p.customerRiskLevel ?? null,
    product_risk_class: p.productRiskClass ?? null,
    paper_location: p.paperLocation ?? null,
    agent_id: p.agentId ?? null,
  };
}

function writeParties(db: Db, policyId: string, p: PolicyFields): void {
  db.prepare('DELETE FROM policy_parties WHERE policy_id = ?').run(policyId);
  const insert = db.prepare('INSERT INTO policy_parties (policy_id, customer_id, role, share_percent) VALUES (?, ?, ?, ?)');
  insert.run(policyId, p.policyholderId, 'policyholder', null);
  for (const insured of new Set(p.insuredIds)) insert.run(policyId, insured, 'insured', null);
  for (const b of p.beneficiaries) insert.run(policyId, b.customerId, 'beneficiary', b.sharePercent);
}

export function insertPolicy(db: Db, row: { id: string; branchId: string; at: string; fields: PolicyFields }): void {
  const values = parameters(row.fields);
  const names = Object.keys(values);
  db.prepare(
    `INSERT INTO policies (id, branch_id, created_at, updated_at, ${names.join(', ')}) VALUES (@id, @branch_id, @at, @at, ${names.map((n) => `@${n}`).join(', ')})`,
  ).run({ ...values, id: row.id, branch_id: row.branchId, at: row.at });
  writeParties(db, row.id, row.fields);
}

export function updatePolicy(db: Db, id: string, fields: PolicyFields, at: string): void {
  const values = parameters(fields);
  db.prepare(`UPDATE policies SET ${Object.keys(values).map((n) => `${n} = @${n}`).join(', ')}, updated_at = @at WHERE id = @id`).run({ ...values, id, at });
  writeParties(db, id, fields);
}

export function findPolicyId(db: Db, policyNumber: string): string | undefined {
  return db.prepare('SELECT id FROM policies WHERE policy_number = ?').pluck().get(policyNumber) as string | undefined;
}

interface PolicyRowStored {
  id: string;
  policy_number: string;
  product_name: string;
  product_line: PolicyView['productLine'];
  sum_insured_fen: number;
  premium_fen: number;
  payment_frequency: PolicyView['paymentFrequency'];
  term_months: number | null;
  application_date: string;
  issue_date: string | null;
  effective_date: string | null;
  end_date: string | null;
  termination_date: string | null;
  status: PolicyView['status'];
  customer_risk_level: PolicyView['customerRiskLevel'];
  product_risk_class: PolicyView['productRiskClass'];
  paper_location: string | null;
  agent_id: string | null;
  completeness: number;
}

export function findPolicy(db: Db, id: string): PolicyView | undefined {
  const row = db.prepare('SELECT * FROM policies WHERE id = ?').get(id) as PolicyRowStored | undefined;
  return row ? toView(db, row) : undefined;
}

export function policiesOfCustomer(db: Db, customerId: string): PolicyView[] {
  const rows = db
    .prepare('SELECT DISTINCT p.* FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id WHERE pp.customer_id = ? ORDER BY p.application_date DESC')
    .all(customerId) as PolicyRowStored[];
  return rows.map((row) => toView(db, row));
}

export interface PolicyListQuery {
  offset: number;
  limit: number;
  sort: { field: 'policyNumber' | 'applicationDate' | 'premium' | 'completeness'; order: 'asc' | 'desc' };
  filters: { productLine?: string; status?: string; agentId?: string; branchId?: string; completenessBelow?: number };
}

const policySortColumns = { policyNumber: 'p.policy_number', applicationDate: 'p.application_date', premium: 'p.premium_fen', completeness: 'p.completeness' } as const;

/** One page of policies with their policyholder, found on the sort column's index first. */
export function listPolicies(db: Db, query: PolicyListQuery): { total: number; rows: PolicyRow[] } {
  const f = query.filters;
  const where: string[] = [];
  if (f.productLine) where.push('p.product_line = @productLine');
  if (f.status) where.push('p.status = @status');
  if (f.agentId) where.push('p.agent_id = @agentId');
  if (f.branchId) where.push('p.branch_id = @branchId');
  if (f.completenessBelow) where.push('p.completeness < @completenessBelow');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const params = { ...f, limit: query.limit, offset: query.offset };
  const total = db.prepare(`SELECT count(*) FROM policies p ${clause}`).pluck().get(params) as number;
  const direction = query.sort.order === 'asc' ? 'ASC' : 'DESC';
  const order = `${policySortColumns[query.sort.field]} ${direction}, p.rowid ${direction}`;
  const rows = db
    .prepare(
      `SELECT p.*, c.id AS holder_id, c.name AS holder_name, u.display_name AS agent_name
       FROM (SELECT p.rowid AS r FROM policies p ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
       JOIN policies p ON p.rowid = page.r
       LEFT JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role = 'policyholder'
       LEFT JOIN customers c ON c.id = pp.customer_id
       LEFT JOIN users u ON u.id = p.agent_id
       ORDER BY ${order}`,
    )
    .all(params) as (PolicyRowStored & { holder_id: string | null; holder_name: string | null; agent_name: string | null })[];
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      policyNumber: row.policy_number,
      productName: row.product_name,
      productLine: row.product_line,
      status: row.status,
      premium: row.premium_fen / 100,
      applicationDate: row.application_date,
      completeness: row.completeness,
      suitabilityMismatch: suitabilityMismatch(row.customer_risk_level, row.product_risk_class),
      policyholderId: row.holder_id,
      policyholderName: row.holder_name,
      agentName: row.agent_name,
    })),
  };
}

/** The stored policy as the input schema expects it, to merge changes into before validating. */
export function policyFields(view: PolicyView): Record<string, unknown> {
  const { id: _id, suitabilityMismatch: _s, completeness: _c, parties, ...rest } = view;
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
  fields.policyholderId = parties.find((p) => p.role === 'policyholder')?.customerId;
  fields.insuredIds = parties.filter((p) => p.role === 'insured').map((p) => p.customerId);
  fields.beneficiaries = parties.filter((p) => p.role === 'beneficiary').map((p) => ({ customerId: p.customerId, sharePercent: p.sharePercent }));
  return fields;
}

function toView(db: Db, row: PolicyRowStored): PolicyView {
  const parties = db
    .prepare('SELECT pp.customer_id AS customerId, c.name, pp.role, pp.share_percent AS sharePercent FROM policy_parties pp JOIN customers c ON c.id = pp.customer_id WHERE pp.policy_id = ? ORDER BY pp.role, c.name')
    .all(row.id) as PolicyView['parties'];
  return {
    id: row.id,
    policyNumber: row.policy_number,
    productName: row.product_name,
    productLine: row.product_line,
    sumInsured: row.sum_insured_fen / 100,
    premium: row.premium_fen / 100,
    paymentFrequency: row.payment_frequency,
    termMonths: row.term_months,
    applicationDate: row.application_date,
    issueDate: row.issue_date,
    effectiveDate: row.effective_date,
    endDate: row.end_date,
    terminationDate: row.termination_date,
    status: row.status,
    customerRiskLevel: row.customer_risk_level,
    productRiskClass: row.product_risk_class,
    suitabilityMismatch: suitabilityMismatch(row.customer_risk_level, row.product_risk_class),
    paperLocation: row.paper_location,
    agentId: row.agent_id,
    completeness: row.completeness,
    parties: parties.map((p) => ({ ...p, sharePercent: p.sharePercent ?? null })),
  };
}
