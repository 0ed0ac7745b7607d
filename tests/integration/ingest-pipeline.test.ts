import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type ArchiveSession, openArchive, verifyArchive } from '../../electron/archive/archive.js';
import { demoResidentId, seededRandom } from '../../electron/demo/generate.js';
import { pageImage } from '../../electron/documents/page-images.js';
import { exportDocumentPdf } from '../../electron/documents/export-pdf.js';
import { rereadDocument } from '../../electron/documents/reread.js';
import { encodeCoverSheet } from '../../electron/ingest/recognise/cover-sheet.js';
import { IngestRuntime } from '../../electron/ingest/runtime.js';
import { EventHub } from '../../electron/ipc/router.js';
import type { SessionManager } from '../../electron/services/sessions.js';
import { TaskTracker } from '../../electron/services/tasks.js';
import type { FileReport } from '../../shared/ipc/methods/ingest.js';
import { adminPassword, newArchive, rawDatabase } from '../support/archive.js';
import { coverSheetScan } from '../support/cover-sheets.js';
import { applicationForm, blankScan, healthDeclaration, scanForm, scannedPdf } from '../support/scans.js';

/**
 * The pipeline end to end on a real archive with real OCR (the native `tesseract`, which CI
 * installs): generated scans go in, documents come out filed or in the inbox, refused files go
 * to the quarantine, and the inbox and viewer work on what was filed.
 */

const rng = seededRandom(20261122);
const zhang = { name: '张伟', idNumber: demoResidentId(rng, 101).idNumber, mobile: '13812345678' };
const wang = { name: '王芳', idNumber: demoResidentId(rng, 202).idNumber, mobile: '13987654321' };

let dir: string;
let recoveryKey: string;
let admin: ArchiveSession;
let agent: ArchiveSession;
let archivist: ArchiveSession;
let runtime: IngestRuntime;
let zhangId: string;
let wangId: string;
let policyId: string;
let policyNumber: string;
let types: Map<string, string>;

beforeAll(async () => {
  const created = await newArchive();
  dir = created.dir;
  recoveryKey = created.recoveryKey;
  admin = created.session;
  await addUser(admin, { username: 'agent', displayName: '李娜', role: 'agent', password: 'agent-password' });
  await addUser(admin, { username: 'archivist', displayName: '周洁', role: 'archivist', password: 'archivist-password' });
  agent = await openArchive(dir, 'agent', 'agent-password');
  archivist = await openArchive(dir, 'archivist', 'archivist-password');
  const create = (customer: object) => agent.db.call('customers.create', { actorId: agent.user.id, customer: { type: 'individual', ...customer } });
  zhangId = (await create(zhang)).id;
  wangId = (await create(wang)).id;
  const policy = await agent.db.call('policies.create', {
    actorId: agent.user.id,
    policy: {
      policyNumber: 'P2026000123',
      productName: '终身寿险',
      productLine: 'life',
      policyholderId: zhangId,
      insuredIds: [zhangId],
      beneficiaries: [],
      sumInsured: 50_000_000,
      premium: 1_200_000,
      paymentFrequency: 'annual',
      status: 'in_force',
      applicationDate: '2026-01-05',
    },
  });
  policyId = policy.id;
  policyNumber = policy.policyNumber;
  types = new Map((await agent.db.call('documentTypes.list', { actorId: agent.user.id })).map((t) => [t.code, t.id]));
  runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: 'native' });
  await runtime.opened(agent);
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  for (const s of [agent, archivist, admin]) await s?.close();
});

async function ingest(files: { name: string; bytes: Buffer }[]): Promise<FileReport[]> {
  const service = runtime.current();
  const batchId = await service.startBatch('drop', null);
  for (const file of files) await service.addFile(batchId, file.name, file.bytes);
  await service.closeBatch(batchId);
  await service.idle();
  return agent.db.call('ingest.files', { actorId: agent.user.id, batchId });
}

