import { z } from 'zod';
import { validateCreditCode } from '../validators/credit-code.js';
import { validateLandline, validateMobile } from '../validators/phone.js';
import { validateResidentId } from '../validators/resident-id.js';

/** REQUIREMENTS §2, customer. Enumerations are stored as these codes and shown through i18n. */
export const customerTypes = ['individual', 'enterprise', 'group'] as const;
export const idTypes = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id', 'other'] as const;
export const sexes = ['male', 'female'] as const;
export const levels = ['high', 'medium', 'low'] as const;
export const lifecycleStages = ['new', 'growing', 'mature', 'declining'] as const;
export const incomeBands = ['under_50k', '50k_100k', '100k_300k', '300k_1m', 'over_1m'] as const;
export const familyStatuses = ['single', 'married', 'married_with_children', 'divorced', 'widowed'] as const;
/** Risk assessment result C1 (conservative) … C5 (aggressive), as in the suitability questionnaire. */
export const riskPreferences = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;

export type CustomerType = (typeof customerTypes)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/**
 * A customer as entered in the form, the CLI's JSON file or over IPC: one schema, so all three
 * validate alike. Issue messages are i18n keys under `validation.`.
 */
const customerObject = z
  .object({
    type: z.enum(customerTypes),
    name: text(100).min(1, 'validation.required'),
    sex: z.enum(sexes).optional(),
    birthDate: isoDate.optional(),
    idType: z.enum(idTypes).optional(),
    idNumber: optionalText(40),
    creditCode: optionalText(40),
    mobile: optionalText(30),
    landline: optionalText(30),
    address: optionalText(200),
    occupation: optionalText(60),
    incomeBand: z.enum(incomeBands).optional(),
    familyStatus: z.enum(familyStatuses).optional(),
    /** Sensitive personal information (PIPL art. 28): shown only to roles that need it. */
    healthStatus: optionalText(200),
    riskPreference: z.enum(riskPreferences).optional(),
    source: optionalText(100),
    agentId: z.string().uuid().optional(),
    lifecycleStage: z.enum(lifecycleStages).optional(),
    riskLevel: z.enum(levels).optional(),
    valueLevel: z.enum(levels).optional(),
    tags: z.array(text(30).min(1)).max(20).optional(),
    lastVerifiedAt: isoDate.optional(),
    lastContactedAt: isoDate.optional(),
  })
  .strict();

export const customerInputSchema = customerObject.transform((input, ctx) => normaliseCustomer(input, ctx));

export type CustomerInput = z.input<typeof customerInputSchema>;
export type CustomerFields = z.output<typeof customerObject>;

function normaliseCustomer(input: CustomerFields, ctx: z.RefinementCtx): CustomerFields {
  const out = { ...input };
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });

  if (input.type === 'individual') {
    out.idType = input.idType ?? 'resident_id';
    if (out.idType === 'resident_id' && input.idNumber !== undefined) {
      const id = validateResidentId(input.idNumber);
      if (!id.ok) issue('idNumber', `validation.residentId.${id.reason}`);
      else {
        out.idNumber = id.value;
        // Birth date and sex follow from the number; a different entry is a typing error somewhere.
        if (input.birthDate && input.birthDate !== id.birthDate) issue('birthDate', 'validation.residentId.birthDateMismatch');
        if (input.sex && input.sex !== id.sex) issue('sex', 'validation.residentId.sexMismatch');
        out.birthDate = id.birthDate;
        out.sex = id.sex;
      }
    }
    if (input.creditCode !== undefined) issue('creditCode', 'validation.creditCode.notForIndividuals');
  } else {
    if (input.creditCode === undefined) {
      if (input.type === 'enterprise') issue('creditCode', 'validation.required');
    } else {
      const code = validateCreditCode(input.creditCode);
      if (!code.ok) issue('creditCode', `validation.creditCode.${code.reason}`);
      else out.creditCode = code.value;
    }
  }
  if (input.mobile !== undefined) {
    const mobile = validateMobile(input.mobile);
    if (!mobile.ok) issue('mobile', 'validation.mobile');
    else out.mobile = mobile.value;
  }
  if (input.landline !== undefined) {
    const landline = validateLandline(input.landline);
    if (!landline.ok) issue('landline', 'validation.landline');
    else out.landline = landline.value;
  }
  if (input.mobile === undefined && input.landline === undefined) issue('mobile', 'validation.phoneRequired');
  return out;
}

/** Fields a complete file needs beyond what the schema requires (H1.2), per customer type. */
export const mandatoryFields: Record<CustomerType, readonly (keyof CustomerFields)[]> = {
  individual: ['name', 'idNumber', 'mobile', 'address', 'occupation'],
  enterprise: ['name', 'creditCode', 'address'],
  group: ['name', 'address'],
};
