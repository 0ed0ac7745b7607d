import { z } from 'zod';
import { customerTypes } from './customer.js';
import { productLines } from './policy.js';

/**
 * Document types (REQUIREMENTS §2, H7.1): what a scan is, who must have one, how long it is
 * kept, whether it is sensitive, and the words that help recognise it on a scanned page.
 */
export const documentCategories = ['basic', 'contract', 'claims', 'service'] as const;
export type DocumentCategory = (typeof documentCategories)[number];

/**
 * Retention counts from the contract's termination or from the document's creation. `years`
 * null means Insurance Law art. 87: 5 years for a term of one year or less, 10 for a longer term.
 */
export const retentionBases = ['termination', 'creation'] as const;
export type RetentionBasis = (typeof retentionBases)[number];

/** Lower-case letters, digits and underscores, starting with a letter: 2 to 40 characters. */
export const documentTypeCodePattern = /^[a-z][a-z0-9_]{1,39}$/;

const typeName = z.string().trim().min(1, 'validation.required').max(100);

export const documentTypeNamesSchema = z.object({ 'zh-CN': typeName, 'zh-TW': typeName, en: typeName }).strict();
export type DocumentTypeNames = z.infer<typeof documentTypeNamesSchema>;

/** Who must have a document of this type: customers of these types, policies of these product lines. */
export const requiredForSchema = z
  .object({
    customerTypes: z.array(z.enum(customerTypes)).max(customerTypes.length).optional(),
    productLines: z.array(z.enum(productLines)).max(productLines.length).optional(),
  })
  .strict();
export type RequiredFor = z.infer<typeof requiredForSchema>;

export const retentionSchema = z
  .object({
    basis: z.enum(retentionBases),
    years: z.number().int().min(1).max(200).nullable(),
  })
  .strict();
export type Retention = z.infer<typeof retentionSchema>;

const keyword = z.string().trim().min(1).max(60);

/** A document type as created or edited by an administrator or archivist (no id: a new one). */
export const documentTypeInputSchema = z
  .object({
    id: z.string().uuid().optional(),
    code: z.string().trim().regex(documentTypeCodePattern, 'documentTypes.codeRule'),
    category: z.enum(documentCategories),
    names: documentTypeNamesSchema,
    requiredFor: requiredForSchema.default({}),
    sensitive: z.boolean().default(false),
    retention: retentionSchema,
    keywords: z.array(keyword).max(100).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type DocumentTypeInput = z.input<typeof documentTypeInputSchema>;
export type DocumentTypeFields = z.output<typeof documentTypeInputSchema>;

export const documentTypeSchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.enum(documentCategories),
  names: documentTypeNamesSchema,
  requiredFor: requiredForSchema,
  sensitive: z.boolean(),
  retention: retentionSchema,
  keywords: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentType = z.infer<typeof documentTypeSchema>;
