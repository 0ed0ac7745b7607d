import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanOptions } from '../../shared/ipc/methods/ingest.js';
import { SaneScanner } from '../../electron/ingest/sources/sane.js';
import { createScannerAdapter } from '../../electron/ingest/sources/scanner.js';

/**
 * Real scanimage against SANE's `test` backend, enabled through SANE_CONFIG_DIR in a temp folder
 * (the system's /etc/sane.d is never touched). Its feeder holds 10 sheets per opened device; its
 * pictures are 80 × 100 mm.
 */
const root = mkdtempSync(join(tmpdir(), 'dossier-sane-'));

/** A SANE configuration with only the test backend, its initial values set by `test.conf` lines. */
function saneConfig(name: string, testConf: string[]): NodeJS.ProcessEnv {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  writeFileSync(join(dir, 'test.conf'), ['number_of_devices 1', 'test-picture "Color pattern"', ...testConf, ''].join('\n'));
  return { ...process.env, SANE_CONFIG_DIR: dir };
}

const env = saneConfig('plain', []);
// 200 ms after every 32 KiB: a grey 300 dpi page takes about 7 s.
const slowEnv = saneConfig('slow', ['read-delay true', 'read-delay-duration 200000']);
const emptyFeederEnv = saneConfig('empty', ['read-status-code "SANE_STATUS_NO_DOCS"']);

const options = (overrides: Partial<ScanOptions> = {}): ScanOptions => ({ deviceId: 'test:0', resolution: 300, colorMode: 'color', source: 'flatbed', duplex: false, ...overrides });

async function collect(scanner: SaneScanner, scanOptions: ScanOptions, signal?: AbortSignal) {
  const pages: { image: Buffer; pageNo: number }[] = [];
  const result = await scanner.scan(scanOptions, async (image, pageNo) => void pages.push({ image, pageNo }), signal);
  return { ...result, pages };
}