describe('filing', () => {
  let filedDocumentId: string;

  it('files an application form under the one customer whose valid ID number is on it, with its type', async () => {
    const scan = await scanForm(applicationForm({ ...zhang, policyNumber: 'P2026000123' }), { dpi: 300, skew: 0.7, color: true });
    const [report] = await ingest([{ name: '投保单.jpg', bytes: scan }]);
    expect(report).toMatchObject({ outcome: 'filed', format: 'jpeg', pages: 1, minDpi: 300, flags: [] });
    expect(report!.documents).toEqual([expect.objectContaining({ state: 'filed', customerId: zhangId, documentTypeCode: 'application_form', pages: 1 })]);
    filedDocumentId = report!.documents[0]!.documentId;
    const checklist = await agent.db.call('completeness.customer', { actorId: agent.user.id, customerId: zhangId });
    expect(checklist.items).toContainEqual(expect.objectContaining({ kind: 'document', code: 'application_form', state: 'present', documentId: filedDocumentId }));
  }, 120_000);

  it('reports the same file again as a duplicate and stores nothing twice', async () => {
    const scan = await scanForm(healthDeclaration(wang), { dpi: 200 });
    const [first] = await ingest([{ name: 'health.jpg', bytes: scan }]);
    const [again] = await ingest([{ name: 'copy-of-health.jpg', bytes: scan }]);
    expect(again).toMatchObject({ outcome: 'duplicate', state: 'duplicate', documents: [], duplicateOf: first!.fileId });
  }, 60_000);

  it('searches the filed page by its text', async () => {
    const results = await agent.db.call('search.query', { actorId: agent.user.id, query: '投保', limit: 50 });
    expect(results.some((r) => r.kind === 'page' && r.documentId === filedDocumentId)).toBe(true);
  });

  it('puts a page with no identifiers in the inbox, and a page from two customers too, proposing the better one', async () => {
    const anonymous = await scanForm(healthDeclaration({ name: '', idNumber: '' }), { dpi: 300 });
    const both = await scanForm(
      { title: '人身保险投保单', fields: [{ label: '投保人证件号码', value: zhang.idNumber }, { label: '被保险人证件号码', value: wang.idNumber }] },
      { dpi: 300 },
    );
    const reports = await ingest([
      { name: 'health.png', bytes: anonymous },
      { name: 'two.jpg', bytes: both },
    ]);
    expect(reports.map((r) => r.outcome)).toEqual(['inbox', 'inbox']);
    const inbox = await archivist.db.call('inbox.list', { actorId: archivist.user.id, limit: 50, offset: 0 });
    const two = inbox.items.find((i) => i.documentId === reports[1]!.documents[0]!.documentId)!;
    expect([two.proposal.customer?.id, ...two.proposal.alternatives.map((a) => a.id)].sort()).toEqual([zhangId, wangId].sort());
    expect(two.proposal.customer?.reason).toMatchObject({ kind: 'idNumber', page: 1 });
    expect(two.proposal.customer?.reason.value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  }, 120_000);

  it('flags pages under 200 dpi and blank pages, and keeps them', async () => {
    const low = await scanForm(healthDeclaration(wang), { dpi: 150 });
    const pdf = await scannedPdf([await scanForm(healthDeclaration(wang), { dpi: 200 }), await blankScan({ dpi: 200 })], 200);
    const [lowReport, pdfReport] = await ingest([
      { name: 'low.jpg', bytes: low },
      { name: 'with-blank.pdf', bytes: pdf },
    ]);
    expect(lowReport).toMatchObject({ minDpi: 150, flags: ['lowResolution'] });
    expect(pdfReport).toMatchObject({ format: 'pdf', pages: 2 });
    expect(pdfReport!.flags).toContain('blank');
    expect(pdfReport!.documents.reduce((n, d) => n + d.pages, 0)).toBe(2);
  }, 120_000);
});

describe('cover sheets', () => {
  it('splits a scanned stack at each cover sheet, files each bundle as its sheet says and keeps no sheet as a page', async () => {
    const archiveId = agent.archiveId;
    const sheet = (customerId: string, code: string, policy: string | null) =>
      encodeCoverSheet({ archiveId, customerId, policyId: policy, documentTypeCode: code, batchLabel: '2026-11-22 agent' });
    const pages = [
      await scanForm({ title: '客户来信', fields: [{ label: '内容', value: '无封面的散页' }] }, { dpi: 200 }),
      await coverSheetScan(sheet(zhangId, 'policy_contract', policyId), ['张伟', policyNumber], { dpi: 200, skew: 0.8 }),
      await scanForm({ title: '保险合同', fields: [{ label: '保单号', value: policyNumber }] }, { dpi: 200 }),
      await scanForm({ title: '保险合同 续页', fields: [{ label: '条款', value: '第二页' }] }, { dpi: 200 }),
      await coverSheetScan(sheet(wangId, 'id_copy', null), ['王芳'], { dpi: 200, skew: -0.5 }),
      await scanForm({ title: '居民身份证', fields: [{ label: '姓名', value: '王芳' }] }, { dpi: 200 }),
    ];
    const [report] = await ingest([{ name: 'stack.pdf', bytes: await scannedPdf(pages, 200) }]);
    expect(report).toMatchObject({ outcome: 'mixed', pages: 6 });
    const byState = report!.documents.map((d) => [d.state, d.customerId, d.documentTypeCode, d.pages]);
    expect(byState).toEqual([
      ['inbox', null, null, 1],
      ['filed', zhangId, 'policy_contract', 2],
      ['filed', wangId, 'id_copy', 1],
    ]);
    const contract = report!.documents[1]!;
    const summary = await agent.db.call('documents.open', { actorId: agent.user.id, documentId: contract.documentId });
    expect(summary).toMatchObject({ policyId, policyNumber, pages: [expect.objectContaining({ pageNo: 1 }), expect.objectContaining({ pageNo: 2 })] });
  }, 180_000);

  it('ignores a cover sheet from another archive: the bundle goes to the inbox', async () => {
    const foreign = encodeCoverSheet({ archiveId: '0192aaaa-0000-7000-8000-000000000000', customerId: zhangId, policyId: null, documentTypeCode: 'id_copy', batchLabel: 'x' });
    const pdf = await scannedPdf([await coverSheetScan(foreign, ['?'], { dpi: 200 }), await scanForm({ title: '说明', fields: [] }, { dpi: 200 })], 200);
    const [report] = await ingest([{ name: 'foreign.pdf', bytes: pdf }]);
    expect(report!.documents.map((d) => d.state)).toEqual(['inbox']);
  }, 120_000);
});

describe('cancelling', () => {
  it('stops a batch: unfinished files are dropped with their work, nothing half-filed remains', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => scanForm({ title: `附件 ${n}`, fields: [{ label: '页码', value: String(n) }] }, { dpi: 200, seed: 100 + n })));
    const service = runtime.current();
    const batchId = await service.startBatch('drop', null);
    await service.addFile(batchId, 'first.pdf', await scannedPdf(pages.slice(0, 3), 200));
    await service.addFile(batchId, 'second.pdf', await scannedPdf(pages.slice(3), 200));
    await service.closeBatch(batchId);
    await expect.poll(async () => (await service.batches(20)).find((b) => b.batchId === batchId)?.pagesDone ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    await service.cancel(batchId);
    await service.idle();
    const files = await agent.db.call('ingest.files', { actorId: agent.user.id, batchId });
    expect(files.map((f) => f.state)).toContain('cancelled');
    for (const file of files.filter((f) => f.state === 'cancelled')) expect(file).toMatchObject({ outcome: 'cancelled', documents: [], pagesDone: 0 });
    const [batch] = (await service.batches(20)).filter((b) => b.batchId === batchId);
    expect(batch!.state).toBe('cancelled');
    expect((await verifyArchive(dir, 'admin', adminPassword)).firstProblem).toBeNull();
  }, 120_000);
});

