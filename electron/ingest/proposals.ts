import type { Proposal } from '../../shared/ipc/methods/ingest.js';
import type { Db } from '../db/connection.js';
import type { ClassifiableType } from './recognise/classify.js';
import type { PageText } from './recognise/identifiers.js';
import { type CandidateCustomer, type CandidateLookup, type CandidatePolicy, propose } from './recognise/propose.js';

/** Proposes customer, policy and type for a document's pages, looking candidates up in the archive. */
export function proposeFromPages(db: Db, pages: readonly PageText[]): { proposal: Proposal; certain: boolean } {
  return propose({ pages }, archiveLookup(db));
}

function archiveLookup(db: Db): CandidateLookup {
  const customers = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as CandidateCustomer[];
  return {
    customersByIdNumber: (idNumber) => customers('SELECT id, name FROM customers WHERE id_number = ?', idNumber),
    customersByIdNumberNear: (nearId) => {
      // One character wrong: the other 17 match, so either the first nine or the last nine do.
      // Both are indexed prefixes (id_number and id_number_rev), so this is two range scans.
      const reversed = [...nearId].reverse().join('');
      const rows = db
        .prepare(
          `SELECT id, name, id_number FROM customers WHERE id_number >= @head AND id_number < @head || '~'
           UNION
           SELECT id, name, id_number FROM customers WHERE id_number_rev >= @tail AND id_number_rev < @tail || '~'`,
        )
        .all({ head: nearId.slice(0, 9), tail: reversed.slice(0, 9) }) as (CandidateCustomer & { id_number: string })[];
      return rows.filter((r) => differsInOne(r.id_number, nearId)).map(({ id, name }) => ({ id, name }));
    },
    customersByCreditCode: (code) => customers('SELECT id, name FROM customers WHERE credit_code = ?', code),
    policiesByNumber: (policyNumber) => {
      const rows = db
        .prepare(
          `SELECT p.id, p.policy_number, json_group_array(pp.customer_id) AS customer_ids
             FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id AND pp.role IN ('policyholder', 'insured')
            WHERE p.policy_number = ?
            GROUP BY p.id`,
        )
        .all(policyNumber) as { id: string; policy_number: string; customer_ids: string }[];
      return rows.map((r): CandidatePolicy => ({ id: r.id, policyNumber: r.policy_number, customerIds: holderFirst(db, r.id, JSON.parse(r.customer_ids) as string[]) }));
    },
    customersByMobile: (mobile) => customers('SELECT id, name FROM customers WHERE mobile = ?', mobile),
    customerById: (id) => (db.prepare('SELECT id, name FROM customers WHERE id = ?').get(id) as CandidateCustomer | undefined) ?? null,
    documentTypes: () =>
      (db.prepare('SELECT id, code, keywords FROM document_types WHERE active = 1').all() as { id: string; code: string; keywords: string }[]).map(
        (t): ClassifiableType => ({ id: t.id, code: t.code, keywords: JSON.parse(t.keywords) as string[] }),
      ),
  };
}

function holderFirst(db: Db, policyId: string, ids: string[]): string[] {
  const holder = db.prepare("SELECT customer_id FROM policy_parties WHERE policy_id = ? AND role = 'policyholder'").pluck().get(policyId) as string | undefined;
  return [...new Set(holder ? [holder, ...ids] : ids)];
}

function differsInOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differences > 1) return false;
  return differences === 1;
}
