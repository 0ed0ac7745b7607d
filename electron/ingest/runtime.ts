import { readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { DossierError } from '../../shared/ipc/errors.js';
import type { HotFolder, IngestSettings, ScanOptions } from '../../shared/ipc/methods/ingest.js';
import type { ArchiveSession } from '../archive/archive.js';
import type { EventHub } from '../ipc/router.js';
import type { TaskTracker } from '../services/tasks.js';
import { IngestService } from './ingest-service.js';
import { MediaReader } from './media/media-reader.js';
import { createOcrEngine } from './ocr/choose-engine.js';
import { HotFolderWatcher } from './sources/hot-folder.js';
import { createScannerAdapter, type ScannerAdapter } from './sources/scanner.js';
import type { HotFolderRow } from './source-ops.js';
import { defaultLimits, type OcrEngine, type OcrInput } from './types.js';

export interface IngestOptions {
  /** 'auto': the native `tesseract` when installed, else tesseract.js; 'off' never reads text. */
  ocr?: 'auto' | 'native' | 'wasm' | 'off';
  /** Run hot-folder watchers while signed in (the desktop app does; the CLI does not). */
  watchFolders?: boolean;
  scanner?: ScannerAdapter;
}

/** The most media reader processes: one per core up to three. */
const mostReaders = Math.max(1, Math.min(3, availableParallelism()));

/**
 * Media readers for an OCR engine. Decoding, the QR search and readying pages for OCR are most of
 * the work without OCR; with OCR the engine sets the pace. tesseract.js runs its workers (about
 * 270 MB each, one per core) inside the app's process: with it, one reader fewer keeps a batch
 * under 1 GB and costs no pages per minute, the workers being the slower side.
 */
function readerProcesses(engine: OcrEngine | null): number {
  return engine?.name === 'tesseract.js' ? Math.max(1, mostReaders - 1) : mostReaders;
}

/**
 * The ingest machinery of one app instance: the media reader and OCR engine (costly to start,
 * so shared and started on first use) and, while an archive is open, its ingest service and hot
 * folder watchers.
 */
export class IngestRuntime {
  private service: IngestService | null = null;
  private reader: MediaReader | null = null;
  private engine: Promise<OcrEngine> | null = null;
  private settings: IngestSettings = { ocr: true, traditionalChinese: false };
  private readonly watchers = new Map<string, { watcher: HotFolderWatcher; batchId: string | null; problem: string | null }>();
  private session: ArchiveSession | null = null;
  readonly scanner: ScannerAdapter;

  constructor(
    private readonly hub: EventHub,
    private readonly tasks: TaskTracker,
    private readonly options: IngestOptions = {},
  ) {
    this.scanner = options.scanner ?? createScannerAdapter();
  }

  async opened(session: ArchiveSession): Promise<void> {
    this.session = session;
    this.settings = await session.db.call('ingest.settings');
    this.service = new IngestService(session, {
      hub: this.hub,
      tasks: this.tasks,
      media: () => this.mediaReader(),
      // One more than there are readers: a file whose pages are all decoded waits for OCR or its
      // turn to commit without holding a reader.
      filesAtOnce: mostReaders + 1,
      ocr: () => this.ocr(),
      ocrLanguages: () => this.languages(),
    });
    this.service.start();
    if (this.options.watchFolders) await this.reloadHotFolders();
  }

  async closing(): Promise<void> {
    for (const { watcher } of this.watchers.values()) await watcher.stop();
    this.watchers.clear();
    await this.service?.stop();
    this.service = null;
    this.session = null;
  }

  async dispose(): Promise<void> {
    await this.closing();
    await this.reader?.close();
    await (await this.engine?.catch(() => null))?.close();
    this.reader = null;
    this.engine = null;
  }

  current(): IngestService {
    if (!this.service) throw new DossierError('ARCHIVE_LOCKED');
    return this.service;
  }

  applySettings(settings: IngestSettings): void {
    const languagesChanged = settings.traditionalChinese !== this.settings.traditionalChinese;
    this.settings = settings;
    if (languagesChanged && this.engine) {
      const old = this.engine;
      this.engine = null;
      void old.then((e) => e.close()).catch(() => undefined);
    }
  }

  languages(): string[] {
    return this.settings.traditionalChinese ? ['chi_sim', 'chi_tra', 'eng'] : ['chi_sim', 'eng'];
  }

  /** Started on first use, once the OCR engine it is sized for is known. */
  private async mediaReader(): Promise<MediaReader> {
    if (this.reader) return this.reader;
    const engine = await this.ocr().catch(() => null);
    return (this.reader ??= MediaReader.start(readerProcesses(engine)));
  }

  /**
   * A stored page image readied for OCR again, the same way ingest readies it (in the reader
   * process); null for a blank page, which OCR does not read.
   */
  async ocrInputFor(image: Buffer): Promise<OcrInput | null> {
    const media = await (await this.mediaReader()).open(image, defaultLimits);
    try {
      return (await media.page(0, { ocr: true })).ocr;
    } finally {
      await media.close();
    }
  }

  /** The OCR engine, started on first use; null when OCR is off. */
  async ocr(): Promise<OcrEngine | null> {
    if (this.options.ocr === 'off' || !this.settings.ocr) return null;
    const prefer = this.options.ocr === 'native' ? 'native' : this.options.ocr === 'wasm' ? 'wasm' : undefined;
    this.engine ??= createOcrEngine({ prefer, languages: this.languages() });
    return this.engine;
  }

  /**
   * Reads files and folders (folders recursively, in name order) into a new batch. Resolves with
   * the batch id at once; `acknowledged` resolves when every file is safely in the archive.
   */
  async importPaths(paths: readonly string[], label: string | null): Promise<{ batchId: string; acknowledged: Promise<void> }> {
    const service = this.current();
    const batchId = await service.startBatch('import', label);
    const acknowledged = (async () => {
      try {
        for (const file of await expandPaths(paths)) await this.importFile(service, batchId, file);
      } finally {
        await service.closeBatch(batchId);
      }
    })();
    return { batchId, acknowledged };
  }

  private async importFile(service: IngestService, batchId: string, path: string): Promise<'acknowledged' | 'skip'> {
    const { size } = await stat(path);
    // Too large to read safely: refused without reading, and the file stays where it is.
    if (size > defaultLimits.maxFileBytes) {
      await service.refuseUnread(batchId, basename(path), size, 'tooLarge', { size, max: defaultLimits.maxFileBytes });
      return 'skip';
    }
    await service.addFile(batchId, basename(path), await readFile(path));
    return 'acknowledged';
  }

  hubEmitInbox(total: number): void {
    this.hub.emit('inbox.changed', { total });
  }

  /**
   * Scans into a new batch. Returns once the scanner has delivered its first page (or failed:
   * no paper, device gone), then goes on in the background; each page is acknowledged as it comes.
   */
  async scan(options: ScanOptions): Promise<string> {
    const service = this.current();
    const batchId = await service.startBatch('scanner', options.deviceId);
    let started!: () => void;
    const firstPage = new Promise<void>((resolve) => (started = resolve));
    const scanning = this.scanner
      .scan(options, async (image, pageNo) => {
        await service.addFile(batchId, `scan-${String(pageNo).padStart(4, '0')}.png`, image);
        started();
      })
      .finally(() => service.closeBatch(batchId));
    await Promise.race([firstPage, scanning]);
    void scanning.catch(() => undefined);
    return batchId;
  }

  hotFolderStates(rows: readonly HotFolderRow[]): HotFolder[] {
    return rows.map((row) => ({ ...row, problem: this.watchers.get(row.id)?.problem ?? null }));
  }

  /** Starts, restarts or stops watchers to match the archive's hot folders. */
  async reloadHotFolders(): Promise<void> {
    const session = this.session;
    if (!session || !this.options.watchFolders) return;
    for (const { watcher } of this.watchers.values()) await watcher.stop();
    this.watchers.clear();
    for (const folder of await session.db.call('hotFolders.enabled')) {
      const entry: { watcher: HotFolderWatcher; batchId: string | null; problem: string | null } = { watcher: null!, batchId: null, problem: null };
      entry.watcher = new HotFolderWatcher({
        path: folder.path,
        mode: folder.mode,
        intervalSeconds: folder.intervalSeconds,
        stabilitySeconds: folder.stabilitySeconds,
        onFile: async (file) => {
          const service = this.current();
          entry.batchId ??= await service.startBatch('hot_folder', folder.name);
          const outcome = await this.importFile(service, entry.batchId, file.path);
          return outcome;
        },
        onIdle: async () => {
          // The folder is empty again: this stack is complete.
          if (!entry.batchId) return;
          const batchId = entry.batchId;
          entry.batchId = null;
          await this.current().closeBatch(batchId);
        },
        onProblem: (code) => {
          entry.problem = code;
        },
      });
      entry.watcher.start();
      this.watchers.set(folder.id, entry);
    }
  }
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isFile()) files.push(path);
    else if (info.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      files.push(...(await expandPaths(entries.filter((e) => !e.name.startsWith('.')).map((e) => join(path, e.name)))));
    }
  }
  return files;
}