describe('quarantine', () => {
  it('refuses a file that is no image with a reason, keeps it encrypted and lets the archivist release or delete it', async () => {
    const [report] = await ingest([{ name: 'scan.jpg', bytes: randomBytes(4096) }]);
    expect(report).toMatchObject({ outcome: 'rejected', reason: 'unknownFormat', documents: [] });
    const held = await archivist.db.call('quarantine.list', { actorId: archivist.user.id });
    expect(held.map((q) => q.fileId)).toContain(report!.fileId);
    await expect(agent.db.call('quarantine.list', { actorId: agent.user.id })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });

    const archivistRuntime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: 'off' });
    await archivistRuntime.opened(archivist);
    try {
      await archivistRuntime.current().releaseFromQuarantine(report!.fileId);
      await archivistRuntime.current().idle();
      const again = await archivist.db.call('quarantine.list', { actorId: archivist.user.id });
      expect(again.find((q) => q.fileId === report!.fileId)).toMatchObject({ reason: 'unknownFormat' });
      await archivistRuntime.current().deleteFromQuarantine(report!.fileId);
      expect((await archivist.db.call('quarantine.list', { actorId: archivist.user.id })).map((q) => q.fileId)).not.toContain(report!.fileId);
    } finally {
      await archivistRuntime.dispose();
    }
    const verified = await verifyArchive(dir, 'admin', adminPassword);
    expect(verified.firstProblem).toBeNull();
  }, 60_000);

  it('refuses a hostile file name', async () => {
    const scan = await scanForm(healthDeclaration(wang), { dpi: 200, seed: 7 });
    const [report] = await ingest([{ name: 'invoice\u202Egpj.exe', bytes: scan }]);
    expect(report).toMatchObject({ outcome: 'rejected', reason: 'badFileName' });
    expect(report!.fileName).not.toContain('\u202E');
  });
});

