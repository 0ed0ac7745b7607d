import { ingestsFiles, managesQuarantine } from '../../shared/domain/access.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { BatchSource, ColorMode, FileReport, QualityFlag, QuarantineItem, RejectReason } from '../../shared/ipc/methods/ingest.js';
import { appendAudit } from '../archive/audit-log.js';
import { activeUser, registerBlob } from '../archive/ops.js';
import type { Db } from '../db/connection.js';
import { fileIntoDocuments } from './filing.js';

/**
 * The ingest pipeline's persisted state (REQUIREMENTS §6: a crash loses nothing acknowledged
 * and files nothing twice or by half). A file is acknowledged once its encrypted original and
 * its row are committed; each page's work is saved as it finishes; the file's documents are
 * created in one transaction that also marks it done, so a restart either redoes the unfinished
 * pages or finds the file finished.
 *
 * Blobs are written to the page store before the row that registers them commits; a crash in
 * between leaves an unregistered blob that the service sweeps on start (ingest-service.ts).
 * Blobs this module unregisters are returned for the caller to delete after the commit.
 */

export interface BatchRow {
  id: string;
  branch_id: string;
  source: BatchSource;
  label: string | null;
  operator_id: string;
  state: 'open' | 'running' | 'done' | 'cancelled';
  created_at: string;
  finished_at: string | null;
}

