import { editsRecords, exportsDocuments, ingestsFiles, printsDocuments, reviewsInbox, viewsDocuments } from '../../shared/domain/access.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { maskCreditCode, maskResidentId } from '../../shared/validators/mask.js';
import type { DocumentSummary, InboxItem, PageInfo, Proposal, QualityFlag } from '../../shared/ipc/methods/ingest.js';
import { appendAudit } from '../archive/audit-log.js';
import { activeUser } from '../archive/ops.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';
import { releaseBlobs } from '../ingest/batch-ops.js';
import { proposeFromPages } from '../ingest/proposals.js';
import { refreshCompleteness } from '../records/completeness.js';
import { indexPage } from '../search/index.js';
import { type DocumentRecord, documentsWhere, findDocument, renumberPages, toSummary } from './documents.js';

/**
 * The inbox (REQUIREMENTS §4 flow 2) and the viewer (flow 3). Inbox work is for the staff who
 * file; viewing follows shared/domain/access.ts. Every view, print, export and filing decision
 * is written to the audit log in the same transaction.
 */

const emptyProposal: Proposal = { customer: null, policy: null, documentType: null, alternatives: [] };

function inboxDocument(db: Db, actor: User, documentId: string): DocumentRecord {
  if (!reviewsInbox(actor.role)) throw new DossierError('PERMISSION_DENIED');
  const doc = findDocument(db, documentId);
  if (!doc) throw new DossierError('NOT_FOUND');
  if (doc.state !== 'inbox') throw new DossierError('INVALID_STATE');
  return doc;
}

/** A document the actor may look at: inbox documents for those who file, filed ones by role and sensitivity. */
function viewableDocument(db: Db, actor: User, documentId: string): DocumentRecord {
  const doc = findDocument(db, documentId);
  if (!doc || doc.state === 'destroyed') throw new DossierError('NOT_FOUND');
  const allowed = doc.state === 'inbox' ? reviewsInbox(actor.role) : viewsDocuments(actor.role, doc.sensitive);
  if (!allowed) throw new DossierError('PERMISSION_DENIED');
  return doc;
}

function toInboxItem(doc: DocumentRecord): InboxItem {
  return { ...toSummary(doc), proposal: doc.proposal ?? emptyProposal };
}

function pageTexts(db: Db, documentId: string) {
  return (db.prepare('SELECT page_no, text FROM pages WHERE document_id = ? ORDER BY page_no').all(documentId) as { page_no: number; text: string | null }[]).map((p) => ({
    pageNo: p.page_no,
    text: p.text ?? '',
  }));
}

/** Proposes anew after the pages changed; keeps the documents' own evidence in step with its pages. */
function repropose(db: Db, documentId: string): void {
  const { proposal } = proposeFromPages(db, pageTexts(db, documentId));
  db.prepare('UPDATE documents SET proposal = ? WHERE id = ?').run(JSON.stringify(proposal), documentId);
}

function pageOwner(db: Db, pageId: string): { documentId: string; rowid: number; blobId: string; thumbBlobId: string | null } {
  const row = db.prepare('SELECT rowid, document_id, blob_id, thumb_blob_id FROM pages WHERE id = ?').get(pageId) as
    | { rowid: number; document_id: string; blob_id: string; thumb_blob_id: string | null }
    | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  return { documentId: row.document_id, rowid: row.rowid, blobId: row.blob_id, thumbBlobId: row.thumb_blob_id };
}

function audit(db: Db, actor: User, action: string, documentId: string, details?: Record<string, unknown>, purpose?: string): void {
  appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action, objectType: 'document', objectId: documentId, outcome: 'success', details: details ?? null, purpose: purpose ?? null });
}

