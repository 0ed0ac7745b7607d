import type { TFunction } from 'i18next';
import type { Role } from '../../shared/domain/roles.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { ColumnType, ReportColumn, ReportId, ReportParameters, ReportResult } from '../../shared/ipc/methods/reports.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** What a query knows about the run: who asks (their role decides masking and scope), in which language, on which day. */
export interface QueryContext {
  actor: User;
  language: Language;
  t: TFunction;
  /** The branch's local calendar day, YYYY-MM-DD. */
  today: string;
  now: Date;
  /** At most this many rows (the screen's or a printout's share), or null for every row (XLSX, CSV). */
  limit: number | null;
}

export interface QueryOutput {
  /** The first `limit` rows in the report's order (all of them without a limit). */
  rows: Row[];
  /** How many rows the report has: totals, key figures and roll-ups cover all of them. */
  rowCount: number;
  totals: Row;
  summary: ReportResult['summary'];
  groups: ReportResult['groups'];
  auditChain?: ReportResult['auditChain'];
}

/**
 * One report: which parameters it takes, who may run it, its columns, and its query. The query
 * returns rows already masked for the actor's role: every output (screen, print, PDF, XLSX,
 * CSV) is built from these rows and nothing else.
 */
export interface ReportDefinition {
  id: ReportId;
  titleKey: string;
  /** The printed page: landscape when the columns would not fit a portrait A4 page readably. */
  orientation: ReportResult['orientation'];
  parameters: readonly (keyof ReportParameters)[];
  roles: readonly Role[];
  columns: readonly ReportColumn[];
  query(db: Db, parameters: ReportParameters, context: QueryContext): QueryOutput;
}

/** A column whose heading is `reports.columns.<key>`. */
export function column(key: string, type: ColumnType, width: number): ReportColumn {
  return { key, labelKey: `reports.columns.${key}`, type, width };
}

/** The columns a report about customers starts with: who, what kind, their identifier (masked by role). */
export const customerColumns: readonly ReportColumn[] = [column('customer', 'text', 14), column('customerType', 'text', 8), column('idNumber', 'text', 20)];

export function figure(key: string, type: ColumnType, value: Cell): ReportResult['summary'][number] {
  return { key, labelKey: `reports.summary.${key}`, type, value };
}

/** The first `limit` items, or all of them: rows are only built for what is sent. */
export const firstRows = <T>(items: readonly T[], limit: number | null): readonly T[] => (limit === null ? items : items.slice(0, limit));

/** a / b as a rate 0–1, null when there is nothing to divide. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * A translator that remembers: a report asks for the same few strings (an action class, a field
 * name) once per row, and i18next's lookup and interpolation are the slow part of a 100,000-row
 * report.
 */
export function rememberingTranslator(t: TFunction): TFunction {
  const cache = new Map<string, string>();
  const remembered = (key: string, options?: Record<string, unknown>) => {
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let text = cache.get(id);
    if (text === undefined) {
      text = String((t as (k: string, o?: Record<string, unknown>) => string)(key, options));
      cache.set(id, text);
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

/** One collator for sorting names (localeCompare with a locale builds a new one per call). */
export const nameOrder = new Intl.Collator('zh-CN');
