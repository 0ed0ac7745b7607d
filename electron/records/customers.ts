import type { CustomerFields } from '../../shared/domain/customer.js';
import type { Db } from '../db/connection.js';

/** A customer row as stored, with camelCase names. */
export interface CustomerRecord extends CustomerFields {
  id: string;
  rowid: number;
  branchId: string;
  createdAt: string;
  updatedAt: string;
  nextUpdateDue: string | null;
  completeness: number;
}

const columnNames = [
  'rowid', 'id', 'branch_id', 'type', 'name', 'sex', 'birth_date', 'id_type', 'id_number', 'credit_code', 'mobile', 'landline',
  'address', 'occupation', 'income_band', 'family_status', 'health_status', 'risk_preference', 'source', 'agent_id',
  'lifecycle_stage', 'risk_level', 'value_level', 'tags', 'created_at', 'updated_at', 'last_verified_at', 'last_contacted_at',
  'next_update_due', 'completeness',
];
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
/** The select list for a table alias, columns renamed to the record's camelCase fields. */
const columnsOf = (alias: string) => columnNames.map((n) => `${alias}.${n} AS ${camel(n)}`).join(', ');
const columns = columnsOf('customers');

type Stored = Omit<CustomerRecord, 'tags'> & { tags: string };

function fromRow(row: Stored | undefined): CustomerRecord | undefined {
  if (!row) return undefined;
  const record: Record<string, unknown> = { ...row, tags: JSON.parse(row.tags) as string[] };
  // NULL columns become absent fields, as in the input schema.
  for (const key of Object.keys(record)) if (record[key] === null && key !== 'nextUpdateDue') delete record[key];
  return record as unknown as CustomerRecord;
}

const fieldColumns: Record<keyof CustomerFields, string> = {
  type: 'type',
  name: 'name',
  sex: 'sex',
  birthDate: 'birth_date',
  idType: 'id_type',
  idNumber: 'id_number',
  creditCode: 'credit_code',
  mobile: 'mobile',
  landline: 'landline',
  address: 'address',
  occupation: 'occupation',
  incomeBand: 'income_band',
  familyStatus: 'family_status',
  healthStatus: 'health_status',
  riskPreference: 'risk_preference',
  source: 'source',
  agentId: 'agent_id',
  lifecycleStage: 'lifecycle_stage',
  riskLevel: 'risk_level',
  valueLevel: 'value_level',
  tags: 'tags',
  lastVerifiedAt: 'last_verified_at',
  lastContactedAt: 'last_contacted_at',
};

function parameters(fields: CustomerFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(fieldColumns)) {
    const value = fields[field as keyof CustomerFields];
    out[column] = field === 'tags' ? JSON.stringify(value ?? []) : (value ?? null);
  }
  out.id_number_rev = fields.idNumber ? [...fields.idNumber].reverse().join('') : null;
  return out;
}

export function insertCustomer(db: Db, row: { id: string; branchId: string; at: string; fields: CustomerFields }): number {
  const values = parameters(row.fields);
  const names = Object.keys(values);
  const result = db
    .prepare(
      `INSERT INTO customers (id, branch_id, created_at, updated_at, ${names.join(', ')})
       VALUES (@id, @branch_id, @at, @at, ${names.map((n) => `@${n}`).join(', ')})`,
    )
    .run({ ...values, id: row.id, branch_id: row.branchId, at: row.at });
  return Number(result.lastInsertRowid);
}

export function updateCustomer(db: Db, id: string, fields: CustomerFields, at: string): void {
  const values = parameters(fields);
  db.prepare(`UPDATE customers SET ${Object.keys(values).map((n) => `${n} = @${n}`).join(', ')}, updated_at = @at WHERE id = @id`).run({ ...values, id, at });
}

export function findCustomer(db: Db, id: string): CustomerRecord | undefined {
  return fromRow(db.prepare(`SELECT ${columns} FROM customers WHERE id = ?`).get(id) as Stored | undefined);
}

/** The customer already holding this ID number or credit code, if any. */
export function findDuplicate(db: Db, fields: CustomerFields, exceptId?: string): CustomerRecord | undefined {
  const row = db
    .prepare(`SELECT ${columns} FROM customers WHERE ((id_number = @idNumber) OR (credit_code = @creditCode)) AND id IS NOT @exceptId LIMIT 1`)
    .get({ idNumber: fields.idNumber ?? null, creditCode: fields.creditCode ?? null, exceptId: exceptId ?? null }) as Stored | undefined;
  return fromRow(row);
}

export interface CustomerListQuery {
  offset: number;
  limit: number;
  sort: { field: 'name' | 'createdAt' | 'completeness' | 'nextUpdateDue'; order: 'asc' | 'desc' };
  filters: { type?: string; agentId?: string; branchId?: string; completenessBelow?: number; due?: 'due' | 'overdue' };
  today: string;
  dueSoon: string;
}

const sortColumns = { name: 'c.name', createdAt: 'c.created_at', completeness: 'c.completeness', nextUpdateDue: 'c.next_update_due' } as const;

export function listCustomers(db: Db, query: CustomerListQuery): { total: number; rows: (CustomerRecord & { agentName: string | null })[] } {
  const where: string[] = [];
  const f = query.filters;
  if (f.type) where.push('c.type = @type');
  if (f.agentId) where.push('c.agent_id = @agentId');
  if (f.branchId) where.push('c.branch_id = @branchId');
  if (f.completenessBelow) where.push('c.completeness < @completenessBelow');
  if (f.due === 'overdue') where.push('c.next_update_due < @today');
  if (f.due === 'due') where.push('c.next_update_due <= @dueSoon');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const params = { ...f, today: query.today, dueSoon: query.dueSoon, limit: query.limit, offset: query.offset };
  const total = (db.prepare(`SELECT count(*) FROM customers c ${clause}`).pluck().get(params) as number) ?? 0;
  const direction = query.sort.order === 'asc' ? 'ASC' : 'DESC';
  const order = `${sortColumns[query.sort.field]} ${direction}, c.rowid ${direction}`;
  // The page is found on the sort column's index alone, then only its rows are read: a deep
  // offset (row 50,000 of 100,000) then walks index entries, not whole rows.
  const rows = db
    .prepare(
      `SELECT ${columnsOf('c')}, u.display_name AS agentName
       FROM (SELECT c.rowid AS r FROM customers c ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
       JOIN customers c ON c.rowid = page.r LEFT JOIN users u ON u.id = c.agent_id
       ORDER BY ${order}`,
    )
    .all(params) as (Stored & { agentName: string | null })[];
  return { total, rows: rows.map((r) => ({ ...fromRow(r)!, agentName: r.agentName })) };
}