export const documentOps = {
  'inbox.list'(db: Db, a: { actorId: string; limit: number; offset: number }): { total: number; items: InboxItem[] } {
    const actor = activeUser(db, a.actorId);
    if (!reviewsInbox(actor.role)) throw new DossierError('PERMISSION_DENIED');
    const total = db.prepare("SELECT count(*) FROM documents WHERE state = 'inbox'").pluck().get() as number;
    const items = documentsWhere(db, "d.state = 'inbox'", [a.limit, a.offset], 'ORDER BY d.created_at, d.id LIMIT ? OFFSET ?');
    return { total, items: items.map(toInboxItem) };
  },

  'inbox.count'(db: Db): number {
    return db.prepare("SELECT count(*) FROM documents WHERE state = 'inbox'").pluck().get() as number;
  },

  'inbox.get'(db: Db, a: { actorId: string; documentId: string }): InboxItem {
    return toInboxItem(inboxDocument(db, activeUser(db, a.actorId), a.documentId));
  },

  /** Files an inbox document; a choice that differs from the proposal is recorded as a correction. */
  'inbox.confirm'(db: Db, a: { actorId: string; documentId: string; customerId: string; policyId: string | null; documentTypeId: string }): DocumentSummary {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = inboxDocument(db, actor, a.documentId);
      if (!db.prepare('SELECT 1 FROM customers WHERE id = ?').get(a.customerId)) throw new DossierError('NOT_FOUND', { what: 'customer' });
      if (!db.prepare('SELECT 1 FROM document_types WHERE id = ? AND active = 1').get(a.documentTypeId)) throw new DossierError('NOT_FOUND', { what: 'documentType' });
      if (a.policyId && !db.prepare('SELECT 1 FROM policy_parties WHERE policy_id = ? AND customer_id = ?').get(a.policyId, a.customerId)) {
        throw new DossierError('INVALID_INPUT', { reason: 'policyNotOfCustomer' });
      }
      const at = new Date().toISOString();
      db.prepare("UPDATE documents SET state = 'filed', customer_id = ?, policy_id = ?, document_type_id = ?, filed_at = ? WHERE id = ?").run(
        a.customerId, a.policyId, a.documentTypeId, at, a.documentId,
      );
      const p = doc.proposal;
      const corrected = p?.customer?.id !== a.customerId || (p?.policy?.id ?? null) !== a.policyId || p?.documentType?.id !== a.documentTypeId;
      audit(db, actor, 'document.file', a.documentId, { by: 'inbox', corrected, customerId: a.customerId });
      refreshCompleteness(db, a.customerId);
      return toSummary(findDocument(db, a.documentId)!);
    }).immediate();
  },

  'inbox.split'(db: Db, a: { actorId: string; documentId: string; beforePageId: string }): { documentIds: string[] } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = inboxDocument(db, actor, a.documentId);
      const at = doc.pages.findIndex((p) => p.pageId === a.beforePageId);
      if (at < 1) throw new DossierError('INVALID_INPUT', { reason: 'splitPage' });
      const newId = uuidv7();
      db.prepare(
        `INSERT INTO documents (id, branch_id, state, source, original_blob_id, sha256, created_at, batch_id, file_id)
         SELECT ?, branch_id, 'inbox', source, original_blob_id, sha256, ?, batch_id, file_id FROM documents WHERE id = ?`,
      ).run(newId, new Date().toISOString(), a.documentId);
      renumberPages(db, newId, doc.pages.slice(at).map((p) => p.pageId));
      repropose(db, a.documentId);
      repropose(db, newId);
      audit(db, actor, 'document.split', a.documentId, { newDocumentId: newId, atPage: at + 1 });
      return { documentIds: [a.documentId, newId] };
    }).immediate();
  },

  'inbox.merge'(db: Db, a: { actorId: string; documentIds: string[] }): { documentId: string } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      if (new Set(a.documentIds).size !== a.documentIds.length) throw new DossierError('INVALID_INPUT', { reason: 'duplicateDocument' });
      const docs = a.documentIds.map((id) => inboxDocument(db, actor, id));
      const [first, ...rest] = docs;
      renumberPages(db, first!.documentId, docs.flatMap((d) => d.pages.map((p) => p.pageId)));
      for (const doc of rest) db.prepare('DELETE FROM documents WHERE id = ?').run(doc.documentId);
      repropose(db, first!.documentId);
      audit(db, actor, 'document.merge', first!.documentId, { merged: rest.map((d) => d.documentId) });
      return { documentId: first!.documentId };
    }).immediate();
  },

  'inbox.reorder'(db: Db, a: { actorId: string; documentId: string; pageIds: string[] }): DocumentSummary {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = inboxDocument(db, actor, a.documentId);
      const current = doc.pages.map((p) => p.pageId);
      if (a.pageIds.length !== current.length || new Set(a.pageIds).size !== current.length || !a.pageIds.every((id) => current.includes(id))) {
        throw new DossierError('INVALID_INPUT', { reason: 'pageOrder' });
      }
      renumberPages(db, a.documentId, a.pageIds);
      audit(db, actor, 'document.reorder', a.documentId);
      return toSummary(findDocument(db, a.documentId)!);
    }).immediate();
  },

  /** Removes a page from an inbox document (a document left without pages goes too); returns blobs to delete. */
  'inbox.deletePage'(db: Db, a: { actorId: string; pageId: string }): { documentId: string | null; free: string[] } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const page = pageOwner(db, a.pageId);
      const doc = inboxDocument(db, actor, page.documentId);
      indexPage(db, page.rowid, null);
      db.prepare('DELETE FROM pages WHERE id = ?').run(a.pageId);
      const remaining = doc.pages.filter((p) => p.pageId !== a.pageId).map((p) => p.pageId);
      let documentId: string | null = doc.documentId;
      if (remaining.length === 0) {
        db.prepare('DELETE FROM documents WHERE id = ?').run(doc.documentId);
        documentId = null;
      } else {
        renumberPages(db, doc.documentId, remaining);
        repropose(db, doc.documentId);
      }
      audit(db, actor, 'page.delete', doc.documentId, { pageId: a.pageId, documentDeleted: documentId === null });
      return { documentId, free: releaseBlobs(db, [page.blobId, page.thumbBlobId]) };
    }).immediate();
  },

  /** The stored images of an inbox document's pages, for reading them again. */
  'inbox.pagesToReread'(db: Db, a: { actorId: string; documentId: string }): { pageId: string; blobId: string; rotation: number }[] {
    const doc = inboxDocument(db, activeUser(db, a.actorId), a.documentId);
    return doc.pages.map((p) => ({ pageId: p.pageId, blobId: pageOwner(db, p.pageId).blobId, rotation: p.rotation }));
  },

  'inbox.saveReread'(db: Db, a: { actorId: string; documentId: string; pages: { pageId: string; text: string | null; confidence: number | null; failed: boolean }[] }): InboxItem {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = inboxDocument(db, actor, a.documentId);
      for (const p of a.pages) {
        const page = pageOwner(db, p.pageId);
        if (page.documentId !== doc.documentId) throw new DossierError('INVALID_INPUT', { reason: 'pageNotInDocument' });
        const flags: QualityFlag[] = (doc.pages.find((x) => x.pageId === p.pageId)?.flags ?? []).filter((f) => f !== 'ocrFailed');
        if (p.failed) flags.push('ocrFailed');
        db.prepare("UPDATE pages SET text = ?, text_source = 'ocr', ocr_confidence = ?, quality_flags = ? WHERE id = ?").run(p.text, p.confidence, JSON.stringify(flags), p.pageId);
        indexPage(db, page.rowid, p.text);
      }
      repropose(db, doc.documentId);
      audit(db, actor, 'document.reread', doc.documentId, { pages: a.pages.length });
      return toInboxItem(findDocument(db, doc.documentId)!);
    }).immediate();
  },

  'pages.rotate'(db: Db, a: { actorId: string; pageId: string; rotation: PageInfo['rotation'] }): PageInfo {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const page = pageOwner(db, a.pageId);
      const doc = viewableDocument(db, actor, page.documentId);
      if (doc.state === 'inbox' ? !reviewsInbox(actor.role) : !editsRecords(actor.role)) throw new DossierError('PERMISSION_DENIED');
      db.prepare('UPDATE pages SET rotation = ? WHERE id = ?').run(a.rotation, a.pageId);
      audit(db, actor, 'page.rotate', doc.documentId, { pageId: a.pageId, rotation: a.rotation });
      return findDocument(db, doc.documentId)!.pages.find((p) => p.pageId === a.pageId)!;
    }).immediate();
  },

  'pages.text'(db: Db, a: { actorId: string; pageId: string }): { text: string } {
    const actor = activeUser(db, a.actorId);
    const page = pageOwner(db, a.pageId);
    viewableDocument(db, actor, page.documentId);
    return { text: (db.prepare('SELECT text FROM pages WHERE id = ?').pluck().get(a.pageId) as string | null) ?? '' };
  },

  /** What the page-image route may serve to this user: the page's blob, its thumbnail and rotation. */
  'pages.image'(db: Db, a: { actorId: string; pageId: string }): { blobId: string; thumbBlobId: string | null; rotation: number } {
    const actor = activeUser(db, a.actorId);
    const page = pageOwner(db, a.pageId);
    viewableDocument(db, actor, page.documentId);
    const rotation = db.prepare('SELECT rotation FROM pages WHERE id = ?').pluck().get(a.pageId) as number;
    return { blobId: page.blobId, thumbBlobId: page.thumbBlobId, rotation };
  },

  'documents.forCustomer'(db: Db, a: { actorId: string; customerId: string }): DocumentSummary[] {
    const actor = activeUser(db, a.actorId);
    return documentsWhere(db, "d.customer_id = ? AND d.state = 'filed'", [a.customerId], 'ORDER BY d.filed_at DESC, d.id')
      .filter((d) => viewsDocuments(actor.role, d.sensitive))
      .map(toSummary);
  },

  'documents.open'(db: Db, a: { actorId: string; documentId: string; purpose?: string }): DocumentSummary & { canPrint: boolean; canExport: boolean } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = viewableDocument(db, actor, a.documentId);
      audit(db, actor, 'document.view', doc.documentId, { customerId: doc.customerId }, a.purpose);
      const filed = doc.state === 'filed';
      return { ...toSummary(doc), canPrint: filed && printsDocuments(actor.role), canExport: filed && exportsDocuments(actor.role) };
    }).immediate();
  },

  'documents.recordPrint'(db: Db, a: { actorId: string; documentId: string }): void {
    db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = viewableDocument(db, actor, a.documentId);
      if (doc.state !== 'filed' || !printsDocuments(actor.role)) throw new DossierError('PERMISSION_DENIED');
      audit(db, actor, 'document.print', doc.documentId, { customerId: doc.customerId, pages: doc.pages.length });
    }).immediate();
  },

  /** Authorises and records an export; returns the pages to assemble. */
  'documents.export'(db: Db, a: { actorId: string; documentId: string }): { customerName: string | null; typeCode: string | null; pages: { blobId: string; rotation: number; dpi: number | null }[] } {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      const doc = viewableDocument(db, actor, a.documentId);
      if (doc.state !== 'filed' || !exportsDocuments(actor.role)) throw new DossierError('PERMISSION_DENIED');
      audit(db, actor, 'document.export', doc.documentId, { customerId: doc.customerId, pages: doc.pages.length, format: 'pdf' });
      return {
        customerName: doc.customerName,
        typeCode: doc.documentTypeCode,
        pages: doc.pages.map((p) => ({ blobId: pageOwner(db, p.pageId).blobId, rotation: p.rotation, dpi: p.dpi })),
      };
    }).immediate();
  },

  /** What a cover sheet shows and encodes; printing one is for those who scan. The ID is always masked on paper. */
  'coverSheets.prepare'(db: Db, a: { actorId: string; customerId: string; policyId: string | null; documentTypeId: string }) {
    return db.transaction(() => {
      const actor = activeUser(db, a.actorId);
      if (!ingestsFiles(actor.role)) throw new DossierError('PERMISSION_DENIED');
      const customer = db.prepare('SELECT name, id_number, credit_code FROM customers WHERE id = ?').get(a.customerId) as
        | { name: string; id_number: string | null; credit_code: string | null }
        | undefined;
      const type = db.prepare('SELECT code FROM document_types WHERE id = ? AND active = 1').get(a.documentTypeId) as { code: string } | undefined;
      if (!customer || !type) throw new DossierError('NOT_FOUND');
      let policyNumber: string | null = null;
      if (a.policyId) {
        policyNumber = (db
          .prepare('SELECT p.policy_number FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id WHERE p.id = ? AND pp.customer_id = ? LIMIT 1')
          .pluck()
          .get(a.policyId, a.customerId) ?? null) as string | null;
        if (!policyNumber) throw new DossierError('INVALID_INPUT', { reason: 'policyNotOfCustomer' });
      }
      appendAudit(db, { actorId: actor.id, branchId: actor.branchId, action: 'coverSheet.print', objectType: 'customer', objectId: a.customerId, outcome: 'success', details: { policyId: a.policyId, documentTypeCode: type.code } });
      return {
        customerName: customer.name,
        customerIdMasked: customer.id_number ? maskResidentId(customer.id_number) : customer.credit_code ? maskCreditCode(customer.credit_code) : null,
        policyNumber,
        documentTypeCode: type.code,
      };
    }).immediate();
  },
} satisfies Record<string, (db: Db, args: never) => unknown>;
