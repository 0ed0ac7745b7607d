import { z } from 'zod';
import { customerTypes } from '../../domain/customer.js';

export const searchLimit = { default: 50, max: 200 } as const;

export const searchFilters = z
  .object({
    type: z.enum(customerTypes).optional(),
    agentId: z.string().uuid().optional(),
    branchId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof searchFilters>;

export const customerMatchReasons = ['idNumber', 'idSuffix', 'mobile', 'policyNumber', 'name', 'address'] as const;
export type CustomerMatchReason = (typeof customerMatchReasons)[number];

/**
 * Why a result matched, as a message key under `search.reason.` and its values. The values come
 * from the result's own (already masked) fields, so the reason never shows more than the result.
 */
const reason = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) });

/** One search hit. Identifiers are masked unless the viewer's role sees them (shared/domain/access.ts). */
export const searchResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('customer'),
    customerId: z.string(),
    name: z.string(),
    type: z.enum(customerTypes),
    idNumber: z.string().nullable().optional(),
    creditCode: z.string().nullable().optional(),
    mobile: z.string().nullable().optional(),
    matchedBy: z.enum(customerMatchReasons),
    /** The matching policy, when matchedBy is 'policyNumber'. */
    policyId: z.string().optional(),
    policyNumber: z.string().optional(),
    reason,
  }),
  z.object({
    kind: z.literal('page'),
    documentId: z.string(),
    pageNo: z.number().int(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    matchedBy: z.literal('pageText'),
    /** The page text around the first hit, for highlighting `hit`. */
    snippet: z.object({ before: z.string(), hit: z.string(), after: z.string() }),
    reason,
  }),
]);
export type SearchResult = z.infer<typeof searchResultSchema>;
export type CustomerSearchResult = Extract<SearchResult, { kind: 'customer' }>;
export type PageSearchResult = Extract<SearchResult, { kind: 'page' }>;

export const searchInput = z
  .object({
    query: z.string().trim().min(1).max(200),
    filters: searchFilters.optional(),
    limit: z.number().int().min(1).max(searchLimit.max).optional(),
  })
  .strict();

export const searchMethods = {
  /** One search box: names, identifiers, policy numbers and the text on document pages. */
  'search.query': { input: searchInput, output: z.array(searchResultSchema) },
} as const;
