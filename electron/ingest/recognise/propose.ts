import type { Proposal, ProposalReason } from '../../../shared/ipc/methods/ingest.js';
import { maskCreditCode, maskMobile, maskResidentId } from '../../../shared/validators/mask.js';
import { type ClassifiableType, classifyDocument } from './classify.js';
import { extractIdentifiers, type PageText } from './identifiers.js';

/**
 * What the text of an unfiled document says about whose it is, what policy and what kind of
 * paper (REQUIREMENTS: matching must survive a misread digit without ever filing a page under the
 * wrong customer).
 *
 * Only a checksummed identifier can make a match certain: a resident ID number (GB 11643) or a
 * credit code (GB 32100), both of which detect any single misread character. A near-miss ID, a
 * policy number or a phone number only proposes, for a person to confirm.
 */

export interface CandidateCustomer {
  id: string;
  name: string;
}

export interface CandidatePolicy {
  id: string;
  policyNumber: string;
  /** Policyholder first, then the insured. */
  customerIds: string[];
}

/** Synchronous look-ups in the archive (prepared statements), so proposing stays one transaction. */
export interface CandidateLookup {
  /** Customers with exactly this resident ID number (normalised, upper-case X). */
  customersByIdNumber(idNumber: string): CandidateCustomer[];
  /**
   * Customers whose resident ID number differs from `nearId` in exactly one of its 18 characters
   * (same length, one position different; not a swap, insertion or deletion).
   */
  customersByIdNumberNear(nearId: string): CandidateCustomer[];
  customersByCreditCode(creditCode: string): CandidateCustomer[];
  /** Policies with this number (stored upper-case). */
  policiesByNumber(policyNumber: string): CandidatePolicy[];
  /** Customers with this mobile number (11 digits). */
  customersByMobile(mobile: string): CandidateCustomer[];
  customerById(id: string): CandidateCustomer | null;
  /** Active document types. */
  documentTypes(): ClassifiableType[];
}

export interface Evidence {
  /** Each page's text in order, `pageNo` 1-based. */
  pages: readonly PageText[];
}

// Weights only order the candidates; certainty is decided by the rules in propose(), not by them.
const weights = {
  idNumber: 100,
  creditCode: 100,
  idNumberNear: 20,
  labelledPolicyHolder: 8,
  labelledPolicyInsured: 6,
  policyHolder: 4,
  policyInsured: 3,
  mobile: 2,
} as const;

interface Candidate {
  customer: CandidateCustomer;
  score: number;
  /** The strongest piece of evidence, shown as the reason. */
  reason: ProposalReason;
  reasonWeight: number;
}

class Candidates {
  private readonly byId = new Map<string, Candidate>();

  add(customer: CandidateCustomer, weight: number, reason: ProposalReason): void {
    const known = this.byId.get(customer.id);
    if (!known) {
      this.byId.set(customer.id, { customer, score: weight, reason, reasonWeight: weight });
      return;
    }
    known.score += weight;
    if (weight > known.reasonWeight) Object.assign(known, { reason, reasonWeight: weight });
  }

  ranked(): Candidate[] {
    return [...this.byId.values()].sort((a, b) => b.score - a.score);
  }
}

const reason = (kind: ProposalReason['kind'], page: number, value: string | null): ProposalReason => ({ kind, page, value });

export function propose(evidence: Evidence, lookup: CandidateLookup): { proposal: Proposal; certain: boolean } {
  const found = extractIdentifiers(evidence.pages);
  const candidates = new Candidates();

  // Strong identifiers: each must name exactly one customer, and all the same one, for certainty.
  const strongOwners: string[][] = [];
  for (const id of found.idNumbers) {
    const owners = lookup.customersByIdNumber(id.value);
    strongOwners.push(owners.map((c) => c.id));
    for (const c of owners) candidates.add(c, weights.idNumber, reason('idNumber', id.page, maskResidentId(id.value)));
  }
  for (const code of found.creditCodes) {
    const owners = lookup.customersByCreditCode(code.value);
    strongOwners.push(owners.map((c) => c.id));
    for (const c of owners) candidates.add(c, weights.creditCode, reason('creditCode', code.page, maskCreditCode(code.value)));
  }

  // Weak evidence about people: it never makes a match, but pointing at someone else unmakes one.
  const weakOwners = new Set<string>();
  for (const near of found.nearIds) {
    for (const c of lookup.customersByIdNumberNear(near.value)) {
      weakOwners.add(c.id);
      candidates.add(c, weights.idNumberNear, reason('idNumberNear', near.page, maskResidentId(near.value)));
    }
  }

  const policies = found.policyNumbers.flatMap((number) =>
    lookup.policiesByNumber(number.value).map((policy) => ({ policy, number })),
  );
  for (const { policy, number } of policies) {
    policy.customerIds.forEach((customerId, index) => {
      const customer = lookup.customerById(customerId);
      if (!customer) return;
      const holder = index === 0;
      const weight = number.labelled
        ? holder ? weights.labelledPolicyHolder : weights.labelledPolicyInsured
        : holder ? weights.policyHolder : weights.policyInsured;
      candidates.add(customer, weight, reason('policyNumber', number.page, policy.policyNumber));
    });
  }

  for (const mobile of found.mobiles) {
    for (const c of lookup.customersByMobile(mobile.value)) {
      weakOwners.add(c.id);
      candidates.add(c, weights.mobile, reason('mobile', mobile.page, maskMobile(mobile.value)));
    }
  }

  const ranked = candidates.ranked();
  const best = ranked[0] ?? null;
  const customer = best ? { id: best.customer.id, name: best.customer.name, reason: best.reason } : null;
  const alternatives = ranked.slice(1).map((c) => ({ id: c.customer.id, name: c.customer.name, reason: c.reason }));

  // Policies are found in the order of their numbers, labelled ones first.
  const match = best ? policies.find(({ policy }) => policy.customerIds.includes(best.customer.id)) : undefined;
  const policy = match
    ? { id: match.policy.id, policyNumber: match.policy.policyNumber, reason: reason('policyNumber', match.number.page, match.policy.policyNumber) }
    : null;

  const documentType = classify(evidence.pages, lookup.documentTypes());

  const bestId = best?.customer.id;
  const certain =
    bestId !== undefined &&
    strongOwners.length > 0 &&
    strongOwners.every((owners) => owners.length === 1 && owners[0] === bestId) &&
    // Another customer's near-miss ID or phone, or a policy that is not the customer's, is a
    // question for a person. The other parties of the customer's own policy are not: they are
    // on its papers by right.
    [...weakOwners].every((id) => id === bestId) &&
    policies.every(({ policy }) => policy.customerIds.includes(bestId)) &&
    documentType !== null;

  return { proposal: { customer, policy, documentType, alternatives }, certain };
}

function classify(pages: readonly PageText[], types: ClassifiableType[]): Proposal['documentType'] {
  const result = classifyDocument(pages.map((p) => p.text).join('\n'), types);
  if (!result) return null;
  const firstKeyword = result.matched[0]!.replace(/\s+/g, '').toLowerCase();
  const page = pages.find((p) => p.text.replace(/\s+/g, '').toLowerCase().includes(firstKeyword))?.pageNo ?? null;
  return { id: result.id, code: result.code, reason: { kind: 'keywords', page, value: result.matched.join('、') } };
}
