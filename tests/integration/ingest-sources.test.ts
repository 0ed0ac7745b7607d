import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../electron/archive/archive.js';
import { IngestRuntime } from '../../electron/ingest/runtime.js';
import { createScannerAdapter } from '../../electron/ingest/sources/scanner.js';
import { EventHub } from '../../electron/ipc/router.js';
import { TaskTracker } from '../../electron/services/tasks.js';
import { newArchive, tempDir } from '../support/archive.js';
import { scanForm } from '../support/scans.js';

/**
 * The sources wired to the pipeline: a hot folder configured in the archive (the watcher reads a
 * stable file, the archive takes it, the plaintext scan leaves the shared folder) and a scanner
 * (SANE's test backend through SANE_CONFIG_DIR) whose pages become one batch.
 */

let session: ArchiveSession;
let runtime: IngestRuntime;
const folder = join(tempDir(), 'scanner-share');
const sane = tempDir('dossier-sane-');

beforeAll(async () => {
  mkdirSync(folder);
  writeFileSync(join(sane, 'dll.conf'), 'test\n');
  writeFileSync(join(sane, 'test.conf'), 'number_of_devices 1\n');
  ({ session } = await newArchive());
  await session.db.call('hotFolders.add', { actorId: session.user.id, name: '前台扫描仪', path: folder, mode: 'poll' });
  const [row] = await session.db.call('hotFolders.enabled');
  await session.db.call('hotFolders.update', { actorId: session.user.id, id: row!.id, changes: { intervalSeconds: 1, stabilitySeconds: 1 } });
  runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), {
    ocr: 'off',
    watchFolders: true,
    scanner: createScannerAdapter('linux', { ...process.env, SANE_CONFIG_DIR: sane }),
  });
  await runtime.opened(session);
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  await session?.close();
});

describe('sources', () => {
  it('ingests a file from a hot folder once it is stable, then removes the plaintext scan from the folder', async () => {
    const path = join(folder, 'scan-0001.jpg');
    writeFileSync(path, await scanForm({ title: '客户来信', fields: [] }, { dpi: 200 }));
    await expect.poll(() => existsSync(path), { timeout: 20_000, interval: 250 }).toBe(false);
    await runtime.current().idle();
    const [batch] = await runtime.current().batches(5);
    expect(batch).toMatchObject({ source: 'hot_folder', label: '前台扫描仪', files: 1, pages: 1 });
    const [state] = runtime.hotFolderStates(await session.db.call('hotFolders.list', { actorId: session.user.id }));
    expect(state!.problem).toBeNull();
  }, 30_000);

  it('scans a feeder stack into one batch, one acknowledged file per sheet', async () => {
    const [device] = await runtime.scanner.list();
    expect(device).toMatchObject({ id: 'test:0', feeder: true });
    const batchId = await runtime.scan({ deviceId: 'test:0', resolution: 200, colorMode: 'gray', source: 'feeder', duplex: false });
    await expect.poll(async () => (await runtime.current().batches(10)).find((b) => b.batchId === batchId)?.state, { timeout: 60_000, interval: 250 }).toBe('done');
    const files = await session.db.call('ingest.files', { actorId: session.user.id, batchId });
    expect(files.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = files;
    expect(first).toMatchObject({ fileName: 'scan-0001.png', outcome: 'inbox', format: 'png', minDpi: 200, pages: 1 });
    // The test backend draws every sheet alike: the same content again is a duplicate, not a second page.
    expect(rest.map((f) => [f.outcome, f.duplicateOf])).toEqual(rest.map(() => ['duplicate', first!.fileId]));
  }, 90_000);
});
