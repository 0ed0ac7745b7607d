import { customerInputSchema } from '../../shared/domain/customer.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { policyInputSchema } from '../../shared/domain/policy.js';
import { appendAudit } from '../archive/audit-log.js';
import { requireRole } from '../archive/ops.js';
import type { Db } from '../db/connection.js';
import { insertCustomer } from '../records/customers.js';
import { refreshCompleteness } from '../records/completeness.js';
import { refreshDueDate } from '../records/due-dates.js';
import { insertPolicy } from '../records/policies.js';
import { indexCustomer } from '../search/index.js';
import { demoCustomer, demoPolicy, seededRandom } from './generate.js';

/** Bulk writes commit in thousands: every commit re-encrypts the pages it touched (docs/BENCHMARKS.md). */
const batchSize = 5000;

export const demoOps = {
  /**
   * Fills the archive with demo customers and policies, thousands to a transaction, each
   * record through the same schema as the form. Administrators only; audited per batch.
   */
  'demo.fill'(db: Db, a: { actorId: string; customers: number; seed: number }): { customers: number; policies: number } {
    const actor = requireRole(db, a.actorId, ['admin']);
    const rng = seededRandom(a.seed);
    const start = (db.prepare('SELECT count(*) FROM customers').pluck().get() as number) + 1;
    let customers = 0;
    let policies = 0;
    while (customers < a.customers) {
      const size = Math.min(batchSize, a.customers - customers);
      db.transaction(() => {
        const at = new Date().toISOString();
        for (let i = 0; i < size; i++) {
          const sequence = start + customers + i;
          const fields = customerInputSchema.parse(demoCustomer(rng, sequence));
          const id = uuidv7();
          const rowid = insertCustomer(db, { id, branchId: actor.branchId, at, fields });
          indexCustomer(db, rowid, fields);
          if (rng() < 0.6) {
            const policy = policyInputSchema.parse(demoPolicy(rng, sequence, id, [id], fields.riskPreference));
            insertPolicy(db, { id: uuidv7(), branchId: actor.branchId, at, fields: policy });
            policies++;
          }
          refreshCompleteness(db, id);
          refreshDueDate(db, id);
        }
        appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'demo.fill', outcome: 'success', details: { customers: size } });
      }).immediate();
      customers += size;
    }
    return { customers, policies };
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
