import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser, archivePaths, createArchive } from '../../electron/archive/archive.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { IngestRuntime } from '../../electron/ingest/runtime.js';
import { EventHub } from '../../electron/ipc/router.js';
import { TaskTracker } from '../../electron/services/tasks.js';
import { adminPassword, filesUnder, tempDir, testPolicy } from '../support/archive.js';

/**
 * Nothing personal reaches the disk in plaintext: not customer data in stored pages, not the
 * purpose written to the audit log, not staff display names or the branch name in the database,
 * not an ingested scan's text, file name or image, neither while the archive is open
 * (write-ahead log present) nor after it is closed.
 */

const adminDisplayName = '王秀英';
const branchName = '上海浦东新区支公司';
const customer = { name: '张伟', residentId: '11010519491231002X', phone: '13812345678', address: '北京市朝阳区' };
const purpose = '理赔审核';
const secrets = [customer.name, customer.residentId, customer.phone, customer.address, purpose, adminDisplayName, branchName];

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface Hit {
  file: string;
  text: string;
  encoding: string;
}

function scan(dir: string, needles: { text: string; encoding: string; bytes: Buffer }[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file);
    for (const needle of needles) {
      if (content.includes(needle.bytes)) hits.push({ file: relative(dir, file), text: needle.text, encoding: needle.encoding });
    }
  }
  return hits;
}

function encodings(text: string) {
  return [
    { text, encoding: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { text, encoding: 'utf-16le', bytes: Buffer.from(text, 'utf16le') },
  ];
}

describe('plaintext on disk', () => {
  it('holds no customer data, purpose, display name, branch name or key, open or closed', async () => {
    const root = tempDir('dossier-plaintext-');
    roots.push(root);
    const dir = join(root, 'archive');
    const { session, recoveryKey } = await createArchive(dir, { username: 'admin', displayName: adminDisplayName, password: adminPassword, branchName }, testPolicy);
    let open = true;
    try {
      await addUser(session, { username: 'zhang.wei', displayName: customer.name, role: 'agent', password: 'agent-pass-1' });
      const page = Buffer.concat([randomBytes(1000), Buffer.from(`${customer.name} ${customer.residentId} ${customer.phone} ${customer.address}`, 'utf8'), randomBytes(3000)]);
      const id = await session.pages.put(page);
      await session.db.call('blobs.register', { id, size: page.length });
      // The customer record and its search index live in the encrypted database too.
      await session.db.call('customers.create', {
        actorId: session.user.id,
        customer: { type: 'individual', name: customer.name, idNumber: customer.residentId, mobile: customer.phone, address: `${customer.address}建国路1号` },
      });
      await session.db.call('audit.append', {
        actorId: session.user.id,
        branchId: session.user.branchId,
        action: 'page.view',
        objectType: 'page',
        objectId: id,
        purpose,
        outcome: 'success',
      });
      expect(await session.pages.get(id)).toEqual(page);

      // A born-digital PDF whose text layer names the customer, ingested under the customer's
      // name: the original, its page image, thumbnail and text all land encrypted.
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      pdf.addPage([595, 842]).drawText(`ID ${customer.residentId} mobile ${customer.phone}`, { x: 50, y: 700, size: 14, font });
      const runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: 'off' });
      await runtime.opened(session);
      try {
        const service = runtime.current();
        const batchId = await service.startBatch('drop', null);
        await service.addFile(batchId, `${customer.name}-身份证.pdf`, Buffer.from(await pdf.save()));
        await service.closeBatch(batchId);
        await service.idle();
        const [report] = await session.db.call('ingest.files', { actorId: session.user.id, batchId });
        expect(report).toMatchObject({ outcome: 'inbox', format: 'pdf', pages: 1 });
      } finally {
        await runtime.dispose();
      }

      const needles = [
        ...secrets.flatMap(encodings),
        ...encodings(recoveryKey),
        { text: 'recovery key (raw bytes)', encoding: 'binary', bytes: Buffer.from(recoveryKey, 'hex') },
      ];

      // While open: the write-ahead log holds the latest changes.
      const wal = `${archivePaths(dir).db}-wal`;
      expect(statSync(wal).size).toBeGreaterThan(0);
      expect(scan(dir, needles)).toEqual([]);

      await session.close();
      open = false;
      expect(scan(dir, needles)).toEqual([]);

      // The scanner does find what is there: the manifest holds login names, by design.
      expect(scan(dir, encodings('zhang.wei'))).toEqual([{ file: 'dossier.json', text: 'zhang.wei', encoding: 'utf-8' }]);
    } finally {
      if (open) await session.close();
    }
  });
});
