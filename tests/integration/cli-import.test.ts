import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser } from '../../electron/archive/archive.js';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { newArchive, tempDir } from '../support/archive.js';
import { applicationForm, scanForm } from '../support/scans.js';

async function cli(args: string[], lang = 'en_US.UTF-8') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { LANG: lang }, readStdin: async () => '' };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dossier import', () => {
  it('ingests a folder and reports each file: filed with customer, type, pages, resolution and flags; rejected with the reason', async () => {
    const { dir, session } = await newArchive();
    await addUser(session, { username: 'agent', displayName: '李娜', role: 'agent', password: 'agent-password' });
    const zhang = { name: '张伟', idNumber: '11010519491231002X', mobile: '13812345678' };
    await session.db.call('customers.create', { actorId: session.user.id, customer: { type: 'individual', ...zhang } });
    await session.close();

    const work = tempDir();
    const folder = join(work, 'scans');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-application.jpg'), await scanForm(applicationForm(zhang), { dpi: 150 }));
    writeFileSync(join(folder, 'b-notes.txt.png'), 'not an image at all');
    const passwordFile = join(work, 'password');
    writeFileSync(passwordFile, 'agent-password');
    const args = ['import', '--data', dir, '--user', 'agent', '--password-file', passwordFile, '--ocr', 'native', folder];

    const json = await cli([...args, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out);
    expect(report).toEqual([
      expect.objectContaining({
        file: 'a-application.jpg',
        outcome: 'filed',
        pages: 1,
        minDpi: 150,
        flags: ['lowResolution'],
        documents: [expect.objectContaining({ customer: '张伟', documentType: 'application_form', pages: 1, state: 'filed' })],
      }),
      expect.objectContaining({ file: 'b-notes.txt.png', outcome: 'rejected', reason: 'unknownFormat', documents: [] }),
    ]);

    // Again, in Chinese: the same files are now duplicates, and the lines say so.
    const text = await cli(args, 'zh_CN.UTF-8');
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toEqual([expect.stringContaining('档案库中已有'), expect.stringContaining('档案库中已有')]);
  }, 120_000);

  it('refuses missing paths and unknown OCR modes as bad usage', async () => {
    expect((await cli(['import', '--data', tempDir(), '--user', 'x', '/nonexistent/scan.pdf'])).code).toBe(2);
    expect((await cli(['import', '--data', tempDir(), '--user', 'x', '--ocr', 'magic', tempDir()])).code).toBe(2);
    expect((await cli(['import', '--data', tempDir(), '--user', 'x'])).code).toBe(2);
  });
});
