import { seesIdentifiers } from '../../shared/domain/access.js';
import type { Role } from '../../shared/domain/roles.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { ReportParameters } from '../../shared/ipc/methods/reports.js';
import { maskCreditCode, maskLandline, maskMobile, maskResidentId } from '../../shared/validators/mask.js';
import type { User } from '../archive/users.js';

/** Agents see their own customers only (H5.1 level 1): their reports are scoped to them. */
export const ownCustomersOnly = (role: Role) => role === 'agent';

/**
 * An agent asking for another agent's customers is refused, before anything is looked up: whether
 * that agent exists is none of theirs.
 */
export function checkOwnScope(parameters: ReportParameters, actor: User): void {
  if (ownCustomersOnly(actor.role) && parameters.agentId !== undefined && parameters.agentId !== actor.id) throw new DossierError('PERMISSION_DENIED');
}

/** The instant a local calendar day starts, as stored timestamps are written (ISO 8601 UTC). */
function localDayStart(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * Adds the period to a query's conditions: `column` (a stored timestamp) from the start of `from`
 * to the end of `to`, local days. (A reversed period never gets here: usedParameters refuses it.)
 */
export function addPeriod(parameters: ReportParameters, column: string, where: string[], values: Record<string, unknown>): void {
  if (parameters.from) {
    where.push(`${column} >= @fromAt`);
    values.fromAt = localDayStart(parameters.from);
  }
  if (parameters.to) {
    where.push(`${column} < @toAt`);
    values.toAt = localDayStart(parameters.to, 1);
  }
}

/**
 * SQL conditions on a customers table alias for the scope filters (branch, agent, customer type)
 * and, with `period`, the customers whose file was opened in the period. An agent gets their own
 * customers (checkOwnScope has refused them any other agent's).
 */
export function customerScope(parameters: ReportParameters, actor: User, alias = 'c', period = false): { where: string[]; values: Record<string, unknown> } {
  const where: string[] = [];
  const values: Record<string, unknown> = {};
  const agentId = ownCustomersOnly(actor.role) ? actor.id : parameters.agentId;
  if (agentId !== undefined) {
    where.push(`${alias}.agent_id = @agentId`);
    values.agentId = agentId;
  }
  if (parameters.branchId !== undefined) {
    where.push(`${alias}.branch_id = @branchId`);
    values.branchId = parameters.branchId;
  }
  if (parameters.customerType !== undefined) {
    where.push(`${alias}.type = @customerType`);
    values.customerType = parameters.customerType;
  }
  if (period) addPeriod(parameters, `${alias}.created_at`, where, values);
  return { where, values };
}

export const whereClause = (where: readonly string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/** The customer's identifier as the role may see it: ID number, else credit code. */
export function maskedIdentifier(role: Role, idNumber: string | null, creditCode: string | null): string | null {
  const full = seesIdentifiers(role);
  if (idNumber) return full ? idNumber : maskResidentId(idNumber);
  if (creditCode) return full ? creditCode : maskCreditCode(creditCode);
  return null;
}

export function maskedPhone(role: Role, mobile: string | null, landline: string | null): string | null {
  const full = seesIdentifiers(role);
  if (mobile) return full ? mobile : maskMobile(mobile);
  if (landline) return full ? landline : maskLandline(landline);
  return null;
}

/**
 * Free text that may carry identifiers (scanned files' names: 张伟11010519491231002X.jpg): long
 * digit runs are masked for roles that do not see identifiers.
 */
export function maskDigitRuns(role: Role, text: string): string {
  if (seesIdentifiers(role)) return text;
  return text.replace(/\d{6,}[\dXx]?/g, (run) => (run.length >= 15 ? maskResidentId(run) : maskMobile(run)));
}
