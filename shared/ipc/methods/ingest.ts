import { z } from 'zod';

const id = z.string().uuid();
const empty = z.object({}).strict();

/**
 * Scan ingest (REQUIREMENTS §4 flows 1–3): batches of files from hot folders, scanners, drops
 * and imports; the inbox of unfiled documents; the quarantine of refused files; the viewer.
 * Reasons travel as codes and values; the interface translates them (`ingest.reject.*`,
 * `inbox.reason.*`).
 */
export const batchSources = ['scanner', 'hot_folder', 'drop', 'import'] as const;
export type BatchSource = (typeof batchSources)[number];

export const fileStates = ['queued', 'processing', 'done', 'rejected', 'duplicate', 'cancelled'] as const;
export type FileState = (typeof fileStates)[number];

/** What became of one file: filed, waiting in the inbox, both (a stack split at cover sheets), or neither. */
export const fileOutcomes = ['filed', 'inbox', 'mixed', 'rejected', 'duplicate', 'cancelled'] as const;
export type FileOutcome = (typeof fileOutcomes)[number];

/** Why a file was refused; each has a message under `ingest.reject.<code>`. */
export const rejectReasons = [
  'empty',
  'tooLarge',
  'unknownFormat',
  'truncated',
  'corrupt',
  'tooManyPixels',
  'tooManyPages',
  'encryptedPdf',
  'pdfScripts',
  'badFileName',
  'noPages',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export const qualityFlags = ['lowResolution', 'blank', 'ocrFailed'] as const;
export type QualityFlag = (typeof qualityFlags)[number];

export const colorModes = ['color', 'gray', 'bw'] as const;
export type ColorMode = (typeof colorModes)[number];

const reasonValues = z.record(z.string(), z.union([z.string(), z.number()]));

export const fileReportSchema = z.object({
  fileId: z.string(),
  batchId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  format: z.string().nullable(),
  state: z.enum(fileStates),
  outcome: z.enum(fileOutcomes).nullable(),
  /** For a rejected file: why, with the values its message needs. */
  reason: z.enum(rejectReasons).nullable(),
  reasonValues: reasonValues.nullable(),
  pages: z.number().int().nullable(),
  pagesDone: z.number().int(),
  /** Documents made from this file (more than one when a stack was split at cover sheets). */
  documents: z.array(
    z.object({
      documentId: z.string(),
      state: z.enum(['inbox', 'filed', 'destroyed']),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
      documentTypeCode: z.string().nullable(),
      pages: z.number().int(),
    }),
  ),
  /** The lowest page resolution, in dpi; null when unknown. */
  minDpi: z.number().int().nullable(),
  flags: z.array(z.enum(qualityFlags)),
  duplicateOf: z.string().nullable(),
});
export type FileReport = z.infer<typeof fileReportSchema>;

export const batchProgressSchema = z.object({
  batchId: z.string(),
  source: z.enum(batchSources),
  label: z.string().nullable(),
  state: z.enum(['open', 'running', 'done', 'cancelled']),
  files: z.number().int(),
  filesDone: z.number().int(),
  pages: z.number().int(),
  pagesDone: z.number().int(),
  /** Pages per minute over the batch so far; null until a page is done. */
  pagesPerMinute: z.number().nullable(),
  /** Estimated seconds left; null when unknown. */
  secondsLeft: z.number().int().nullable(),
  filed: z.number().int(),
  inbox: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  createdAt: z.string(),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

/** Why Dossier proposes a customer, policy or type for an inbox document (`inbox.reason.<kind>`). */
export const proposalReasonSchema = z.object({
  kind: z.enum(['coverSheet', 'idNumber', 'idNumberNear', 'creditCode', 'policyNumber', 'mobile', 'name', 'keywords']),
  /** 1-based page the evidence was found on. */
  page: z.number().int().nullable(),
  /** What was found, masked as the viewer's role requires. */
  value: z.string().nullable(),
});
export type ProposalReason = z.infer<typeof proposalReasonSchema>;

export const proposalSchema = z.object({
  customer: z.object({ id: z.string(), name: z.string(), reason: proposalReasonSchema }).nullable(),
  policy: z.object({ id: z.string(), policyNumber: z.string(), reason: proposalReasonSchema }).nullable(),
  documentType: z.object({ id: z.string(), code: z.string(), reason: proposalReasonSchema }).nullable(),
  /** Other customers the text could belong to, best first. */
  alternatives: z.array(z.object({ id: z.string(), name: z.string(), reason: proposalReasonSchema })),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const pageInfoSchema = z.object({
  pageId: z.string(),
  pageNo: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  dpi: z.number().int().nullable(),
  colorMode: z.enum(colorModes).nullable(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  flags: z.array(z.enum(qualityFlags)),
  textSource: z.enum(['ocr', 'pdf', 'none']).nullable(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export const documentSummarySchema = z.object({
  documentId: z.string(),
  state: z.enum(['inbox', 'filed', 'destroyed']),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  policyId: z.string().nullable(),
  policyNumber: z.string().nullable(),
  documentTypeId: z.string().nullable(),
  documentTypeCode: z.string().nullable(),
  source: z.string(),
  batchId: z.string().nullable(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  filedAt: z.string().nullable(),
  pages: z.array(pageInfoSchema),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const inboxItemSchema = documentSummarySchema.extend({ proposal: proposalSchema });
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const quarantineItemSchema = z.object({
  fileId: z.string(),
  batchId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  reason: z.enum(rejectReasons),
  reasonValues: reasonValues.nullable(),
  source: z.enum(batchSources),
  createdAt: z.string(),
});
export type QuarantineItem = z.infer<typeof quarantineItemSchema>;

export const scanOptionsSchema = z
  .object({
    deviceId: z.string().min(1).max(300),
    resolution: z.union([z.literal(150), z.literal(200), z.literal(300), z.literal(400), z.literal(600)]).default(300),
    colorMode: z.enum(colorModes).default('color'),
    source: z.enum(['flatbed', 'feeder']).default('feeder'),
    duplex: z.boolean().default(false),
  })
  .strict();
export type ScanOptions = z.output<typeof scanOptionsSchema>;

export const scannerSchema = z.object({ id: z.string(), name: z.string(), feeder: z.boolean(), duplex: z.boolean() });
export type Scanner = z.infer<typeof scannerSchema>;

export const hotFolderSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  /** Polling for network shares (no change notifications there); watching for local folders. */
  mode: z.enum(['watch', 'poll']),
  intervalSeconds: z.number().int().min(1).max(3600),
  /** A file is read once its size and time have not changed for this long. */
  stabilitySeconds: z.number().int().min(1).max(600),
  enabled: z.boolean(),
  /** Why the folder cannot be read right now (`hotFolders.problem.<code>`), or null. */
  problem: z.string().nullable(),
});
export type HotFolder = z.infer<typeof hotFolderSchema>;

/** Whether pages are read by OCR, and whether Traditional Chinese is read too (Simplified and English always are). */
export const ingestSettingsSchema = z.object({ ocr: z.boolean(), traditionalChinese: z.boolean() }).strict();
export type IngestSettings = z.infer<typeof ingestSettingsSchema>;

const pageOrder = z.array(id).min(1).max(5000);

/** Cover-sheet content: what a bundle behind it is filed as. */
export const coverSheetSchema = z.object({
  payload: z.string(),
  qrSvg: z.string(),
  customerName: z.string(),
  customerIdMasked: z.string().nullable(),
  policyNumber: z.string().nullable(),
  documentTypeId: z.string(),
  documentTypeCode: z.string(),
  batchLabel: z.string(),
  createdAt: z.string(),
});
export type CoverSheet = z.infer<typeof coverSheetSchema>;

export const ingestMethods = {
  /** Starts a batch for files the user drops on the window. */
  'ingest.startBatch': { input: z.object({ source: z.enum(['drop']), label: z.string().max(200).optional() }).strict(), output: z.object({ batchId: z.string() }) },
  /** One dropped file's bytes (the renderer never sends a path). The file is acknowledged once this returns. */
  'ingest.addFile': {
    input: z.object({ batchId: id, name: z.string().min(1).max(1024), bytes: z.instanceof(Uint8Array) }).strict(),
    output: z.object({ fileId: z.string(), duplicateOf: z.string().nullable() }),
  },
  /** No more files for this batch. */
  'ingest.closeBatch': { input: z.object({ batchId: id }).strict(), output: empty },
  /** Files picked in a dialog opened by main; NOT_AVAILABLE where there is no dialog (browser host). */
  'ingest.pickFiles': { input: empty, output: z.object({ batchId: z.string().nullable() }) },
  'ingest.cancel': { input: z.object({ batchId: id }).strict(), output: empty },
  'ingest.batches': { input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(), output: z.array(batchProgressSchema) },
  'ingest.files': { input: z.object({ batchId: id }).strict(), output: z.array(fileReportSchema) },

  'ingest.settings': { input: empty, output: ingestSettingsSchema },
  'ingest.setSettings': { input: ingestSettingsSchema.partial().strict(), output: ingestSettingsSchema },

  'scanners.list': { input: empty, output: z.array(scannerSchema) },
  'scanners.scan': { input: scanOptionsSchema, output: z.object({ batchId: z.string() }) },

  'hotFolders.list': { input: empty, output: z.array(hotFolderSchema) },
  /** Adds a hot folder chosen in a dialog opened by main (never a path from the renderer). */
  'hotFolders.add': {
    input: z.object({ name: z.string().trim().min(1).max(100), mode: z.enum(['watch', 'poll']).default('watch') }).strict(),
    output: hotFolderSchema.nullable(),
  },
  'hotFolders.update': {
    input: z
      .object({
        id,
        name: z.string().trim().min(1).max(100).optional(),
        mode: z.enum(['watch', 'poll']).optional(),
        intervalSeconds: z.number().int().min(1).max(3600).optional(),
        stabilitySeconds: z.number().int().min(1).max(600).optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
    output: hotFolderSchema,
  },
  'hotFolders.remove': { input: z.object({ id }).strict(), output: empty },

  'inbox.list': {
    input: z.object({ limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ total: z.number().int(), items: z.array(inboxItemSchema) }),
  },
  'inbox.get': { input: z.object({ documentId: id }).strict(), output: inboxItemSchema },
  /** Files an inbox document as proposed or corrected. */
  'inbox.confirm': {
    input: z.object({ documentId: id, customerId: id, policyId: id.nullable().default(null), documentTypeId: id }).strict(),
    output: documentSummarySchema,
  },
  /** Splits a document before the given page: the pages from it on become a new inbox document. */
  'inbox.split': { input: z.object({ documentId: id, beforePageId: id }).strict(), output: z.object({ documentIds: z.array(z.string()) }) },
  /** Appends the other documents' pages to the first, in the order given. */
  'inbox.merge': { input: z.object({ documentIds: z.array(id).min(2).max(100) }).strict(), output: z.object({ documentId: z.string() }) },
  'inbox.reorder': { input: z.object({ documentId: id, pageIds: pageOrder }).strict(), output: documentSummarySchema },
  'inbox.deletePage': { input: z.object({ pageId: id }).strict(), output: z.object({ documentId: z.string().nullable() }) },
  /** Reads the document's pages again (OCR) and proposes anew. */
  'inbox.reread': { input: z.object({ documentId: id }).strict(), output: inboxItemSchema },

  'pages.rotate': { input: z.object({ pageId: id, rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]) }).strict(), output: pageInfoSchema },
  'pages.text': { input: z.object({ pageId: id }).strict(), output: z.object({ text: z.string() }) },

  'documents.forCustomer': { input: z.object({ customerId: id }).strict(), output: z.array(documentSummarySchema) },
  /** Opens a document in the viewer; recorded in the audit log as a view. */
  'documents.open': {
    input: z.object({ documentId: id, purpose: z.string().trim().max(200).optional() }).strict(),
    output: documentSummarySchema.extend({ canPrint: z.boolean(), canExport: z.boolean() }),
  },
  /** Records a print before the viewer prints; PERMISSION_DENIED when the role may not. */
  'documents.recordPrint': { input: z.object({ documentId: id }).strict(), output: empty },
  /** Exports a document as PDF: saved where the user chooses (desktop) or offered as a download (browser host). */
  'documents.exportPdf': { input: z.object({ documentId: id }).strict(), output: z.object({ saved: z.boolean(), downloadUrl: z.string().nullable() }) },

  'coverSheets.create': {
    input: z.object({ customerId: id, policyId: id.nullable().default(null), documentTypeId: id }).strict(),
    output: coverSheetSchema,
  },

  'quarantine.list': { input: empty, output: z.array(quarantineItemSchema) },
  /** Processes a refused file again with the archivist's relaxed limits. */
  'quarantine.release': { input: z.object({ fileId: id }).strict(), output: z.object({ batchId: z.string() }) },
  'quarantine.delete': { input: z.object({ fileId: id }).strict(), output: empty },
} as const;

export const ingestEvents = {
  'ingest.progress': batchProgressSchema,
  'inbox.changed': z.object({ total: z.number().int() }),
} as const;