/** scanimage processes started with this SANE configuration that are still alive. */
function runningScanimage(saneEnv: NodeJS.ProcessEnv): number[] {
  const marker = `SANE_CONFIG_DIR=${saneEnv.SANE_CONFIG_DIR}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('scanimage') && `${readFileSync(`/proc/${pid}/environ`, 'utf8')}\0`.includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(root, 'work-'));
});
afterAll(() => {
  expect(readdirSync(workDir)).toEqual([]);
});

describe('SANE scanner adapter (scanimage, test backend)', () => {
  it('lists the test device with its feeder', async () => {
    const scanners = await createScannerAdapter('linux', env).list();
    expect(scanners).toEqual([{ id: 'test:0', name: 'Noname frontend-tester', feeder: true, duplex: false }]);
  });

  it('scans one flatbed page as PNG at the requested resolution', async () => {
    const scanner = new SaneScanner({ env, workDir });
    const started = Date.now();
    const result = await collect(scanner, options({ resolution: 300 }));
    const seconds = (Date.now() - started) / 1000;
    expect(result.pages.map((page) => page.pageNo)).toEqual([1]);
    expect(result.pages).toHaveLength(1);
    const meta = await sharp(result.pages[0]!.image).metadata();
    expect(meta).toMatchObject({ format: 'png', density: 300, channels: 3 });
    // 80 × 100 mm at 300 dpi.
    expect(meta.width).toBeCloseTo((80 / 25.4) * 300, -1);
    expect(meta.height).toBeCloseTo((100 / 25.4) * 300, -1);
    expect(seconds).toBeLessThan(5);
  });

  it('scans grey and black-and-white pages in those modes', async () => {
    const scanner = new SaneScanner({ env, workDir });
    const gray = (await collect(scanner, options({ colorMode: 'gray', resolution: 150 }))).pages[0]!.image;
    expect(await sharp(gray).metadata()).toMatchObject({ channels: 1, density: 150, bitsPerSample: 8 });
    // The test backend has no lineart mode: grey at one bit per pixel stands in.
    const bw = (await collect(scanner, options({ colorMode: 'bw', resolution: 200 }))).pages[0]!.image;
    expect(await sharp(bw).metadata()).toMatchObject({ channels: 1, density: 200, bitsPerSample: 1 });
    const colour = (await collect(scanner, options({ colorMode: 'color', resolution: 150 }))).pages[0]!.image;
    const { channels } = await sharp(colour).stats();
    // The colour pattern really is in colour: the channels differ.
    expect(new Set(channels.slice(0, 3).map((channel) => Math.round(channel.mean))).size).toBeGreaterThan(1);
  });

  it('scans the whole feeder stack in one batch, handing pages over as they come, never writing them to disk', async () => {
    const scanner = new SaneScanner({ env, workDir });
    const onDisk: string[] = [];
    const pages: number[] = [];
    const result = await scanner.scan(options({ source: 'feeder', colorMode: 'gray', resolution: 150 }), async (image, pageNo) => {
      pages.push(pageNo);
      expect((await sharp(image).metadata()).format).toBe('png');
      // What scanimage writes to: links and one named pipe, no regular file.
      for (const dir of readdirSync(workDir)) {
        for (const name of readdirSync(join(workDir, dir))) {
          // scanimage renames the links as it goes.
          const stats = lstatSync(join(workDir, dir, name), { throwIfNoEntry: false });
          if (stats && !stats.isSymbolicLink() && !stats.isFIFO()) onDisk.push(name);
        }
      }
    });
    expect(result.pages).toBe(10);
    expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(onDisk).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('stops a feeder scan at the page limit', async () => {
    const scanner = new SaneScanner({ env, workDir, maxFeederPages: 3 });
    expect((await collect(scanner, options({ source: 'feeder', colorMode: 'gray', resolution: 150 }))).pages).toHaveLength(3);
  });

  it('stops scanimage when aborted and rejects with the reason', async () => {
    const scanner = new SaneScanner({ env: slowEnv, workDir });
    const controller = new AbortController();
    const scanning = collect(scanner, options({ colorMode: 'gray' }), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(runningScanimage(slowEnv)).toHaveLength(1);
    const aborted = Date.now();
    controller.abort(new Error('cancelled by the user'));
    await expect(scanning).rejects.toThrow('cancelled by the user');
    expect(Date.now() - aborted).toBeLessThan(3_500);
    expect(runningScanimage(slowEnv)).toEqual([]);
  });

  it('passes on a rejection from the page consumer and stops scanning', async () => {
    const scanner = new SaneScanner({ env, workDir });
    let calls = 0;
    const consumer = async () => {
      calls++;
      throw new Error('archive locked');
    };
    await expect(scanner.scan(options({ source: 'feeder', colorMode: 'gray', resolution: 150 }), consumer)).rejects.toThrow('archive locked');
    expect(calls).toBe(1);
    expect(runningScanimage(env)).toEqual([]);
  });

  it('reports an empty feeder, an unknown device and a missing duplex unit as SCANNER_FAILED', async () => {
    await expect(new SaneScanner({ env: emptyFeederEnv, workDir }).scan(options({ source: 'feeder' }), async () => undefined)).rejects.toMatchObject({
      code: 'SCANNER_FAILED',
      // Exit 7 (no documents) as a rule; the test backend's reader thread, cut off by the cancel, now
      // and then takes a SIGPIPE that makes scanimage exit 0 instead.
      details: { detail: expect.stringMatching(/^scanimage exit [07]: sane_read: Document feeder out of documents$/), pages: 0 },
    });
    await expect(new SaneScanner({ env, workDir }).scan(options({ deviceId: 'nonesuch:0' }), async () => undefined)).rejects.toMatchObject({
      code: 'SCANNER_FAILED',
      details: { detail: 'scanimage exit 1: open of device <device> failed: Invalid argument' },
    });
    await expect(new SaneScanner({ env, workDir }).scan(options({ source: 'feeder', duplex: true }), async () => undefined)).rejects.toMatchObject({
      code: 'SCANNER_FAILED',
      details: { detail: 'device has no duplex feeder' },
    });
  });

  it('reports a missing scanimage as SCANNER_FAILED', async () => {
    await expect(new SaneScanner({ env, command: join(root, 'no-scanimage') }).list()).rejects.toMatchObject({
      code: 'SCANNER_FAILED',
      details: { detail: 'cannot run scanimage: ENOENT' },
    });
  });
});