export interface FileRow {
  id: string;
  batch_id: string;
  seq: number;
  file_name: string;
  size: number;
  sha256: string | null;
  blob_id: string | null;
  format: string | null;
  state: FileReport['state'];
  outcome: FileReport['outcome'];
  reason: RejectReason | null;
  reason_values: string | null;
  quarantine: 'held' | 'released' | 'deleted' | null;
  relaxed_limits: number;
  page_count: number | null;
  ocr_state: string | null;
  duplicate_of: string | null;
  trailing_cover: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface SavedPage {
  fileId: string;
  pageIndex: number;
  blobId: string | null;
  thumbBlobId: string | null;
  width: number;
  height: number;
  dpi: number | null;
  colorMode: ColorMode;
  text: string | null;
  textSource: 'ocr' | 'pdf' | 'none';
  ocrConfidence: number | null;
  flags: QualityFlag[];
  coverSheet: string | null;
}

const now = () => new Date().toISOString();

/**
 * Marks blobs nothing refers to any more for deletion; returns them for the caller to delete
 * from the store once this transaction has committed (archive/blob-deletions.ts).
 */
export function releaseBlobs(db: Db, ids: readonly (string | null)[]): string[] {
  const referenced = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM pages WHERE blob_id = @id OR thumb_blob_id = @id)
         OR EXISTS (SELECT 1 FROM documents WHERE original_blob_id = @id)
         OR EXISTS (SELECT 1 FROM ingest_files WHERE blob_id = @id)
         OR EXISTS (SELECT 1 FROM ingest_pages WHERE blob_id = @id OR thumb_blob_id = @id)`,
  ).pluck();
  const free: string[] = [];
  for (const id of new Set(ids)) {
    if (!id || referenced.get({ id })) continue;
    db.prepare('UPDATE blobs SET deleting = 1 WHERE id = ?').run(id);
    free.push(id);
  }
  return free;
}

export function findFile(db: Db, id: string): FileRow {
  const row = db.prepare('SELECT * FROM ingest_files WHERE id = ?').get(id) as FileRow | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  return row;
}

function findBatch(db: Db, id: string): BatchRow {
  const row = db.prepare('SELECT * FROM ingest_batches WHERE id = ?').get(id) as BatchRow | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  return row;
}

/** A batch with files still to process is running; one whose files are all finished is done. */
function settleBatch(db: Db, batchId: string): void {
  const batch = findBatch(db, batchId);
  if (batch.state === 'open' || batch.state === 'cancelled') return;
  const pending = db.prepare("SELECT count(*) FROM ingest_files WHERE batch_id = ? AND state IN ('queued', 'processing')").pluck().get(batchId) as number;
  const state = pending > 0 ? 'running' : 'done';
  if (state !== batch.state) db.prepare('UPDATE ingest_batches SET state = ?, finished_at = ? WHERE id = ?').run(state, state === 'done' ? now() : null, batchId);
}

export const batchOps = {
  'ingest.createBatch'(db: Db, a: { actorId: string; source: BatchSource; label: string | null }): string {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      if (!ingestsFiles(actor.role)) throw new DossierError('PERMISSION_DENIED');
      const id = uuidv7();
      db.prepare("INSERT INTO ingest_batches (id, branch_id, source, label, operator_id, state, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?)").run(
        id, actor.branchId, a.source, a.label, actor.id, now(),
      );
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'ingest.batch', objectType: 'batch', objectId: id, outcome: 'success', details: { source: a.source } });
      return id;
    }).immediate();
  },

  /**
   * Acknowledges one file: its encrypted original is already in the page store. The same content
   * again (finished, under way or held in the quarantine) is recorded as a duplicate and not
   * processed; a hostile name is refused into the quarantine at once.
   */
  'ingest.addFile'(
    db: Db,
    a: { actorId: string; batchId: string; fileName: string; size: number; sha256: string; blobId: string; refused: { reason: RejectReason; values: Record<string, string | number> } | null },
  ): { fileId: string; duplicateOf: string | null; free: string[] } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const batch = findBatch(db, a.batchId);
      if (batch.operator_id !== actor.id) throw new DossierError('PERMISSION_DENIED');
      if (batch.state !== 'open') throw new DossierError('BATCH_CLOSED');
      const duplicateOf = (db
        .prepare(
          `SELECT id FROM ingest_files WHERE sha256 = ?
              AND (state IN ('queued', 'processing', 'done') OR (state = 'rejected' AND quarantine = 'held'))
            ORDER BY created_at LIMIT 1`,
        )
        .pluck()
        .get(a.sha256) ?? null) as string | null;
      const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM ingest_files WHERE batch_id = ?').pluck().get(a.batchId) as number);
      const id = uuidv7();
      const at = now();
      if (duplicateOf) {
        db.prepare(
          `INSERT INTO ingest_files (id, batch_id, seq, file_name, size, sha256, blob_id, state, outcome, duplicate_of, created_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL, 'duplicate', 'duplicate', ?, ?, ?)`,
        ).run(id, a.batchId, seq, a.fileName, a.size, a.sha256, duplicateOf, at, at);
        return { fileId: id, duplicateOf, free: releaseBlobs(db, [a.blobId]) };
      }
      registerBlob(db, a.blobId, a.size);
      db.prepare(
        `INSERT INTO ingest_files (id, batch_id, seq, file_name, size, sha256, blob_id, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
      ).run(id, a.batchId, seq, a.fileName, a.size, a.sha256, a.blobId, at);
      const free = a.refused ? rejectFile(db, id, a.refused.reason, a.refused.values) : [];
      return { fileId: id, duplicateOf: null, free };
    }).immediate();
  },

  /** A file refused before it was read (too large): listed in its batch with the reason; nothing is kept. */
  'ingest.refuseUnread'(db: Db, a: { actorId: string; batchId: string; fileName: string; size: number; reason: RejectReason; values: Record<string, string | number> }): string {
    return db.transaction(() => {
      const batch = findBatch(db, a.batchId);
      if (batch.operator_id !== a.actorId) throw new DossierError('PERMISSION_DENIED');
      const seq = db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM ingest_files WHERE batch_id = ?').pluck().get(a.batchId) as number;
      const id = uuidv7();
      const at = now();
      db.prepare(
        `INSERT INTO ingest_files (id, batch_id, seq, file_name, size, sha256, blob_id, state, outcome, reason, reason_values, created_at, finished_at)
         VALUES (?, ?, ?, ?, ?, NULL, NULL, 'rejected', 'rejected', ?, ?, ?, ?)`,
      ).run(id, a.batchId, seq, a.fileName, a.size, a.reason, JSON.stringify(a.values), at, at);
      appendAudit(db, { actorId: batch.operator_id, branchId: batch.branch_id, action: 'ingest.reject', objectType: 'ingestFile', objectId: id, outcome: 'failure', details: { reason: a.reason } });
      return id;
    }).immediate();
  },

  'ingest.closeBatch'(db: Db, a: { actorId: string; batchId: string }): void {
    db.transaction(() => {
      const batch = findBatch(db, a.batchId);
      if (batch.operator_id !== a.actorId) throw new DossierError('PERMISSION_DENIED');
      if (batch.state !== 'open') return;
      db.prepare("UPDATE ingest_batches SET state = 'running' WHERE id = ?").run(a.batchId);
      settleBatch(db, a.batchId);
    }).immediate();
  },

  /** Files waiting to be processed, in the order they were acknowledged (cover sheets apply forwards). */
  'ingest.pending'(db: Db): string[] {
    return db
      .prepare(
        `SELECT f.id FROM ingest_files f JOIN ingest_batches b ON b.id = f.batch_id
          WHERE f.state IN ('queued', 'processing') ORDER BY b.created_at, b.id, f.seq`,
      )
      .pluck()
      .all() as string[];
  },

  /** Marks a file as being processed and says which pages are already done. */
  'ingest.beginFile'(db: Db, a: { fileId: string }): { file: FileRow; donePages: number[] } {
    return db.transaction(() => {
      const file = findFile(db, a.fileId);
      if (file.state === 'queued') db.prepare("UPDATE ingest_files SET state = 'processing' WHERE id = ?").run(a.fileId);
      const donePages = db.prepare('SELECT page_index FROM ingest_pages WHERE file_id = ? ORDER BY page_index').pluck().all(a.fileId) as number[];
      return { file: { ...file, state: file.state === 'queued' ? 'processing' : file.state }, donePages };
    }).immediate();
  },

  'ingest.setFormat'(db: Db, a: { fileId: string; format: string; pageCount: number }): void {
    db.prepare('UPDATE ingest_files SET format = ?, page_count = ? WHERE id = ?').run(a.format, a.pageCount, a.fileId);
  },

  /** Saves one page's work; false when the file is no longer being processed (cancelled meanwhile). */
  'ingest.savePage'(db: Db, p: SavedPage & { imageSize: number; thumbSize: number }): boolean {
    return db.transaction(() => {
      if (findFile(db, p.fileId).state !== 'processing') return false;
      if (p.blobId) registerBlob(db, p.blobId, p.imageSize);
      if (p.thumbBlobId) registerBlob(db, p.thumbBlobId, p.thumbSize);
      db.prepare(
        `INSERT OR REPLACE INTO ingest_pages (file_id, page_index, blob_id, thumb_blob_id, width, height, dpi, color_mode, text, text_source,
                                              ocr_confidence, quality_flags, cover_sheet)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(p.fileId, p.pageIndex, p.blobId, p.thumbBlobId, p.width, p.height, p.dpi, p.colorMode, p.text, p.textSource, p.ocrConfidence, JSON.stringify(p.flags), p.coverSheet);
      return true;
    }).immediate();
  },

  'ingest.reject'(db: Db, a: { fileId: string; reason: RejectReason; values: Record<string, string | number> }): string[] {
    return db.transaction(() => rejectFile(db, a.fileId, a.reason, a.values)).immediate();
  },

  /** Creates the file's documents (filed or in the inbox) and marks it done, all at once; a finished file is left as it is. */
  'ingest.commitFile'(db: Db, a: { fileId: string; archiveId: string; ocrEnabled: boolean }): { outcome: FileReport['outcome']; documentIds: string[] } {
    return db.transaction(() => {
      const file = findFile(db, a.fileId);
      if (file.state !== 'processing' && file.state !== 'queued') return { outcome: file.outcome, documentIds: [] };
      const ocr = db
        .prepare(
          `SELECT sum(text_source = 'ocr') AS read, sum(EXISTS (SELECT 1 FROM json_each(quality_flags) WHERE value = 'ocrFailed')) AS failed
             FROM ingest_pages WHERE file_id = ? AND cover_sheet IS NULL`,
        )
        .get(file.id) as { read: number | null; failed: number | null };
      const ocrState = !a.ocrEnabled ? 'skipped' : (ocr.failed ?? 0) === 0 ? 'done' : (ocr.read ?? 0) > 0 ? 'partial' : 'failed';
      const result = fileIntoDocuments(db, file, a.archiveId);
      db.prepare("UPDATE ingest_files SET state = 'done', outcome = ?, ocr_state = ?, finished_at = ? WHERE id = ?").run(result.outcome, ocrState, now(), file.id);
      db.prepare('DELETE FROM ingest_pages WHERE file_id = ?').run(file.id);
      settleBatch(db, file.batch_id);
      return result;
    }).immediate();
  },

  /** Stops a batch: files not yet finished are dropped with their work; finished files stay filed. */
  'ingest.cancelBatch'(db: Db, a: { actorId: string; batchId: string }): string[] {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const batch = findBatch(db, a.batchId);
      if (batch.operator_id !== actor.id && actor.role !== 'archivist') throw new DossierError('PERMISSION_DENIED');
      const files = db.prepare("SELECT id, blob_id FROM ingest_files WHERE batch_id = ? AND state IN ('queued', 'processing')").all(a.batchId) as { id: string; blob_id: string | null }[];
      const blobs: (string | null)[] = [];
      for (const f of files) {
        blobs.push(f.blob_id, ...(db.prepare('SELECT blob_id FROM ingest_pages WHERE file_id = ? UNION SELECT thumb_blob_id FROM ingest_pages WHERE file_id = ?').pluck().all(f.id, f.id) as string[]));
        db.prepare('DELETE FROM ingest_pages WHERE file_id = ?').run(f.id);
        db.prepare("UPDATE ingest_files SET state = 'cancelled', outcome = 'cancelled', blob_id = NULL, finished_at = ? WHERE id = ?").run(now(), f.id);
      }
      db.prepare("UPDATE ingest_batches SET state = 'cancelled', finished_at = ? WHERE id = ?").run(now(), a.batchId);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'ingest.cancel', objectType: 'batch', objectId: a.batchId, outcome: 'success', details: { files: files.length } });
      return releaseBlobs(db, blobs);
    }).immediate();
  },

  /** Batch statistics: the actor's recent batches, or one batch by id (for progress events). */
  'ingest.batchRows'(db: Db, a: { actorId: string; limit: number; batchId?: string }) {
    const actor = activeUser(db, a.actorId);
    // Staff see their own batches; the archivist, who reviews everything scanned, sees all.
    const own = a.batchId ? 'WHERE b.id = @batch' : actor.role === 'archivist' ? '' : 'WHERE b.operator_id = @actor';
    return db
      .prepare(
        `SELECT b.id, b.source, b.label, b.state, b.created_at, b.finished_at,
                count(f.id) AS files,
                sum(f.state NOT IN ('queued', 'processing')) AS files_done,
                coalesce(sum(f.page_count), 0) AS pages,
                coalesce(sum(CASE WHEN f.state IN ('queued', 'processing')
                                  THEN (SELECT count(*) FROM ingest_pages p WHERE p.file_id = f.id) ELSE f.page_count END), 0) AS pages_done,
                sum(f.outcome IN ('filed', 'mixed')) AS filed,
                sum(f.outcome IN ('inbox', 'mixed')) AS inbox,
                sum(f.outcome = 'rejected') AS rejected,
                sum(f.outcome = 'duplicate') AS duplicates
           FROM ingest_batches b LEFT JOIN ingest_files f ON f.batch_id = b.id
           ${own}
          GROUP BY b.id ORDER BY b.created_at DESC LIMIT @limit`,
      )
      .all({ actor: actor.id, limit: a.limit, batch: a.batchId ?? null }) as BatchStatsRow[];
  },

  'ingest.files'(db: Db, a: { actorId: string; batchId: string }): FileReport[] {
    const actor = activeUser(db, a.actorId);
    const batch = findBatch(db, a.batchId);
    if (batch.operator_id !== actor.id && actor.role !== 'archivist') throw new DossierError('PERMISSION_DENIED');
    const files = db.prepare('SELECT * FROM ingest_files WHERE batch_id = ? ORDER BY seq').all(a.batchId) as FileRow[];
    return files.map((f) => fileReport(db, f));
  },

  'quarantine.list'(db: Db, a: { actorId: string }): QuarantineItem[] {
    requireQuarantine(db, a.actorId);
    const rows = db
      .prepare(
        `SELECT f.id, f.batch_id, f.file_name, f.size, f.reason, f.reason_values, b.source, f.created_at
           FROM ingest_files f JOIN ingest_batches b ON b.id = f.batch_id WHERE f.quarantine = 'held' ORDER BY f.created_at DESC`,
      )
      .all() as { id: string; batch_id: string; file_name: string; size: number; reason: RejectReason; reason_values: string | null; source: BatchSource; created_at: string }[];
    return rows.map((r) => ({
      fileId: r.id,
      batchId: r.batch_id,
      fileName: r.file_name,
      size: r.size,
      reason: r.reason,
      reasonValues: r.reason_values ? (JSON.parse(r.reason_values) as Record<string, string | number>) : null,
      source: r.source,
      createdAt: r.created_at,
    }));
  },

  /** Queues a refused file again, under the relaxed limits; the batch runs again. */
  'quarantine.release'(db: Db, a: { actorId: string; fileId: string }): { batchId: string } {
    return db.transaction(() => {
      const actor = requireQuarantine(db, a.actorId);
      const file = heldFile(db, a.fileId);
      db.prepare("UPDATE ingest_files SET state = 'queued', outcome = NULL, quarantine = 'released', relaxed_limits = 1, finished_at = NULL WHERE id = ?").run(file.id);
      db.prepare("UPDATE ingest_batches SET state = 'running', finished_at = NULL WHERE id = ? AND state <> 'open'").run(file.batch_id);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'quarantine.release', objectType: 'ingestFile', objectId: file.id, outcome: 'success', details: { reason: file.reason } });
      return { batchId: file.batch_id };
    }).immediate();
  },

  'quarantine.delete'(db: Db, a: { actorId: string; fileId: string }): string[] {
    return db.transaction(() => {
      const actor = requireQuarantine(db, a.actorId);
      const file = heldFile(db, a.fileId);
      db.prepare("UPDATE ingest_files SET quarantine = 'deleted', blob_id = NULL WHERE id = ?").run(file.id);
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'quarantine.delete', objectType: 'ingestFile', objectId: file.id, outcome: 'success', details: { reason: file.reason } });
      return releaseBlobs(db, [file.blob_id]);
    }).immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;

export interface BatchStatsRow {
  id: string;
  source: BatchSource;
  label: string | null;
  state: BatchRow['state'];
  created_at: string;
  finished_at: string | null;
  files: number;
  files_done: number;
  pages: number;
  pages_done: number;
  filed: number;
  inbox: number;
  rejected: number;
  duplicates: number;
}

function rejectFile(db: Db, fileId: string, reason: RejectReason, values: Record<string, string | number>): string[] {
  const file = findFile(db, fileId);
  const blobs = db.prepare('SELECT blob_id FROM ingest_pages WHERE file_id = ? UNION SELECT thumb_blob_id FROM ingest_pages WHERE file_id = ?').pluck().all(fileId, fileId) as string[];
  db.prepare('DELETE FROM ingest_pages WHERE file_id = ?').run(fileId);
  db.prepare(
    "UPDATE ingest_files SET state = 'rejected', outcome = 'rejected', reason = ?, reason_values = ?, quarantine = 'held', page_count = NULL, finished_at = ? WHERE id = ?",
  ).run(reason, JSON.stringify(values), now(), fileId);
  const batch = findBatch(db, file.batch_id);
  appendAudit(db, { actorId: batch.operator_id, branchId: batch.branch_id, action: 'ingest.reject', objectType: 'ingestFile', objectId: fileId, outcome: 'failure', details: { reason } });
  settleBatch(db, file.batch_id);
  return releaseBlobs(db, blobs);
}

function requireQuarantine(db: Db, actorId: string) {
  const actor = activeUser(db, actorId);
  if (!managesQuarantine(actor.role)) throw new DossierError('PERMISSION_DENIED');
  return actor;
}

function heldFile(db: Db, fileId: string): FileRow {
  const file = findFile(db, fileId);
  if (file.quarantine !== 'held') throw new DossierError('INVALID_STATE');
  return file;
}

function fileReport(db: Db, f: FileRow): FileReport {
  const documents = db
    .prepare(
      `SELECT d.id, d.state, d.customer_id, c.name AS customer_name, t.code AS type_code,
              (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS pages
         FROM documents d LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN document_types t ON t.id = d.document_type_id
        WHERE d.file_id = ?
        -- A file's documents share one creation time, and ids made in one millisecond are not
        -- ordered: their pages, inserted part by part, keep the order of the file.
        ORDER BY d.created_at, (SELECT min(p.rowid) FROM pages p WHERE p.document_id = d.id), d.id`,
    )
    .all(f.id) as { id: string; state: 'inbox' | 'filed' | 'destroyed'; customer_id: string | null; customer_name: string | null; type_code: string | null; pages: number }[];
  const pageStats = db
    .prepare(
      `SELECT min(p.dpi) AS min_dpi, json_group_array(DISTINCT fl.value) AS flags
         FROM documents d JOIN pages p ON p.document_id = d.id LEFT JOIN json_each(p.quality_flags) fl
        WHERE d.file_id = ?`,
    )
    .get(f.id) as { min_dpi: number | null; flags: string };
  const pagesDone = f.state === 'done' ? (f.page_count ?? 0) : (db.prepare('SELECT count(*) FROM ingest_pages WHERE file_id = ?').pluck().get(f.id) as number);
  return {
    fileId: f.id,
    batchId: f.batch_id,
    fileName: f.file_name,
    size: f.size,
    format: f.format,
    state: f.state,
    outcome: f.outcome,
    reason: f.reason,
    reasonValues: f.reason_values ? (JSON.parse(f.reason_values) as Record<string, string | number>) : null,
    pages: f.page_count,
    pagesDone,
    documents: documents.map((d) => ({ documentId: d.id, state: d.state, customerId: d.customer_id, customerName: d.customer_name, documentTypeCode: d.type_code, pages: d.pages })),
    minDpi: pageStats.min_dpi,
    flags: (JSON.parse(pageStats.flags) as (QualityFlag | null)[]).filter((x): x is QualityFlag => x !== null),
    duplicateOf: f.duplicate_of,
  };
}
