import { rejectMessage } from '../../shared/i18n/ingest-formats.js';
import type { RejectReason } from '../../shared/ipc/methods/ingest.js';
import { column, figure, firstRows, type ReportDefinition, rate, type Row } from './definition.js';
import { addPeriod, maskDigitRuns, whereClause } from './scope.js';

/** Roles who see every batch; the others (agents, account managers) see the batches they ran. */
const allBatchesRoles = ['supervisor', 'archivist', 'compliance', 'admin'];

/**
 * Digitisation batches (report 7, H7.1): per batch, its source, operator and time; files and
 * pages; pages below the 200 dpi rule and pages flagged blank; how OCR went; files refused and
 * why. Pages are the kept pages of the documents the batch made (cover sheets are never kept;
 * pages deleted in the inbox no longer count); the period selects batches by their start.
 */
export const batchesReport: ReportDefinition = {
  id: 'batches',
  titleKey: 'reports.titles.batches',
  orientation: 'landscape',
  parameters: ['from', 'to', 'branchId'],
  roles: ['agent', 'account_manager', 'supervisor', 'archivist', 'compliance', 'admin'],
  columns: [
    column('batch', 'text', 14),
    column('source', 'text', 10),
    column('operator', 'text', 10),
    column('startedAt', 'datetime', 16),
    column('files', 'integer', 6),
    column('pages', 'integer', 6),
    column('lowDpiPages', 'integer', 7),
    column('blankPages', 'integer', 7),
    column('ocrStatus', 'text', 18),
    column('rejectedFiles', 'integer', 7),
    column('rejections', 'text', 36),
  ],
  query(db, parameters, { actor, t, language, limit }) {
    const where: string[] = [];
    const values: Record<string, unknown> = {};
    if (!allBatchesRoles.includes(actor.role)) {
      where.push('b.operator_id = @operator');
      values.operator = actor.id;
    }
    if (parameters.branchId) {
      where.push('b.branch_id = @branchId');
      values.branchId = parameters.branchId;
    }
    addPeriod(parameters, 'b.created_at', where, values);
    const batches = db
      .prepare(
        `SELECT b.id, b.label, b.source, b.created_at, u.display_name AS operator,
                (SELECT count(*) FROM ingest_files f WHERE f.batch_id = b.id) AS files,
                (SELECT count(*) FROM ingest_files f WHERE f.batch_id = b.id AND f.state = 'rejected') AS rejected,
                (SELECT count(*) FROM documents d JOIN pages p ON p.document_id = d.id WHERE d.batch_id = b.id) AS pages,
                (SELECT count(*) FROM documents d JOIN pages p ON p.document_id = d.id WHERE d.batch_id = b.id AND p.dpi < 200) AS low_dpi,
                (SELECT count(*) FROM documents d JOIN pages p ON p.document_id = d.id
                  WHERE d.batch_id = b.id AND EXISTS (SELECT 1 FROM json_each(p.quality_flags) q WHERE q.value = 'blank')) AS blank
           FROM ingest_batches b LEFT JOIN users u ON u.id = b.operator_id
           ${whereClause(where)}
          ORDER BY b.created_at, b.id`,
      )
      .all(values) as { id: string; label: string | null; source: string; created_at: string; operator: string | null; files: number; rejected: number; pages: number; low_dpi: number; blank: number }[];

    const ocrOf = db.prepare("SELECT ocr_state AS state, count(*) AS n FROM ingest_files WHERE batch_id = ? AND ocr_state IS NOT NULL GROUP BY ocr_state ORDER BY ocr_state");
    const rejectedOf = db.prepare("SELECT file_name, reason, reason_values FROM ingest_files WHERE batch_id = ? AND state = 'rejected' ORDER BY seq");
    const separator = t('reports.listSeparator');
    const sums = { files: 0, pages: 0, lowDpi: 0, blank: 0, rejected: 0 };
    for (const b of batches) {
      sums.files += b.files;
      sums.pages += b.pages;
      sums.lowDpi += b.low_dpi;
      sums.blank += b.blank;
      sums.rejected += b.rejected;
    }
    const rows: Row[] = firstRows(batches, limit).map((b) => {
      const ocr = (ocrOf.all(b.id) as { state: string; n: number }[]).map((o) => t('reports.ocrCount', { state: t(`reports.ocrStates.${o.state}`), count: o.n }));
      const rejections = (rejectedOf.all(b.id) as { file_name: string; reason: RejectReason | null; reason_values: string | null }[]).map((f) => {
        const reason = f.reason ? rejectMessage(t, language, f.reason, f.reason_values ? (JSON.parse(f.reason_values) as Record<string, string | number>) : null) : '';
        return `${maskDigitRuns(actor.role, f.file_name)}: ${reason}`;
      });
      return {
        batchId: b.id,
        batch: b.label ? maskDigitRuns(actor.role, b.label) : b.id.slice(-8),
        source: t(`ingest.sources.${b.source}`),
        operator: b.operator ?? '',
        startedAt: b.created_at,
        files: b.files,
        pages: b.pages,
        lowDpiPages: b.low_dpi,
        blankPages: b.blank,
        ocrStatus: ocr.join(separator),
        rejectedFiles: b.rejected,
        rejections: rejections.join(separator),
      };
    });
    return {
      rows,
      rowCount: batches.length,
      totals: { batch: t('reports.total'), files: sums.files, pages: sums.pages, lowDpiPages: sums.lowDpi, blankPages: sums.blank, rejectedFiles: sums.rejected },
      summary: [
        figure('batches', 'integer', batches.length),
        figure('files', 'integer', sums.files),
        figure('pages', 'integer', sums.pages),
        figure('lowDpiPages', 'integer', sums.lowDpi),
        figure('blankPages', 'integer', sums.blank),
        figure('rejectedFiles', 'integer', sums.rejected),
        figure('resolutionRate', 'percent', rate(sums.pages - sums.lowDpi, sums.pages)),
      ],
      groups: [],
    };
  },
};
