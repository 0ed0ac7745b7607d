import { uuidv7 } from '../../shared/domain/ids.js';
import type { FileReport, Proposal, QualityFlag } from '../../shared/ipc/methods/ingest.js';
import { appendAudit } from '../archive/audit-log.js';
import type { Db } from '../db/connection.js';
import { insertDocument, insertPage, type NewPage } from '../documents/documents.js';
import { refreshCompleteness } from '../records/completeness.js';
import type { BatchRow, FileRow } from './batch-ops.js';
import { proposeFromPages } from './proposals.js';
import { decodeCoverSheet } from './recognise/cover-sheet.js';

interface IngestPageRow {
  page_index: number;
  blob_id: string | null;
  thumb_blob_id: string | null;
  width: number;
  height: number;
  dpi: number | null;
  color_mode: NewPage['colorMode'];
  text: string | null;
  text_source: NewPage['textSource'];
  ocr_confidence: number | null;
  quality_flags: string;
  cover_sheet: string | null;
}

/** Where a cover sheet files the bundle behind it, once checked against this archive. */
interface CoverTarget {
  customerId: string;
  customerName: string;
  policyId: string | null;
  policyNumber: string | null;
  documentTypeId: string;
  documentTypeCode: string;
}

const sourceOf = { scanner: 'scanner', hot_folder: 'hot_folder', drop: 'import', import: 'import' } as const;

/**
 * Turns a processed file into documents, inside the caller's transaction. The stack is split at
 * each cover sheet (cover sheets are read, not kept). In a batch from a scanner or hot folder a
 * cover sheet stays in force for the following files until the next sheet, because many scanners
 * write one file per sheet; files dropped or imported together are separate papers, so there a
 * sheet covers only the rest of its own file.
 * A part behind a valid cover sheet is filed as the sheet says; any other part is filed only
 * when recognition is certain, otherwise it waits in the inbox with the proposal.
 */
export function fileIntoDocuments(db: Db, file: FileRow, archiveId: string): { outcome: FileReport['outcome']; documentIds: string[] } {
  const batch = db.prepare('SELECT * FROM ingest_batches WHERE id = ?').get(file.batch_id) as BatchRow;
  const pages = db.prepare('SELECT * FROM ingest_pages WHERE file_id = ? ORDER BY page_index').all(file.id) as IngestPageRow[];
  let cover = carriesCoverSheets(batch)
    ? ((db
        .prepare("SELECT trailing_cover FROM ingest_files WHERE batch_id = ? AND seq < ? AND state = 'done' ORDER BY seq DESC LIMIT 1")
        .pluck()
        .get(file.batch_id, file.seq) ?? null) as string | null)
    : null;

  const parts: { cover: string | null; pages: IngestPageRow[] }[] = [{ cover, pages: [] }];
  for (const page of pages) {
    if (page.cover_sheet) {
      cover = page.cover_sheet;
      parts.push({ cover, pages: [] });
    } else parts.at(-1)!.pages.push(page);
  }
  db.prepare('UPDATE ingest_files SET trailing_cover = ? WHERE id = ?').run(cover, file.id);

  const at = new Date().toISOString();
  const documentIds: string[] = [];
  const customers = new Set<string>();
  let filed = 0;
  let inbox = 0;
  for (const part of parts) {
    if (part.pages.length === 0) continue;
    const target = part.cover ? coverTarget(db, part.cover, archiveId) : null;
    let proposal: Proposal;
    let certain: boolean;
    if (target) {
      const reason = { kind: 'coverSheet' as const, page: null, value: null };
      proposal = {
        customer: { id: target.customerId, name: target.customerName, reason },
        policy: target.policyId ? { id: target.policyId, policyNumber: target.policyNumber!, reason } : null,
        documentType: { id: target.documentTypeId, code: target.documentTypeCode, reason },
        alternatives: [],
      };
      certain = true;
    } else {
      ({ proposal, certain } = proposeFromPages(db, part.pages.map((p, i) => ({ pageNo: i + 1, text: p.text ?? '' }))));
    }
    const documentId = uuidv7();
    insertDocument(db, {
      id: documentId,
      branchId: batch.branch_id,
      state: certain ? 'filed' : 'inbox',
      source: sourceOf[batch.source],
      customerId: certain ? proposal.customer!.id : null,
      policyId: certain ? (proposal.policy?.id ?? null) : null,
      documentTypeId: certain ? proposal.documentType!.id : null,
      originalBlobId: file.blob_id,
      sha256: file.sha256,
      batchId: batch.id,
      fileId: file.id,
      proposal,
      at,
    });
    part.pages.forEach((p, i) => insertPage(db, documentId, toNewPage(p, i + 1), at));
    appendAudit(db, {
      actorId: batch.operator_id,
      branchId: batch.branch_id,
      action: certain ? 'document.file' : 'document.inbox',
      objectType: 'document',
      objectId: documentId,
      outcome: 'success',
      details: { fileId: file.id, pages: part.pages.length, by: target ? 'coverSheet' : certain ? 'recognition' : null, customerId: certain ? proposal.customer!.id : null },
    });
    documentIds.push(documentId);
    if (certain) {
      filed++;
      customers.add(proposal.customer!.id);
    } else inbox++;
  }
  for (const customerId of customers) refreshCompleteness(db, customerId);
  const outcome = filed > 0 && inbox > 0 ? 'mixed' : inbox > 0 ? 'inbox' : 'filed';
  return { outcome, documentIds };
}

function carriesCoverSheets(batch: BatchRow): boolean {
  return batch.source === 'scanner' || batch.source === 'hot_folder';
}

function toNewPage(p: IngestPageRow, pageNo: number): NewPage {
  return {
    id: uuidv7(),
    pageNo,
    blobId: p.blob_id!,
    thumbBlobId: p.thumb_blob_id!,
    width: p.width,
    height: p.height,
    dpi: p.dpi,
    colorMode: p.color_mode,
    text: p.text,
    textSource: p.text_source,
    ocrConfidence: p.ocr_confidence,
    flags: JSON.parse(p.quality_flags) as QualityFlag[],
  };
}

/** A cover sheet files only into this archive, for a customer, policy and type that exist and fit together. */
function coverTarget(db: Db, payload: string, archiveId: string): CoverTarget | null {
  const sheet = decodeCoverSheet(payload);
  if (!sheet || sheet.archiveId !== archiveId) return null;
  const customer = db.prepare('SELECT id, name FROM customers WHERE id = ?').get(sheet.customerId) as { id: string; name: string } | undefined;
  const type = db.prepare('SELECT id, code FROM document_types WHERE code = ? AND active = 1').get(sheet.documentTypeCode) as { id: string; code: string } | undefined;
  if (!customer || !type) return null;
  let policyNumber: string | null = null;
  if (sheet.policyId) {
    policyNumber = (db
      .prepare('SELECT p.policy_number FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id WHERE p.id = ? AND pp.customer_id = ? LIMIT 1')
      .pluck()
      .get(sheet.policyId, customer.id) ?? null) as string | null;
    if (!policyNumber) return null;
  }
  return { customerId: customer.id, customerName: customer.name, policyId: sheet.policyId, policyNumber, documentTypeId: type.id, documentTypeCode: type.code };
}
