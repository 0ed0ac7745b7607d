import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HotFolderAnswer, type HotFolderFile, type HotFolderOptions, HotFolderWatcher } from '../../electron/ingest/sources/hot-folder.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}

interface Handed {
  name: string;
  size: number;
  content: Buffer;
  at: number;
}

const watchers: HotFolderWatcher[] = [];
afterEach(async () => {
  for (const watcher of watchers.splice(0)) await watcher.stop();
});

/** A watcher on a fresh folder that records what it is handed and the problems it reports. */
function setup(overrides: Partial<HotFolderOptions> & { answer?: (file: HotFolderFile, times: number) => HotFolderAnswer } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-hot-'));
  const handed: Handed[] = [];
  const problems: (string | null)[] = [];
  let active = 0;
  let mostActive = 0;
  const { answer = () => 'acknowledged', ...options } = overrides;
  const watcher = new HotFolderWatcher({
    path: dir,
    mode: 'watch',
    intervalSeconds: 1,
    stabilitySeconds: 1,
    onFile: async (file) => {
      active++;
      mostActive = Math.max(mostActive, active);
      handed.push({ name: file.name, size: file.size, content: await readFile(file.path), at: Date.now() });
      await sleep(100);
      active--;
      return answer(file, handed.filter((h) => h.name === file.name).length);
    },
    onProblem: (code) => problems.push(code),
    ...options,
  });
  watchers.push(watcher);
  return { dir, watcher, handed, problems, mostActive: () => mostActive };
}

describe('hot folder', () => {
  it('waits until a slowly written file has stopped changing, hands it over whole and deletes it', async () => {
    const { dir, watcher, handed, problems } = setup();
    watcher.start();
    const content = randomBytes(64 * 1024);
    const file = join(dir, 'scan 001.pdf');
    // Ten chunks over about two seconds, as a scanner writing over the network.
    for (let i = 0; i < 10; i++) {
      await appendFile(file, content.subarray(i * 6554, (i + 1) * 6554));
      await sleep(200);
    }
    const written = Date.now();
    await until(() => handed.length === 1 && !existsSync(file));
    expect(handed[0]!.at).toBeGreaterThanOrEqual(written);
    expect(handed[0]).toMatchObject({ name: 'scan 001.pdf', size: content.length });
    expect(handed[0]!.content.equals(content)).toBe(true);
    expect(problems).toEqual([null]);
  });

  it('polls a folder without notifications, one file at a time in name order, then reports the stack complete', async () => {
    let idle = 0;
    const { dir, watcher, handed, mostActive } = setup({ mode: 'poll', onIdle: async () => void idle++ });
    for (const name of ['scan 10.png', 'scan 2.png', 'scan 1.png']) writeFileSync(join(dir, name), name);
    watcher.start();
    await until(() => handed.length === 3);
    expect(handed.map((h) => h.name)).toEqual(['scan 1.png', 'scan 2.png', 'scan 10.png']);
    expect(handed.map((h) => h.content.toString())).toEqual(['scan 1.png', 'scan 2.png', 'scan 10.png']);
    expect(mostActive()).toBe(1);
    await until(() => readdirSync(dir).length === 0 && idle === 1);
    await sleep(1200);
    expect(idle).toBe(1);
  });

  it('ignores hidden files, names scanners write under, empty files and subfolders', async () => {
    const { dir, watcher, handed } = setup();
    const ignored = ['.hidden.png', 'page.tmp', '~page.png', 'page.PART', 'page.crdownload', 'Thumbs.db', 'empty.png'];
    for (const name of ignored) writeFileSync(join(dir, name), name === 'empty.png' ? '' : name);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inside.png'), 'inside');
    writeFileSync(join(dir, 'real.png'), 'real');
    watcher.start();
    await until(() => handed.length === 1 && !existsSync(join(dir, 'real.png')));
    await sleep(1500);
    expect(handed.map((h) => h.name)).toEqual(['real.png']);
    expect(readdirSync(dir).sort()).toEqual([...ignored, 'sub'].sort());
  });

  it("keeps a file answered 'retry' and offers it again later; 'skip' leaves it alone", async () => {
    const { dir, watcher, handed } = setup({ answer: (file, times) => (file.name === 'big.tif' ? 'skip' : times === 1 ? 'retry' : 'acknowledged') });
    writeFileSync(join(dir, 'a.png'), 'a');
    writeFileSync(join(dir, 'big.tif'), 'big');
    watcher.start();
    await until(() => handed.filter((h) => h.name === 'a.png').length === 1);
    await sleep(300);
    expect(existsSync(join(dir, 'a.png'))).toBe(true);
    await until(() => handed.filter((h) => h.name === 'a.png').length === 2 && !existsSync(join(dir, 'a.png')));
    const [first, second] = handed.filter((h) => h.name === 'a.png');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    await sleep(1500);
    expect(handed.filter((h) => h.name === 'big.tif')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['big.tif']);
  });

  it('reports an unreachable folder and recovers, taking the file dropped meanwhile', async () => {
    const { dir, watcher, handed, problems } = setup();
    watcher.start();
    await until(() => problems.length === 1);
    const away = `${dir}-away`;
    renameSync(dir, away);
    await until(() => problems.at(-1) === 'unreachable');
    writeFileSync(join(away, 'dropped.png'), 'dropped');
    await sleep(500);
    renameSync(away, dir);
    await until(() => problems.at(-1) === null && handed.length === 1);
    expect(problems).toEqual([null, 'unreachable', null]);
    expect(handed[0]!.content.toString()).toBe('dropped');
    // Watching again: a new file is seen at once, not at the minute's safety rescan.
    writeFileSync(join(dir, 'next.png'), 'next');
    await until(() => handed.length === 2, 5_000);
  });

  it('remembers a file it could not delete, reports it, and deletes it once it can', async () => {
    const { dir, watcher, handed, problems } = setup({ mode: 'poll' });
    const file = join(dir, 'locked.png');
    writeFileSync(file, 'locked');
    const unlock = preventDeletion(dir, file);
    try {
      watcher.start();
      await until(() => problems.at(-1) === 'cannotDelete');
      await sleep(2500);
      expect(handed).toHaveLength(1);
      expect(existsSync(file)).toBe(true);
    } finally {
      unlock();
    }
    await until(() => !existsSync(file) && problems.at(-1) === null);
    expect(handed).toHaveLength(1);
    expect(problems).toEqual([null, 'cannotDelete', null]);
  });
});

/** Makes a file undeletable: a read-only folder, or (root ignores that) the immutable attribute. */
function preventDeletion(dir: string, file: string): () => void {
  if (process.getuid?.() !== 0) {
    spawnSync('chmod', ['a-w', dir]);
    return () => spawnSync('chmod', ['u+w', dir]);
  }
  const locked = spawnSync('chattr', ['+i', file]);
  if (locked.status !== 0) throw new Error('chattr +i failed: the file system does not support the immutable attribute');
  return () => spawnSync('chattr', ['-i', file]);
}
