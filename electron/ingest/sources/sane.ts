import { spawn } from 'node:child_process';
import { close, constants, open } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DossierError } from '../../../shared/ipc/errors.js';
import type { ScanOptions, Scanner } from '../../../shared/ipc/methods/ingest.js';
import { PngStreamSplitter } from './png-stream.js';
import { PageQueue } from './page-queue.js';
import { runCommand, stopGently } from './run-command.js';
import { deviceFeatures, parseOptionTable, scanArguments, type SaneOptionTable } from './sane-options.js';
import type { ScannerAdapter } from './scanner.js';

const openFd = promisify(open);
const closeFd = promisify(close);

export interface SaneSettings {
  /** Environment for scanimage; SANE_CONFIG_DIR there selects the backends (tests use `test`). */
  env?: NodeJS.ProcessEnv;
  /** The scanimage program; default `scanimage` from PATH. */
  command?: string;
  /**
   * Most pages one feeder scan may return (default 300: a full 100-sheet feeder in duplex, with
   * room). It bounds a backend that never reports an empty feeder, and each page costs two links.
   */
  maxFeederPages?: number;
  /** Where a scan's named pipe and its links live; default the system temp folder. Never holds image data. */
  workDir?: string;
}

const listTimeoutMs = 60_000;
const optionsTimeoutMs = 30_000;
/** scanimage cancels the scanner on SIGTERM and exits; a driver stuck in USB I/O gets SIGKILL after this. */
const killGraceMs = 3_000;
/** scanimage exits with the SANE status; 7 is SANE_STATUS_NO_DOCS (the feeder ran empty). */
const noDocuments = 7;

function failed(detail: string, extra: Record<string, unknown> = {}): DossierError {
  return new DossierError('SCANNER_FAILED', { detail, ...extra });
}

/**
 * scanimage's report of a signal it caught. Backends that read the device on a thread of their own
 * (SANE's `test` backend among them) can take a SIGPIPE when scanimage cancels after an error,
 * which buries the error itself under these lines.
 */
const signalNoise = /^scanimage: (received signal \d+|aborting)$/;

/** scanimage's last complaint, e.g. "sane_start: Document feeder out of documents". */
function complaint(stderr: string, deviceId: string, code: number | null): string {
  const said = stderr.split(/\r?\n/).filter((line) => line.startsWith('scanimage: '));
  const lines = said.some((line) => !signalNoise.test(line)) ? said.filter((line) => !signalNoise.test(line)) : said;
  let last = lines.at(-1)?.slice('scanimage: '.length);
  if (last && deviceId) last = last.split(deviceId).join('<device>');
  return `scanimage exit ${code ?? 'killed'}${last ? `: ${last}` : ''}`;
}

/** `scanimage -f` output, one device per line: name, vendor, model separated by tabs. */
export function parseDeviceList(text: string): { id: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length === 3 && fields[0] !== '')
    .map(([id = '', vendor = '', model = '']) => ({ id, name: `${vendor} ${model}`.trim() || id }));
}

/**
 * Scanning through SANE's scanimage. Page images never touch the disk: scanimage's batch mode
 * insists on writing files (`p1.png.part`, renamed to `p1.png`), so every name it will use is
 * created beforehand as a symbolic link to one named pipe that we read. A pipe holds no data on
 * disk, and --batch-count stops scanimage before it runs out of links (past them it would
 * create real files). One process for the whole stack keeps the device open between sheets,
 * which duplex scanners need: they deliver the back of a sheet from the same session.
 */
export class SaneScanner implements ScannerAdapter {
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly maxFeederPages: number;
  private readonly workDir: string;
  /** Options per device; a device's capabilities do not change while it is plugged in. */
  private readonly tables = new Map<string, SaneOptionTable>();

  constructor(settings: SaneSettings = {}) {
    this.command = settings.command ?? 'scanimage';
    // Status texts come from SANE's message catalogue: untranslated, they can be matched and logged.
    this.env = { ...(settings.env ?? process.env), LC_ALL: 'C', LANGUAGE: '' };
    this.maxFeederPages = settings.maxFeederPages ?? 300;
    this.workDir = settings.workDir ?? tmpdir();
  }

  async list(): Promise<Scanner[]> {
    const result = await this.run(['-f', '%d\t%v\t%m%n'], listTimeoutMs);
    if (result.code !== 0) throw failed(complaint(result.stderr, '', result.code));
    const scanners: Scanner[] = [];
    // One at a time: some backends cannot open two devices (or one device twice) at once.
    for (const device of parseDeviceList(result.stdout)) {
      const features = await this.deviceOptions(device.id).then(deviceFeatures, () => ({ feeder: false, duplex: false }));
      scanners.push({ ...device, ...features });
    }
    return scanners;
  }

