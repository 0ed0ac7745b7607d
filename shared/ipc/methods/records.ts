import { z } from 'zod';
import {
  customerTypes,
  familyStatuses,
  idTypes,
  incomeBands,
  levels,
  lifecycleStages,
  riskPreferences,
  sexes,
} from '../../domain/customer.js';
import { partyRoles, paymentFrequencies, policyStatuses, productLines, productRiskClasses } from '../../domain/policy.js';
import { roles } from '../../domain/roles.js';

const id = z.string().uuid();
const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

/** A customer as shown: identifiers masked and health status withheld unless the viewer's role needs them. */
export const customerView = z.object({
  id,
  branchId: z.string(),
  type: z.enum(customerTypes),
  name: z.string(),
  sex: opt(z.enum(sexes)),
  birthDate: opt(z.string()),
  idType: opt(z.enum(idTypes)),
  idNumber: opt(z.string()),
  creditCode: opt(z.string()),
  mobile: opt(z.string()),
  landline: opt(z.string()),
  address: opt(z.string()),
  occupation: opt(z.string()),
  incomeBand: opt(z.enum(incomeBands)),
  familyStatus: opt(z.enum(familyStatuses)),
  healthStatus: opt(z.string()),
  riskPreference: opt(z.enum(riskPreferences)),
  source: opt(z.string()),
  agentId: opt(z.string()),
  agentName: opt(z.string()),
  lifecycleStage: opt(z.enum(lifecycleStages)),
  riskLevel: opt(z.enum(levels)),
  valueLevel: opt(z.enum(levels)),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastVerifiedAt: opt(z.string()),
  lastContactedAt: opt(z.string()),
  nextUpdateDue: opt(z.string()),
  completeness: z.number().int(),
  /** Whether identifiers in this view are masked for the viewer. */
  masked: z.boolean(),
});
export type CustomerView = z.infer<typeof customerView>;

export const customerRow = customerView.pick({
  id: true,
  type: true,
  name: true,
  idNumber: true,
  creditCode: true,
  mobile: true,
  agentName: true,
  completeness: true,
  nextUpdateDue: true,
  createdAt: true,
});
export type CustomerRow = z.infer<typeof customerRow>;

export const customerSortFields = ['name', 'createdAt', 'completeness', 'nextUpdateDue'] as const;

export const customerListInput = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.object({ field: z.enum(customerSortFields), order: z.enum(['asc', 'desc']) }).strict().default({ field: 'createdAt', order: 'desc' }),
    filters: z
      .object({
        type: z.enum(customerTypes).optional(),
        agentId: id.optional(),
        branchId: z.string().optional(),
        completenessBelow: z.number().int().min(1).max(100).optional(),
        due: z.enum(['due', 'overdue']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const policyView = z.object({
  id,
  policyNumber: z.string(),
  productName: z.string(),
  productLine: z.enum(productLines),
  sumInsured: z.number(),
  premium: z.number(),
  paymentFrequency: z.enum(paymentFrequencies),
  termMonths: opt(z.number()),
  applicationDate: z.string(),
  issueDate: opt(z.string()),
  effectiveDate: opt(z.string()),
  endDate: opt(z.string()),
  terminationDate: opt(z.string()),
  status: z.enum(policyStatuses),
  customerRiskLevel: opt(z.enum(riskPreferences)),
  productRiskClass: opt(z.enum(productRiskClasses)),
  suitabilityMismatch: z.boolean(),
  paperLocation: opt(z.string()),
  agentId: opt(z.string()),
  completeness: z.number().int(),
  parties: z.array(z.object({ customerId: z.string(), name: z.string(), role: z.enum(partyRoles), sharePercent: opt(z.number()) })),
});
export type PolicyView = z.infer<typeof policyView>;

export const policyRow = policyView.pick({
  id: true,
  policyNumber: true,
  productName: true,
  productLine: true,
  status: true,
  premium: true,
  applicationDate: true,
  completeness: true,
  suitabilityMismatch: true,
}).extend({ policyholderId: z.string().nullable(), policyholderName: z.string().nullable(), agentName: z.string().nullable() });
export type PolicyRow = z.infer<typeof policyRow>;

export const policySortFields = ['policyNumber', 'applicationDate', 'premium', 'completeness'] as const;

export const policyListInput = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.object({ field: z.enum(policySortFields), order: z.enum(['asc', 'desc']) }).strict().default({ field: 'applicationDate', order: 'desc' }),
    filters: z
      .object({
        productLine: z.enum(productLines).optional(),
        status: z.enum(policyStatuses).optional(),
        agentId: id.optional(),
        branchId: z.string().optional(),
        completenessBelow: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** Who can be picked in filters: names and roles of active staff, nothing else. */
export const staffEntry = z.object({ id: z.string(), displayName: z.string(), role: z.enum(roles), branchId: z.string() });

/**
 * Inputs for customers and policies are checked again in main with the full domain schemas
 * (shared/domain/customer.ts, policy.ts); here they only need to be objects of bounded size.
 */
const record = z.record(z.string(), z.unknown()).refine((r) => Object.keys(r).length <= 60);

export const recordMethods = {
  'customers.create': { input: z.object({ customer: record }).strict(), output: customerView },
  'customers.update': { input: z.object({ id, changes: record }).strict(), output: customerView },
  'customers.get': { input: z.object({ id }).strict(), output: customerView },
  'customers.list': { input: customerListInput, output: z.object({ total: z.number().int(), rows: z.array(customerRow) }) },
  'policies.create': { input: z.object({ policy: record }).strict(), output: policyView },
  'policies.update': { input: z.object({ id, changes: record }).strict(), output: policyView },
  'policies.get': { input: z.object({ id }).strict(), output: policyView },
  'policies.forCustomer': { input: z.object({ customerId: id }).strict(), output: z.array(policyView) },
  'policies.list': { input: policyListInput, output: z.object({ total: z.number().int(), rows: z.array(policyRow) }) },
  'staff.directory': { input: z.object({}).strict(), output: z.object({ staff: z.array(staffEntry), branches: z.array(z.object({ id: z.string(), name: z.string() })) }) },
} as const;
