import type { ReportId } from '../../shared/ipc/methods/reports.js';
import { accessAuditReport } from './access-audit-report.js';
import { batchesReport } from './batches-report.js';
import { completenessReport } from './completeness-report.js';
import type { ReportDefinition } from './definition.js';
import { timelinessReport } from './timeliness-report.js';

/** Every report by id, in the order they are listed. Later reports register here. */
export const reports: Record<ReportId, ReportDefinition> = {
  completeness: completenessReport,
  timeliness: timelinessReport,
  batches: batchesReport,
  accessAudit: accessAuditReport,
};
