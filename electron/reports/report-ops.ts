import type { Language } from '../../shared/i18n/languages.js';
import { DossierError } from '../../shared/ipc/errors.js';
import {
  type ExportFormat,
  type KpiId,
  printRowLimit,
  type ReportDefinitionInfo,
  type ReportId,
  type ReportParameters,
  reportParametersSchema,
  type ReportResult,
  screenRowLimit,
} from '../../shared/ipc/methods/reports.js';
import { activeUser } from '../archive/ops.js';
import { appendAudit } from '../archive/audit-log.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';
import { translator } from '../i18n.js';
import { localToday } from '../records/due-dates.js';
import { rememberingTranslator } from './definition.js';
import { checkOwnScope } from './scope.js';
import { dashboard, drillTarget } from './kpi.js';
import { reports } from './registry.js';

/** What a run is for: the screen (its first rows), a printout, or a file. */
export type ReportAction = 'generate' | 'print' | 'export';

function definitionOf(id: ReportId, actor: User) {
  const definition = Object.hasOwn(reports, id) ? reports[id] : undefined;
  if (!definition) throw new DossierError('NOT_FOUND', { what: 'report' });
  if (!definition.roles.includes(actor.role)) throw new DossierError('PERMISSION_DENIED');
  return definition;
}

/**
 * Only the parameters the report takes: the others are dropped, so the audit entry records what
 * was used. A period that ends before it starts is refused here, for every report alike.
 */
function usedParameters(id: ReportId, parameters: unknown): ReportParameters {
  const parsed = reportParametersSchema.safeParse(parameters ?? {});
  if (!parsed.success) throw new DossierError('INVALID_INPUT', { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) });
  const used: Record<string, unknown> = {};
  for (const name of reports[id].parameters) if (parsed.data[name] !== undefined) used[name] = parsed.data[name];
  const { from, to } = used as ReportParameters;
  if (from && to && from > to) throw new DossierError('INVALID_INPUT', { from, to }, 'reports.errors.reversedPeriod');
  return used as ReportParameters;
}

/**
 * Names for the ids among the parameters, for the printed scope line. An id that names nothing
 * is refused: a report on a branch or agent that does not exist would print as an empty report
 * about something real.
 */
function scopeNames(db: Db, parameters: ReportParameters, t: ReturnType<typeof translator>): Record<string, string> {
  const scope: Record<string, string> = {};
  const lookups = {
    branchId: 'SELECT name FROM branches WHERE id = ?',
    agentId: 'SELECT display_name FROM users WHERE id = ?',
    userId: 'SELECT display_name FROM users WHERE id = ?',
    customerId: 'SELECT name FROM customers WHERE id = ?',
  } as const;
  for (const [parameter, sql] of Object.entries(lookups) as [keyof typeof lookups, string][]) {
    const id = parameters[parameter];
    if (id === undefined) continue;
    const name = db.prepare(sql).pluck().get(id) as string | undefined;
    if (name === undefined) throw new DossierError('NOT_FOUND', { parameter }, `reports.errors.unknown.${parameter}`);
    scope[parameter] = name;
  }
  if (parameters.customerType) scope.customerType = t(`enums.customerTypes.${parameters.customerType}`);
  return scope;
}

/** How many rows a run may carry: the screen's first page, a printout's cap, or all for a file. */
function rowLimit(action: ReportAction, format: ExportFormat | undefined): number | null {
  if (action === 'generate') return screenRowLimit;
  if (action === 'print' || format === 'pdf') return printRowLimit;
  return null;
}

/**
 * Runs a report for an actor: the rows masked for their role, at most `limit` of them (null: all).
 * No audit entry: callers record.
 */
export function runReport(db: Db, actor: User, id: ReportId, rawParameters: unknown, language: Language, limit: number | null, now = new Date()): ReportResult {
  const definition = definitionOf(id, actor);
  const parameters = usedParameters(id, rawParameters);
  checkOwnScope(parameters, actor);
  const t = rememberingTranslator(translator(language));
  const scope = scopeNames(db, parameters, t);
  const output = definition.query(db, parameters, { actor, language, t, today: localToday(now), now, limit });
  return {
    id,
    titleKey: definition.titleKey,
    orientation: definition.orientation,
    parameters,
    scope,
    generatedAt: now.toISOString(),
    generatedBy: actor.displayName,
    columns: [...definition.columns],
    rows: output.rows,
    rowCount: output.rowCount,
    totals: output.totals,
    summary: output.summary,
    groups: output.groups,
    auditChain: output.auditChain ?? null,
  };
}

