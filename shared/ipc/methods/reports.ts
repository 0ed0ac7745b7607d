import { z } from 'zod';
import { customerTypes } from '../../domain/customer.js';

/**
 * Compliance reports (REQUIREMENTS §5): one engine, many typed definitions. A report's result
 * carries its columns with types, so every output (screen, print, PDF, XLSX, CSV) formats the
 * same values the same way; personal data is already masked for the viewer's role in main.
 */
/**
 * Rows a report sends to the screen: the first ones in the report's order, with the count of all
 * of them; totals, key figures and roll-ups always cover every row. Exports (XLSX, CSV) carry
 * every row; printing and PDF at most printRowLimit.
 */
export const screenRowLimit = 500;
/** Rows a printout or PDF may hold (about 50 A4 pages): a longer report is exported to Excel or CSV. */
export const printRowLimit = 2_000;

export const reportIds = ['completeness', 'timeliness', 'batches', 'accessAudit'] as const;
export type ReportId = (typeof reportIds)[number];

/** How a column's values are typed: the outputs format and align by it (XLSX cell types too). */
export const columnTypes = ['text', 'integer', 'decimal', 'percent', 'date', 'datetime', 'boolean'] as const;
export type ColumnType = (typeof columnTypes)[number];

export const reportColumnSchema = z.object({
  key: z.string(),
  /** Message key of the heading (`reports.columns.<key>` unless given). */
  labelKey: z.string(),
  type: z.enum(columnTypes),
  /** Relative width for print and XLSX (characters). */
  width: z.number().int().min(4).max(80),
});
export type ReportColumn = z.infer<typeof reportColumnSchema>;

/**
 * A calendar day, YYYY-MM-DD, that exists (no 2026-02-30), in the years 1900–2199:
 * JavaScript's Date maps years 0–99 to 1900–1999, and nothing in a branch archive is older than 1900.
 */
const isoDate = z
  .string()
  .regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/)
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  });
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Every report's parameters; each definition says which ones it uses. */
export const reportParametersSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    branchId: z.string().min(1).max(100).optional(),
    agentId: z.string().uuid().optional(),
    customerType: z.enum(customerTypes).optional(),
    /** Access audit: one user's actions, or one customer's file. */
    userId: z.string().uuid().optional(),
    customerId: z.string().uuid().optional(),
  })
  .strict();
export type ReportParameters = z.infer<typeof reportParametersSchema>;
export const reportParameterNames = ['from', 'to', 'branchId', 'agentId', 'customerType', 'userId', 'customerId'] as const;

export const reportDefinitionSchema = z.object({
  id: z.enum(reportIds),
  titleKey: z.string(),
  parameters: z.array(z.enum(reportParameterNames)),
  columns: z.array(reportColumnSchema),
});
export type ReportDefinitionInfo = z.infer<typeof reportDefinitionSchema>;

/** How a report's page is laid on A4: portrait, or landscape for the wide tables. */
export const orientations = ['portrait', 'landscape'] as const;

export const reportResultSchema = z.object({
  id: z.enum(reportIds),
  titleKey: z.string(),
  orientation: z.enum(orientations),
  parameters: reportParametersSchema,
  /** Names for the parameters' ids (branch, agent, user, customer), for the printed scope line. */
  scope: z.record(z.string(), z.string()),
  generatedAt: z.string(),
  generatedBy: z.string(),
  columns: z.array(reportColumnSchema),
  /** The report's first rows: on screen at most screenRowLimit, in a printout at most printRowLimit, in XLSX and CSV all. */
  rows: z.array(z.record(z.string(), cell)),
  /** How many rows the report has; more than `rows.length` when only the first were sent. */
  rowCount: z.number().int().min(0),
  /** Totals under the table, keyed by column (rates as 0–1 in 'percent' columns). */
  totals: z.record(z.string(), cell),
  /**
   * The report's key figures, printed above the table (customers in scope, complete files, the
   * completeness rate…): typed like columns, so every output formats them the same way.
   */
  summary: z.array(z.object({ key: z.string(), labelKey: z.string(), type: z.enum(columnTypes), value: cell })),
  /** Roll-ups (file completeness per agent and per branch): each a small table of its own. */
  groups: z.array(z.object({ titleKey: z.string(), columns: z.array(reportColumnSchema), rows: z.array(z.record(z.string(), cell)) })),
  /** Printed in the access audit's header: the audit chain as checked when the report was made. */
  auditChain: z.object({ ok: z.boolean(), entries: z.number().int(), checkedAt: z.string() }).nullable(),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

export const exportFormats = ['pdf', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const kpiIds = ['completenessRate', 'timelinessRate', 'scanQualityRate', 'documentsFiledPerDay', 'inboxBacklog'] as const;
export type KpiId = (typeof kpiIds)[number];

export const kpiSchema = z.object({
  id: z.enum(kpiIds),
  /** The current value: a rate 0–1, or a count. */
  value: z.number().nullable(),
  unit: z.enum(['rate', 'count']),
  /** One point per month of the period, oldest first (month as YYYY-MM). */
  trend: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
});
export type Kpi = z.infer<typeof kpiSchema>;

const run = z.object({ reportId: z.enum(reportIds), parameters: reportParametersSchema.default({}) }).strict();

export const reportMethods = {
  'reports.list': { input: z.object({}).strict(), output: z.array(reportDefinitionSchema) },
  /** Runs a report for the screen (its first screenRowLimit rows); recorded in the audit log. */
  'reports.run': { input: run, output: reportResultSchema },
  /** Runs a report for the renderer to print (at most printRowLimit rows, else refused); recorded as a print. */
  'reports.print': { input: run, output: reportResultSchema },
  /** Saves the report as PDF, XLSX or CSV where the user chooses (desktop) or offers a download (browser host); recorded. */
  'reports.export': {
    input: run.extend({ format: z.enum(exportFormats) }).strict(),
    output: z.object({ saved: z.boolean(), downloadUrl: z.string().nullable() }),
  },
  'kpi.dashboard': {
    input: z.object({ months: z.number().int().min(1).max(36).default(12), branchId: z.string().min(1).max(100).optional() }).strict(),
    output: z.object({ generatedAt: z.string(), kpis: z.array(kpiSchema) }),
  },
  /** The rows behind a KPI for one month: a report run with that month as its period. */
  'kpi.drill': {
    input: z.object({ kpi: z.enum(kpiIds), month: z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/), branchId: z.string().min(1).max(100).optional() }).strict(),
    output: reportResultSchema,
  },
} as const;
