import { z } from 'zod';
import { documentTypeInputSchema, documentTypeNamesSchema, documentTypeSchema } from '../../domain/document-type.js';

const id = z.string().uuid();
const empty = z.object({}).strict();

/**
 * Completeness checklists (H1.2). Items carry codes and states only: the interface translates
 * them (`checklist.*`), and a document item carries its type's names in every language.
 */
export const documentItemStates = ['present', 'missing', 'lowQuality'] as const;
export const fieldItemStates = ['present', 'missing', 'invalid'] as const;
export type ChecklistState = (typeof documentItemStates)[number] | (typeof fieldItemStates)[number];

/** Every field a checklist may name; each has a label under `checklist.fields.` in every locale. */
export const checklistFields = [
  'name',
  'idNumber',
  'creditCode',
  'mobile',
  'address',
  'occupation',
  'policyNumber',
  'productName',
  'applicationDate',
  'policyholder',
  'insured',
  'sumInsured',
  'premium',
  'suitability',
] as const;
export type ChecklistField = (typeof checklistFields)[number];

export const documentItemSchema = z.object({
  kind: z.literal('document'),
  code: z.string(),
  documentTypeId: z.string(),
  names: documentTypeNamesSchema,
  state: z.enum(documentItemStates),
  /** The filed document that satisfies (or best approaches) the requirement. */
  documentId: z.string().optional(),
  /** On a customer's checklist: the policy this paper belongs to. */
  policyNumber: z.string().optional(),
});
export const fieldItemSchema = z.object({
  kind: z.literal('field'),
  field: z.enum(checklistFields),
  state: z.enum(fieldItemStates),
  /** Why a value is invalid: a validator's reason (checkDigit, format, …) or `mismatch` for suitability. */
  reason: z.string().optional(),
});
export const checklistItemSchema = z.discriminatedUnion('kind', [documentItemSchema, fieldItemSchema]);
export const checklistSchema = z.object({
  percent: z.number().int().min(0).max(100),
  items: z.array(checklistItemSchema),
});
export type DocumentChecklistItem = z.infer<typeof documentItemSchema>;
export type FieldChecklistItem = z.infer<typeof fieldItemSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type Checklist = z.infer<typeof checklistSchema>;

/**
 * When customer information is due for re-verification (REQUIREMENTS §3, H1.3, H2.4): the
 * handbooks' numbers as defaults, each a setting.
 */
export const dueRulesSchema = z
  .object({
    /** Re-verify within this many months of each policy's application date (H1.3). */
    firstVerificationMonths: z.number().int().min(1).max(120),
    /** Refresh high-value customers' profiles this often (H2.4). */
    highValueMonths: z.number().int().min(1).max(120),
    /** Refresh every other customer's profile this often (H2.4). */
    otherMonths: z.number().int().min(1).max(120),
    /** Re-verify within this many days after a renewal, claim or product change. */
    afterEventDays: z.number().int().min(1).max(3650),
    /** "Due" lists customers due within this many days. */
    dueSoonDays: z.number().int().min(0).max(365),
  })
  .strict();
export type DueRules = z.infer<typeof dueRulesSchema>;
export const defaultDueRules: DueRules = { firstVerificationMonths: 6, highValueMonths: 1, otherMonths: 3, afterEventDays: 30, dueSoonDays: 14 };

export const dueFilters = ['due', 'overdue', 'all'] as const;
export type DueFilter = (typeof dueFilters)[number];

export const dueRowSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  nextUpdateDue: z.string(),
  /** Days past the due date; negative: days still left. */
  daysOverdue: z.number().int(),
  lastVerifiedAt: z.string().nullable(),
});
export type DueRow = z.infer<typeof dueRowSchema>;

export const dueListInput = z
  .object({
    filter: z.enum(dueFilters).default('all'),
    agentId: id.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const checklistMethods = {
  'documentTypes.list': { input: empty, output: z.array(documentTypeSchema) },
  'documentTypes.save': { input: documentTypeInputSchema, output: documentTypeSchema },
  'completeness.customer': { input: z.object({ customerId: id }).strict(), output: checklistSchema },
  'completeness.policy': { input: z.object({ policyId: id }).strict(), output: checklistSchema },
  'due.list': { input: dueListInput, output: z.object({ total: z.number().int(), today: z.string(), rows: z.array(dueRowSchema) }) },
  'due.rules': { input: empty, output: dueRulesSchema },
  'due.setRules': { input: dueRulesSchema.partial().strict(), output: dueRulesSchema },
} as const;