  async scan(options: ScanOptions, onPage: (image: Buffer, pageNo: number) => Promise<void>, signal?: AbortSignal): Promise<{ pages: number }> {
    signal?.throwIfAborted();
    const args = scanArguments(await this.deviceOptions(options.deviceId), options);
    const count = options.source === 'flatbed' ? 1 : this.maxFeederPages;
    const dir = await mkdtemp(join(this.workDir, 'dossier-scan-'));
    try {
      const made = await this.runTool('mkfifo', ['-m', '600', join(dir, 'pages')]).catch(() => null);
      if (made?.code !== 0) throw failed('cannot create the page pipe');
      // Older scanimage opens `p1.png` itself, newer `p1.png.part`: both lead to the pipe.
      for (let page = 1; page <= count; page++) {
        await symlink('pages', join(dir, `p${page}.png.part`));
        await symlink('pages', join(dir, `p${page}.png`));
      }
      // Relative to the folder, so nothing in its path is taken for a printf format.
      const batch = ['-d', options.deviceId, '--format=png', ...args, '--batch=p%d.png', '--batch-start=1', `--batch-count=${count}`];
      return await this.readBatch(dir, batch, options, onPage, signal);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async deviceOptions(deviceId: string): Promise<SaneOptionTable> {
    const known = this.tables.get(deviceId);
    if (known) return known;
    const result = await this.run(['-d', deviceId, '-A'], optionsTimeoutMs);
    if (result.code !== 0) throw failed(complaint(result.stderr, deviceId, result.code));
    const table = parseOptionTable(result.stdout);
    this.tables.set(deviceId, table);
    return table;
  }

  private async readBatch(
    dir: string,
    args: string[],
    options: ScanOptions,
    onPage: (image: Buffer, pageNo: number) => Promise<void>,
    signal: AbortSignal | undefined,
  ): Promise<{ pages: number }> {
    // Non-blocking so opening does not wait for a writer. Our own write end keeps the reader from
    // seeing end-of-file in the gap between two pages, when scanimage has the pipe closed.
    const pipe = join(dir, 'pages');
    const readFd = await openFd(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
    const holdFd = await openFd(pipe, constants.O_WRONLY);
    const reader = new Socket({ fd: readFd, readable: true, writable: false });
    const child = spawn(this.command, args, { cwd: dir, env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4096)));
    const stop = () => stopGently(child, killGraceMs);
    const pages = new PageQueue(onPage, stop, signal);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();

    const splitter = new PngStreamSplitter();
    reader.on('data', (chunk: Buffer) => {
      if (pages.failure !== null) return;
      try {
        for (const image of splitter.push(chunk)) pages.add(image);
      } catch {
        pages.fail(failed('scanimage wrote something other than PNG'));
      }
    });
    reader.on('error', (error: NodeJS.ErrnoException) => pages.fail(failed(`cannot read the page pipe: ${error.code ?? 'error'}`)));
    const drained = new Promise<void>((resolve) => reader.once('close', () => resolve()));

    const exit = await new Promise<{ code: number | null; error: NodeJS.ErrnoException | null }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('close', (code) => resolve({ code, error: null }));
    });
    signal?.removeEventListener('abort', stop);
    await closeFd(holdFd);
    await drained;
    await pages.settled();

    if (signal?.aborted) throw signal.reason;
    if (pages.failure !== null) throw pages.failure;
    if (exit.error) throw failed(`cannot run scanimage: ${exit.error.code ?? 'error'}`);
    const feederEmptied = options.source === 'feeder' && exit.code === noDocuments && pages.count > 0;
    if ((exit.code !== 0 && !feederEmptied) || splitter.partial) {
      throw failed(complaint(stderr, options.deviceId, exit.code), { pages: pages.handed });
    }
    return { pages: pages.handed };
  }

  private run(args: string[], timeoutMs: number) {
    return this.runTool(this.command, args, timeoutMs).catch((error: NodeJS.ErrnoException) => {
      throw failed(`cannot run scanimage: ${error.code ?? 'error'}`);
    });
  }

  private runTool(command: string, args: string[], timeoutMs = 10_000) {
    return runCommand(command, args, { env: this.env, timeoutMs });
  }
}
