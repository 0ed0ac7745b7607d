import { z } from 'zod';
import { riskPreferences } from './customer.js';

/** REQUIREMENTS §2, policy. */
export const productLines = ['life', 'health', 'critical_illness', 'medical', 'accident', 'annuity', 'property', 'investment_linked'] as const;
export const paymentFrequencies = ['single', 'annual', 'semiannual', 'quarterly', 'monthly'] as const;
export const policyStatuses = ['applied', 'in_force', 'lapsed', 'surrendered', 'terminated', 'claimed'] as const;
export const partyRoles = ['policyholder', 'insured', 'beneficiary'] as const;
/** Product risk class R1 (lowest) … R5 (highest), matched against the customer's C1 … C5. */
export const productRiskClasses = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;

export type ProductLine = (typeof productLines)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
/** Money in yuan with at most two decimals, stored as integer fen. */
const money = z.number().nonnegative().max(1e12).multipleOf(0.01, 'validation.money');

export const policyInputSchema = z
  .object({
    policyNumber: z.string().trim().min(4, 'validation.policyNumber').max(40).regex(/^[A-Za-z0-9-]+$/, 'validation.policyNumber').transform((v) => v.toUpperCase()),
    productName: z.string().trim().min(1, 'validation.required').max(100),
    productLine: z.enum(productLines),
    policyholderId: z.string().uuid(),
    insuredIds: z.array(z.string().uuid()).min(1).max(50),
    beneficiaries: z.array(z.object({ customerId: z.string().uuid(), sharePercent: z.number().int().min(1).max(100) }).strict()).max(20).default([]),
    sumInsured: money,
    premium: money,
    paymentFrequency: z.enum(paymentFrequencies),
    termMonths: z.number().int().min(1).max(1200).optional(),
    applicationDate: isoDate,
    issueDate: isoDate.optional(),
    effectiveDate: isoDate.optional(),
    endDate: isoDate.optional(),
    terminationDate: isoDate.optional(),
    status: z.enum(policyStatuses).default('applied'),
    customerRiskLevel: z.enum(riskPreferences).optional(),
    productRiskClass: z.enum(productRiskClasses).optional(),
    paperLocation: z.string().trim().max(200).optional(),
    agentId: z.string().uuid().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const total = p.beneficiaries.reduce((sum, b) => sum + b.sharePercent, 0);
    if (p.beneficiaries.length > 0 && total !== 100) issue('beneficiaries', 'validation.beneficiaryShares');
    if (p.effectiveDate && p.effectiveDate < p.applicationDate) issue('effectiveDate', 'validation.dateOrder');
    if (p.endDate && p.effectiveDate && p.endDate < p.effectiveDate) issue('endDate', 'validation.dateOrder');
  });

export type PolicyInput = z.input<typeof policyInputSchema>;
export type PolicyFields = z.output<typeof policyInputSchema>;

/** S5.2: a product riskier than the customer's assessed tolerance is a suitability mismatch. */
export function suitabilityMismatch(customerRisk: string | undefined | null, productRisk: string | undefined | null): boolean {
  if (!customerRisk || !productRisk) return false;
  return Number(productRisk.slice(1)) > Number(customerRisk.slice(1));
}