function record(db: Db, actor: User, action: string, details: Record<string, unknown>): void {
  appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action, objectType: 'report', objectId: String(details.reportId), outcome: 'success', details });
}

export const reportOps = {
  /** The reports this user may run. */
  'reports.list'(db: Db, a: { actorId: string }): ReportDefinitionInfo[] {
    const actor = activeUser(db, a.actorId);
    return Object.values(reports)
      .filter((r) => r.roles.includes(actor.role))
      .map((r) => ({ id: r.id, titleKey: r.titleKey, parameters: [...r.parameters], columns: [...r.columns] }));
  },

  /**
   * Runs a report and records it in the same transaction: `report.generate` for the screen (the
   * first screenRowLimit rows), `report.print` for a printout, `report.export` with the format when
   * it leaves as a file (every row; a PDF at most printRowLimit). A printout or PDF of a longer
   * report is refused, and nothing is recorded. The entry holds the report, its parameters (ids,
   * dates, codes: no personal data) and the number of rows.
   */
  'reports.run'(db: Db, a: { actorId: string; reportId: ReportId; parameters: unknown; language: Language; action: ReportAction; format?: ExportFormat }): ReportResult {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        const limit = rowLimit(a.action, a.format);
        const result = runReport(db, actor, a.reportId, a.parameters, a.language, limit);
        if (limit === printRowLimit && result.rowCount > printRowLimit) {
          throw new DossierError('INVALID_STATE', { rows: result.rowCount, limit: printRowLimit }, 'reports.errors.tooManyRowsToPrint');
        }
        const details: Record<string, unknown> = { reportId: a.reportId, parameters: result.parameters, rows: result.rowCount };
        if (a.action === 'export') record(db, actor, 'report.export', { ...details, format: a.format ?? 'pdf' });
        else record(db, actor, `report.${a.action}`, details);
        return result;
      })
      .immediate();
  },

  /**
   * The ids `dossier report --branch/--agent` mean: a branch by id or name, an agent by id, user
   * name (any case) or a display name only one user has. Anything else is refused as the report
   * refuses an unknown id.
   */
  'reports.scopeIds'(db: Db, a: { actorId: string; branch?: string | undefined; agent?: string | undefined }): { branchId?: string; agentId?: string } {
    activeUser(db, a.actorId);
    const ids: { branchId?: string; agentId?: string } = {};
    const one = (sql: string, value: string) => {
      const found = db.prepare(sql).pluck().all({ value }) as string[];
      return found.length === 1 ? found[0] : undefined;
    };
    if (a.branch !== undefined) {
      const id = one('SELECT id FROM branches WHERE id = @value OR name = @value', a.branch);
      if (id === undefined) throw new DossierError('NOT_FOUND', { parameter: 'branchId' }, 'reports.errors.unknown.branchId');
      ids.branchId = id;
    }
    if (a.agent !== undefined) {
      const id =
        one('SELECT id FROM users WHERE id = @value OR username = @value COLLATE NOCASE', a.agent) ?? one('SELECT id FROM users WHERE display_name = @value', a.agent);
      if (id === undefined) throw new DossierError('NOT_FOUND', { parameter: 'agentId' }, 'reports.errors.unknown.agentId');
      ids.agentId = id;
    }
    return ids;
  },

  'kpi.dashboard'(db: Db, a: { actorId: string; months: number; branchId?: string | undefined }) {
    const actor = activeUser(db, a.actorId);
    return dashboard(db, actor, a.months, a.branchId);
  },

  /** The rows behind a KPI's month: the report it is drawn from, run for that month, recorded as generated. */
  'kpi.drill'(db: Db, a: { actorId: string; kpi: KpiId; month: string; branchId?: string | undefined; language: Language }): ReportResult {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        const { reportId, parameters } = drillTarget(a.kpi, a.month, a.branchId);
        const result = runReport(db, actor, reportId, parameters, a.language, screenRowLimit);
        record(db, actor, 'report.generate', { reportId, parameters: result.parameters, rows: result.rowCount, kpi: a.kpi });
        return result;
      })
      .immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
