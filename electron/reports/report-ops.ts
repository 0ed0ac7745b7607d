import type { Language } from '../../shared/i18n/languages.js';
import { DossierError } from '../../shared/ipc/errors.js';
import {
  type ExportFormat,
  type KpiId,
  type ReportDefinitionInfo,
  type ReportId,
  type ReportParameters,
  reportParametersSchema,
  type ReportResult,
} from '../../shared/ipc/methods/reports.js';
import { activeUser } from '../archive/ops.js';
import { appendAudit } from '../archive/audit-log.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';
import { translator } from '../i18n.js';
import { localToday } from '../records/due-dates.js';
import { rememberingTranslator } from './definition.js';
import { dashboard, drillTarget } from './kpi.js';
import { reports } from './registry.js';

export type ReportAction = 'generate' | 'export';

function definitionOf(id: ReportId, actor: User) {
  const definition = Object.hasOwn(reports, id) ? reports[id] : undefined;
  if (!definition) throw new DossierError('NOT_FOUND', { what: 'report' });
  if (!definition.roles.includes(actor.role)) throw new DossierError('PERMISSION_DENIED');
  return definition;
}

/** Only the parameters the report takes: the others are dropped, so the audit entry records what was used. */
function usedParameters(id: ReportId, parameters: unknown): ReportParameters {
  const parsed = reportParametersSchema.safeParse(parameters ?? {});
  if (!parsed.success) throw new DossierError('INVALID_INPUT', { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) });
  const used: Record<string, unknown> = {};
  for (const name of reports[id].parameters) if (parsed.data[name] !== undefined) used[name] = parsed.data[name];
  return used as ReportParameters;
}

/** Names for the ids among the parameters, for the printed scope line. */
function scopeNames(db: Db, parameters: ReportParameters, t: ReturnType<typeof translator>): Record<string, string> {
  const scope: Record<string, string> = {};
  const name = (sql: string, id: string) => (db.prepare(sql).pluck().get(id) as string | undefined) ?? id;
  if (parameters.branchId) scope.branchId = name('SELECT name FROM branches WHERE id = ?', parameters.branchId);
  if (parameters.agentId) scope.agentId = name('SELECT display_name FROM users WHERE id = ?', parameters.agentId);
  if (parameters.userId) scope.userId = name('SELECT display_name FROM users WHERE id = ?', parameters.userId);
  if (parameters.customerId) scope.customerId = name('SELECT name FROM customers WHERE id = ?', parameters.customerId);
  if (parameters.customerType) scope.customerType = t(`enums.customerTypes.${parameters.customerType}`);
  return scope;
}

/** Runs a report for an actor: the rows masked for their role. No audit entry: callers record. */
export function runReport(db: Db, actor: User, id: ReportId, rawParameters: unknown, language: Language, now = new Date()): ReportResult {
  const definition = definitionOf(id, actor);
  const parameters = usedParameters(id, rawParameters);
  const t = rememberingTranslator(translator(language));
  const output = definition.query(db, parameters, { actor, language, t, today: localToday(now), now });
  return {
    id,
    titleKey: definition.titleKey,
    parameters,
    scope: scopeNames(db, parameters, t),
    generatedAt: now.toISOString(),
    generatedBy: actor.displayName,
    columns: [...definition.columns],
    rows: output.rows,
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
   * Runs a report and records it in the same transaction: `report.generate` for the screen,
   * `report.export` with the format when the result leaves as a file. The entry holds the report,
   * its parameters (ids, dates, codes: no personal data) and the number of rows.
   */
  'reports.run'(db: Db, a: { actorId: string; reportId: ReportId; parameters: unknown; language: Language; action?: ReportAction; format?: ExportFormat }): ReportResult {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        const result = runReport(db, actor, a.reportId, a.parameters, a.language);
        const details: Record<string, unknown> = { reportId: a.reportId, parameters: result.parameters, rows: result.rows.length };
        if (a.action === 'export') record(db, actor, 'report.export', { ...details, format: a.format ?? 'pdf' });
        else record(db, actor, 'report.generate', details);
        return result;
      })
      .immediate();
  },

  /** Before the renderer prints a report it has on screen. */
  'reports.recordPrint'(db: Db, a: { actorId: string; reportId: ReportId; parameters: unknown }): Record<string, never> {
    return db
      .transaction(() => {
        const actor = activeUser(db, a.actorId);
        definitionOf(a.reportId, actor);
        record(db, actor, 'report.print', { reportId: a.reportId, parameters: usedParameters(a.reportId, a.parameters) });
        return {};
      })
      .immediate();
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
        const result = runReport(db, actor, reportId, parameters, a.language);
        record(db, actor, 'report.generate', { reportId, parameters: result.parameters, rows: result.rows.length, kpi: a.kpi });
        return result;
      })
      .immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
