import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, verifyArchive } from '../../electron/archive/archive.js';
import { seededRandom } from '../../electron/demo/generate.js';
import { encodeCoverSheet } from '../../electron/ingest/recognise/cover-sheet.js';
import { adminPassword, newArchive, rawDatabase, tempDir } from '../support/archive.js';
import { coverSheetScan } from '../support/cover-sheets.js';
import { scanForm, scannedPdf } from '../support/scans.js';

/**
 * Power cut during ingest (REQUIREMENTS §6): `dossier import` is killed with SIGKILL at random
 * moments, again and again, then run to the end. Every file must end up filed exactly once, with
 * all its pages and none twice; the archive must verify clean (no stored page it does not list,
 * none it lists missing, the audit chain whole).
 */

function runImport(args: string[], killAfterMs: number | null): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/dossier.js', 'import', ...args], { stdio: 'ignore' });
    let killed = false;
    const timer = killAfterMs === null ? null : setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, killed });
    });
  });
}

describe('ingest after crashes', () => {
  it('files every acknowledged file exactly once, whole, however often the process is killed', async () => {
    const { dir, session, recoveryKey } = await newArchive();
    await addUser(session, { username: 'agent', displayName: '李娜', role: 'agent', password: 'agent-password' });
    const customer = await session.db.call('customers.create', {
      actorId: session.user.id,
      customer: { type: 'individual', name: '张伟', idNumber: '11010519491231002X', mobile: '13812345678' },
    });
    const archiveId = session.archiveId;
    await session.close();

    const input = tempDir();
    const files = join(input, 'scans');
    mkdirSync(files);
    const sheet = (code: string) => coverSheetScan(encodeCoverSheet({ archiveId, customerId: customer.id, policyId: null, documentTypeCode: code, batchLabel: 'crash' }), ['张伟'], { dpi: 150 });
    const page = (title: string) => scanForm({ title, fields: [{ label: '页', value: title }] }, { dpi: 150, format: 'jpeg' });
    // Expected documents per file: [pages of each document].
    const expected = new Map<string, number[]>();
    const add = (name: string, bytes: Buffer, documents: number[]) => {
      writeFileSync(join(files, name), bytes);
      expected.set(createHash('sha256').update(bytes).digest('hex'), documents);
    };
    add('01-stack.pdf', await scannedPdf([await sheet('id_copy'), await page('身份证正面'), await page('身份证反面'), await sheet('pi_consent'), await page('授权书')], 150), [2, 1]);
    add('02-loose.jpg', await page('散页一'), [1]);
    add('03-stack.pdf', await scannedPdf([await sheet('application_form'), await page('投保单一'), await page('投保单二'), await page('投保单三')], 150), [3]);
    add('04-loose.jpg', await page('散页二'), [1]);
    add('05-loose.pdf', await scannedPdf([await page('说明一'), await page('说明二')], 150), [2]);
    const passwordFile = join(input, 'password');
    writeFileSync(passwordFile, 'agent-password\n');
    const args = ['--data', dir, '--user', 'agent', '--password-file', passwordFile, '--ocr', 'off', '--json', files];

    // Kill at random moments until a run gets to the end by itself: every kill hit unfinished work.
    const rng = seededRandom(5150);
    let kills = 0;
    for (let attempt = 0; attempt < 30; attempt++) {
      const { killed } = await runImport(args, 200 + Math.floor(rng() * 3000));
      if (!killed) break;
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const final = await runImport(args, null);
    expect(final.code).toBe(0);

    const db = rawDatabase(join(dir, 'archive.db'), recoveryKey);
    try {
      expect(db.prepare("SELECT count(*) FROM ingest_files WHERE state IN ('queued', 'processing')").pluck().get()).toBe(0);
      for (const [sha256, documents] of expected) {
        expect(db.prepare("SELECT count(*) FROM ingest_files WHERE sha256 = ? AND state = 'done'").pluck().get(sha256)).toBe(1);
        const pages = db
          .prepare('SELECT (SELECT count(*) FROM pages p WHERE p.document_id = d.id) FROM documents d WHERE d.sha256 = ? ORDER BY d.created_at, d.id')
          .pluck()
          .all(sha256);
        expect(pages).toEqual(documents);
      }
      const filed = db.prepare("SELECT count(*) FROM documents WHERE state = 'filed' AND customer_id = ?").pluck().get(customer.id);
      expect(filed).toBe(3);
    } finally {
      db.close();
    }
    const report = await verifyArchive(dir, 'admin', adminPassword);
    expect(report.firstProblem).toBeNull();
  }, 240_000);
});
