import { editsRecords, seesHealth, seesIdentifiers } from '../../shared/domain/access.js';
import type { Role } from '../../shared/domain/roles.js';
import type { CustomerRow, CustomerView } from '../../shared/ipc/methods/records.js';
import { maskCreditCode, maskLandline, maskMobile, maskResidentId } from '../../shared/validators/mask.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { CustomerRecord } from './customers.js';

/** What a viewer in this role may see of a customer: identifiers masked, health status withheld. */
export function customerView(record: CustomerRecord, role: Role, agentName: string | null): CustomerView {
  const full = seesIdentifiers(role);
  const { rowid: _rowid, ...fields } = record;
  return {
    ...fields,
    idNumber: record.idNumber ? (full ? record.idNumber : maskResidentId(record.idNumber)) : null,
    creditCode: record.creditCode ? (full ? record.creditCode : maskCreditCode(record.creditCode)) : null,
    mobile: record.mobile ? (full ? record.mobile : maskMobile(record.mobile)) : null,
    landline: record.landline ? (full ? record.landline : maskLandline(record.landline)) : null,
    healthStatus: seesHealth(role) ? (record.healthStatus ?? null) : null,
    tags: record.tags ?? [],
    agentName,
    masked: !full,
  };
}

export function customerRowView(record: CustomerRecord & { agentName: string | null }, role: Role): CustomerRow {
  const view = customerView(record, role, record.agentName);
  return {
    id: view.id,
    type: view.type,
    name: view.name,
    idNumber: view.idNumber,
    creditCode: view.creditCode,
    mobile: view.mobile,
    agentName: view.agentName,
    completeness: view.completeness,
    nextUpdateDue: view.nextUpdateDue,
    createdAt: view.createdAt,
  };
}

export function requireEditor(role: Role): void {
  if (!editsRecords(role)) throw new DossierError('PERMISSION_DENIED');
}