describe('inbox and viewer', () => {
  async function inboxDocument(): Promise<string> {
    const pages = [
      await scanForm({ title: '健康告知书', fields: [{ label: '被保险人', value: '王芳' }] }, { dpi: 200 }),
      await scanForm({ title: '附页', fields: [{ label: '备注', value: '无' }] }, { dpi: 200 }),
      await scanForm({ title: '附页二', fields: [{ label: '备注', value: '无' }] }, { dpi: 200 }),
    ];
    const [report] = await ingest([{ name: 'unsorted.pdf', bytes: await scannedPdf(pages, 200) }]);
    expect(report!.documents[0]!.state).toBe('inbox');
    return report!.documents[0]!.documentId;
  }

  it('splits, reorders, merges, rotates and deletes pages, then files the document as corrected', async () => {
    const documentId = await inboxDocument();
    const call = archivist.db;
    const actorId = archivist.user.id;
    const doc = await call.call('inbox.get', { actorId, documentId });
    const [p1, p2, p3] = doc.pages.map((p) => p.pageId);
    const { documentIds } = await call.call('inbox.split', { actorId, documentId, beforePageId: p2! });
    expect((await call.call('inbox.get', { actorId, documentId: documentIds[1]! })).pages.map((p) => p.pageId)).toEqual([p2, p3]);
    await call.call('inbox.reorder', { actorId, documentId: documentIds[1]!, pageIds: [p3!, p2!] });
    const { documentId: merged } = await call.call('inbox.merge', { actorId, documentIds: [documentId, documentIds[1]!] });
    expect((await call.call('inbox.get', { actorId, documentId: merged })).pages.map((p) => p.pageId)).toEqual([p1, p3, p2]);
    expect(await call.call('pages.rotate', { actorId, pageId: p1!, rotation: 90 })).toMatchObject({ rotation: 90 });
    const { free } = await call.call('inbox.deletePage', { actorId, pageId: p2! });
    await runtime.current().removeBlobs(free);
    await expect(call.call('inbox.reorder', { actorId, documentId: merged, pageIds: [p1!] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const filed = await call.call('inbox.confirm', { actorId, documentId: merged, customerId: wangId, policyId: null, documentTypeId: types.get('health_declaration')! });
    expect(filed).toMatchObject({ state: 'filed', customerId: wangId, documentTypeCode: 'health_declaration', pages: [expect.objectContaining({ pageId: p1, rotation: 90 }), expect.objectContaining({ pageId: p3 })] });
    await expect(call.call('inbox.confirm', { actorId, documentId: merged, customerId: wangId, policyId: null, documentTypeId: types.get('health_declaration')! })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const verified = await verifyArchive(dir, 'admin', adminPassword);
    expect(verified.firstProblem).toBeNull();
  }, 120_000);

  it('reads an inbox document again and proposes anew', async () => {
    const documentId = await inboxDocument();
    const item = await rereadDocument(archivist, runtime, documentId);
    expect(item.pages.every((p) => p.textSource === 'ocr')).toBe(true);
    expect(item.proposal.documentType?.code).toBe('health_declaration');
  }, 120_000);

  it('serves page images only to users who may see them, upright, and records views, prints and exports', async () => {
    const [report] = await ingest([{ name: 'id.jpg', bytes: await scanForm(applicationForm({ ...wang, policyNumber: '' }), { dpi: 200 }) }]);
    const documentId = report!.documents[0]!.documentId;
    expect(report!.documents[0]!.state).toBe('filed');
    const opened = await archivist.db.call('documents.open', { actorId: archivist.user.id, documentId, purpose: '核对' });
    expect(opened).toMatchObject({ canPrint: true, canExport: true });
    const sessionsOf = (session: ArchiveSession | null) => ({ current: () => { if (!session) throw new Error('locked'); return session; } }) as unknown as SessionManager;
    const pageId = opened.pages[0]!.pageId;
    const image = await pageImage(sessionsOf(archivist), pageId, 'full');
    expect(image?.type).toBe('image/jpeg');
    expect(await pageImage(sessionsOf(admin), pageId, 'full')).toBeNull();
    expect(await pageImage(sessionsOf(null), pageId, 'thumb')).toBeNull();

    await expect(agent.db.call('documents.export', { actorId: agent.user.id, documentId })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    const pdf = await exportDocumentPdf(archivist, documentId);
    expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(1);
    expect(pdf.name).toContain('王芳');
    await archivist.db.call('documents.recordPrint', { actorId: archivist.user.id, documentId });
    const db = rawDatabase(`${dir}/archive.db`, recoveryKey);
    try {
      const actions = db.prepare('SELECT action, purpose FROM audit_log WHERE object_id = ? AND actor_id = ? ORDER BY seq').all(documentId, archivist.user.id);
      expect(actions).toEqual([
        { action: 'document.view', purpose: '核对' },
        { action: 'document.export', purpose: null },
        { action: 'document.print', purpose: null },
      ]);
    } finally {
      db.close();
    }
  }, 120_000);
});
