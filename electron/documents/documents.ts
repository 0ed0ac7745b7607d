import type { DocumentSummary, PageInfo, Proposal, QualityFlag } from '../../shared/ipc/methods/ingest.js';
import type { Db } from '../db/connection.js';
import { indexPage } from '../search/index.js';

/** Documents and their pages: plain functions over the database, used inside the callers' transactions. */

export interface NewDocument {
  id: string;
  branchId: string;
  state: 'inbox' | 'filed';
  source: 'scanner' | 'hot_folder' | 'import';
  customerId: string | null;
  policyId: string | null;
  documentTypeId: string | null;
  originalBlobId: string | null;
  sha256: string | null;
  batchId: string | null;
  fileId: string | null;
  proposal: Proposal | null;
  at: string;
}

export interface NewPage {
  id: string;
  pageNo: number;
  blobId: string;
  thumbBlobId: string;
  width: number;
  height: number;
  dpi: number | null;
  colorMode: 'color' | 'gray' | 'bw';
  text: string | null;
  textSource: 'ocr' | 'pdf' | 'none';
  ocrConfidence: number | null;
  flags: QualityFlag[];
}

export function insertDocument(db: Db, d: NewDocument): void {
  db.prepare(
    `INSERT INTO documents (id, branch_id, customer_id, policy_id, document_type_id, state, source, original_blob_id, sha256,
                            created_at, filed_at, batch_id, file_id, proposal)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id, d.branchId, d.customerId, d.policyId, d.documentTypeId, d.state, d.source, d.originalBlobId, d.sha256,
    d.at, d.state === 'filed' ? d.at : null, d.batchId, d.fileId, d.proposal ? JSON.stringify(d.proposal) : null,
  );
}

export function insertPage(db: Db, documentId: string, p: NewPage, at: string): void {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO pages (id, document_id, page_no, blob_id, thumb_blob_id, width, height, dpi, color_mode, text, text_source,
                          ocr_confidence, quality_flags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.id, documentId, p.pageNo, p.blobId, p.thumbBlobId, p.width, p.height, p.dpi, p.colorMode, p.text, p.textSource, p.ocrConfidence, JSON.stringify(p.flags), at);
  indexPage(db, lastInsertRowid, p.text);
}

/**
 * Makes these pages the document's pages 1..n in this order. Two passes, because page numbers
 * are unique per document: first out of the way (above any page number in use), then into place.
 */
export function renumberPages(db: Db, documentId: string, pageIds: readonly string[]): void {
  const move = db.prepare('UPDATE pages SET document_id = ?, page_no = ? WHERE id = ?');
  const clear = 1_000_000;
  pageIds.forEach((id, i) => move.run(documentId, clear + i, id));
  pageIds.forEach((id, i) => move.run(documentId, i + 1, id));
}

interface PageRow {
  id: string;
  page_no: number;
  width: number | null;
  height: number | null;
  dpi: number | null;
  color_mode: PageInfo['colorMode'];
  rotation: PageInfo['rotation'];
  quality_flags: string;
  text_source: PageInfo['textSource'];
}

export function pagesOf(db: Db, documentId: string): PageInfo[] {
  const rows = db
    .prepare('SELECT id, page_no, width, height, dpi, color_mode, rotation, quality_flags, text_source FROM pages WHERE document_id = ? ORDER BY page_no')
    .all(documentId) as PageRow[];
  return rows.map((r) => ({
    pageId: r.id,
    pageNo: r.page_no,
    width: r.width,
    height: r.height,
    dpi: r.dpi,
    colorMode: r.color_mode,
    rotation: r.rotation,
    flags: JSON.parse(r.quality_flags) as QualityFlag[],
    textSource: r.text_source,
  }));
}

interface DocumentRow {
  id: string;
  branch_id: string;
  state: DocumentSummary['state'];
  customer_id: string | null;
  customer_name: string | null;
  policy_id: string | null;
  policy_number: string | null;
  document_type_id: string | null;
  document_type_code: string | null;
  sensitive: number | null;
  source: string;
  batch_id: string | null;
  file_name: string | null;
  created_at: string;
  filed_at: string | null;
  proposal: string | null;
}

export type DocumentRecord = DocumentSummary & { branchId: string; sensitive: boolean; proposal: Proposal | null };

const documentSelect = `
  SELECT d.id, d.branch_id, d.state, d.customer_id, c.name AS customer_name, d.policy_id, p.policy_number,
         d.document_type_id, t.code AS document_type_code, t.sensitive, d.source, d.batch_id, f.file_name,
         d.created_at, d.filed_at, d.proposal
    FROM documents d
    LEFT JOIN customers c ON c.id = d.customer_id
    LEFT JOIN policies p ON p.id = d.policy_id
    LEFT JOIN document_types t ON t.id = d.document_type_id
    LEFT JOIN ingest_files f ON f.id = d.file_id`;

export function findDocument(db: Db, id: string): DocumentRecord | undefined {
  const row = db.prepare(`${documentSelect} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
  return row && toRecord(db, row);
}

export function documentsWhere(db: Db, where: string, params: unknown[], tail = ''): DocumentRecord[] {
  return (db.prepare(`${documentSelect} WHERE ${where} ${tail}`).all(...params) as DocumentRow[]).map((row) => toRecord(db, row));
}

function toRecord(db: Db, r: DocumentRow): DocumentRecord {
  return {
    documentId: r.id,
    branchId: r.branch_id,
    state: r.state,
    customerId: r.customer_id,
    customerName: r.customer_name,
    policyId: r.policy_id,
    policyNumber: r.policy_number,
    documentTypeId: r.document_type_id,
    documentTypeCode: r.document_type_code,
    sensitive: r.sensitive === 1,
    source: r.source,
    batchId: r.batch_id,
    fileName: r.file_name,
    createdAt: r.created_at,
    filedAt: r.filed_at,
    pages: pagesOf(db, r.id),
    proposal: r.proposal ? (JSON.parse(r.proposal) as Proposal) : null,
  };
}

export function toSummary(record: DocumentRecord): DocumentSummary {
  const { branchId: _b, sensitive: _s, proposal: _p, ...summary } = record;
  return summary;
}
