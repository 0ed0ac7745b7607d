import { createHash } from 'node:crypto';
import type { BatchProgress, BatchSource, RejectReason } from '../../shared/ipc/methods/ingest.js';
import type { ArchiveSession } from '../archive/archive.js';
import { finishDeletions } from '../archive/blob-deletions.js';
import type { EventHub } from '../ipc/router.js';
import type { TaskTracker } from '../services/tasks.js';
import type { BatchStatsRow } from './batch-ops.js';
import { checkFileName } from './media/file-name.js';
import type { MediaReader } from './media/media-reader.js';
import { decodeCoverSheet } from './recognise/cover-sheet.js';
import { defaultLimits, type DecodedPage, type OcrEngine, type OpenedMedia, RejectedFile, relaxedLimits } from './types.js';

/** What an ingest service borrows from the app: the shared readers and the event channels. */
export interface IngestDeps {
  hub: EventHub;
  tasks: TaskTracker;
  media(): Promise<MediaReader>;
  /** Files read at once (a cover sheet still applies in arrival order: files commit in turn). */
  filesAtOnce: number;
  /** The OCR engine, or null when OCR is switched off. */
  ocr(): Promise<OcrEngine | null>;
  ocrLanguages(): readonly string[];
}

interface Rate {
  since: number;
  pages: number;
}

/**
 * Runs the ingest pipeline for one signed-in session: acknowledges files, then processes the
 * queue several files at a time, each file's pages concurrently, but commits the files in the
 * order they arrived (a cover sheet applies to the files that follow it). Most batches are of
 * single-page files: one at a time, OCR would run on one core. All state lives in the database
 * (batch-ops.ts), so after a crash the next session resumes where this one stopped.
 */
export class IngestService {
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Files being processed, each with the switch that abandons it. */
  private readonly current = new Map<string, { batchId: string; abort: AbortController }>();
  private readonly rates = new Map<string, Rate>();

  constructor(
    private readonly session: ArchiveSession,
    private readonly deps: IngestDeps,
  ) {}

  private get db() {
    return this.session.db;
  }

  private get actorId() {
    return this.session.user.id;
  }

  /** Resumes unfinished files (sign-in has already recovered the page store: archive/blob-deletions.ts). */
  start(): void {
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const file of this.current.values()) file.abort.abort();
    await this.running;
  }

  startBatch(source: BatchSource, label: string | null): Promise<string> {
    return this.db.call('ingest.createBatch', { actorId: this.actorId, source, label });
  }

  async closeBatch(batchId: string): Promise<void> {
    await this.db.call('ingest.closeBatch', { actorId: this.actorId, batchId });
    await this.emitProgress(batchId);
    this.kick();
  }

  /**
   * Acknowledges one file: stores the original encrypted and queues it. When this returns the
   * file is safe: a crash from here on cannot lose it. A file over the size limit is refused
   * without being read into the archive (keeping it would cost exactly what the limit prevents).
   */
  async addFile(batchId: string, name: string, bytes: Buffer): Promise<{ fileId: string; duplicateOf: string | null }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let refused: { reason: RejectReason; values: Record<string, string | number> } | null = null;
    try {
      checkFileName(name);
    } catch (error) {
      if (!(error instanceof RejectedFile)) throw error;
      refused = { reason: error.reason, values: error.values };
    }
    if (bytes.length > defaultLimits.maxFileBytes) {
      return this.refuseUnread(batchId, name, bytes.length, 'tooLarge', { size: bytes.length, max: defaultLimits.maxFileBytes });
    }
    const original = await this.session.pages.stage(bytes);
    const result = await this.db.call('ingest.addFile', { actorId: this.actorId, batchId, fileName: displayName(name), size: bytes.length, sha256, blobId: original.id, refused });
    await original.commit();
    await this.removeBlobs(result.free);
    await this.emitProgress(batchId);
    this.kick();
    return { fileId: result.fileId, duplicateOf: result.duplicateOf };
  }

  /** Records a file refused before it was read (too large): listed with its reason, nothing stored. */
  async refuseUnread(batchId: string, name: string, size: number, reason: RejectReason, values: Record<string, string | number>): Promise<{ fileId: string; duplicateOf: null }> {
    const fileId = await this.db.call('ingest.refuseUnread', { actorId: this.actorId, batchId, fileName: displayName(name), size, reason, values });
    await this.emitProgress(batchId);
    return { fileId, duplicateOf: null };
  }

  async cancel(batchId: string): Promise<void> {
    for (const file of this.current.values()) if (file.batchId === batchId) file.abort.abort();
    const free = await this.db.call('ingest.cancelBatch', { actorId: this.actorId, batchId });
    await this.removeBlobs(free);
    await this.emitProgress(batchId);
  }

  async releaseFromQuarantine(fileId: string): Promise<string> {
    const { batchId } = await this.db.call('quarantine.release', { actorId: this.actorId, fileId });
    this.kick();
    return batchId;
  }

  async deleteFromQuarantine(fileId: string): Promise<void> {
    await this.removeBlobs(await this.db.call('quarantine.delete', { actorId: this.actorId, fileId }));
  }

  removeBlobs(ids: readonly string[]): Promise<void> {
    return finishDeletions(this.db, this.session.pages, ids);
  }

  /** Resolves once the queue is empty (the CLI waits for it; the app does not). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async batches(limit: number): Promise<BatchProgress[]> {
    const rows = await this.db.call('ingest.batchRows', { actorId: this.actorId, limit });
    return rows.map((row) => this.toProgress(row));
  }

  kick(): void {
    if (this.running || this.stopping) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const pending = await this.db.call('ingest.pending');
      if (pending.length === 0 || this.stopping) return;
      // Each file commits after the one before it has committed or failed.
      let turn = Promise.resolve();
      await inParallel(pending, this.deps.filesAtOnce, async (fileId) => {
        if (this.stopping) return;
        const before = turn;
        let done!: () => void;
        turn = new Promise((resolve) => (done = resolve));
        try {
          await this.processFile(fileId, before);
        } finally {
          done();
        }
      });
    }
  }

  private async processFile(fileId: string, turn: Promise<void>): Promise<void> {
    const { file, donePages } = await this.db.call('ingest.beginFile', { fileId });
    if (file.state !== 'processing' || !file.blob_id) return;
    const abort = new AbortController();
    this.current.set(fileId, { batchId: file.batch_id, abort });
    if (!this.rates.has(file.batch_id)) this.rates.set(file.batch_id, { since: Date.now(), pages: 0 });
    let media: OpenedMedia | null = null;
    try {
      const opened = await (await this.deps.media()).open(await this.session.pages.get(file.blob_id), file.relaxed_limits ? relaxedLimits : defaultLimits);
      media = opened;
      await this.db.call('ingest.setFormat', { fileId, format: opened.format, pageCount: opened.pageCount });
      const ocr = await this.deps.ocr();
      const todo = [...Array(opened.pageCount).keys()].filter((i) => !donePages.includes(i));
      // Once every page is out of the reader, it can open the next file while OCR reads this one.
      // A file waiting for its turn must not hold a reader: the file before it may need one.
      const release = () => {
        media = null;
        return opened.close();
      };
      let decoded = 0;
      await inParallel(todo, (ocr?.concurrency ?? 1) + 1, async (index) => {
        if (abort.signal.aborted) return;
        const page = await opened.page(index, { ocr: ocr !== null });
        if (++decoded === todo.length) await release();
        await this.processPage(fileId, page, ocr);
        this.rates.get(file.batch_id)!.pages++;
        await this.emitProgress(file.batch_id);
      });
      // No page left to read (all done before a restart) or the file was abandoned.
      if (media !== null) await release();
      await turn;
      if (abort.signal.aborted) return;
      const { documentIds } = await this.db.call('ingest.commitFile', { fileId, archiveId: this.session.archiveId, ocrEnabled: ocr !== null });
      if (documentIds.length > 0) this.deps.hub.emit('inbox.changed', { total: await this.db.call('inbox.count') });
    } catch (error) {
      if (abort.signal.aborted || this.stopping) return;
      // Anything else is a fault of ours or of a library on this input: the file is still kept
      // (quarantined as unreadable) and the fault noted for the log, without the file's content.
      const rejected = error instanceof RejectedFile ? error : new RejectedFile('corrupt', { fault: String((error as Error)?.message ?? error).slice(0, 200) });
      await this.removeBlobs(await this.db.call('ingest.reject', { fileId, reason: rejected.reason, values: rejected.values }));
    } finally {
      await media?.close();
      this.current.delete(fileId);
      await this.emitProgress(file.batch_id);
    }
  }

  /** One page: a cover sheet is noted (never stored); any other page is read, stored encrypted and saved. */
  private async processPage(fileId: string, page: DecodedPage, ocr: OcrEngine | null): Promise<void> {
    const cover = page.qrTexts.find((text) => decodeCoverSheet(text) !== null) ?? null;
    const base = { fileId, pageIndex: page.index, width: page.width, height: page.height, dpi: page.dpi, colorMode: page.colorMode };
    if (cover) {
      await this.db.call('ingest.savePage', { ...base, blobId: null, thumbBlobId: null, imageSize: 0, thumbSize: 0, text: null, textSource: 'none', ocrConfidence: null, flags: [], coverSheet: cover });
      return;
    }
    const flags = [...page.flags];
    let text = page.text;
    let textSource: 'ocr' | 'pdf' | 'none' = text ? 'pdf' : 'none';
    let ocrConfidence: number | null = null;
    if (ocr && page.ocr) {
      try {
        const result = await ocr.recognize(page.ocr, this.deps.ocrLanguages());
        text = result.text;
        ocrConfidence = result.confidence;
        textSource = 'ocr';
      } catch {
        flags.push('ocrFailed');
      }
    }
    const image = await this.session.pages.stage(page.image);
    const thumbnail = await this.session.pages.stage(page.thumbnail);
    const saved = await this.db.call('ingest.savePage', {
      ...base, blobId: image.id, thumbBlobId: thumbnail.id, imageSize: image.size, thumbSize: thumbnail.size, text, textSource, ocrConfidence, flags, coverSheet: null,
    });
    for (const staged of [image, thumbnail]) await (saved ? staged.commit() : staged.discard());
  }

  private async emitProgress(batchId: string): Promise<void> {
    const [row] = await this.db.call('ingest.batchRows', { actorId: this.actorId, limit: 1, batchId });
    if (!row) return;
    const progress = this.toProgress(row);
    this.deps.hub.emit('ingest.progress', progress);
    const taskId = `ingest:${batchId}`;
    if (progress.state === 'running' || progress.state === 'open') this.deps.tasks.update({ id: taskId, labelKey: 'ingest.task', done: progress.pagesDone, total: Math.max(progress.pages, progress.pagesDone) });
    else {
      this.deps.tasks.finish(taskId);
      this.rates.delete(batchId);
    }
  }

  private toProgress(row: BatchStatsRow): BatchProgress {
    const rate = this.rates.get(row.id);
    const minutes = rate ? (Date.now() - rate.since) / 60_000 : 0;
    const pagesPerMinute = rate && rate.pages > 0 && minutes > 0 ? rate.pages / minutes : null;
    // Files not opened yet have no page count: assume they are like the ones opened so far.
    const opened = Math.max(1, row.files_done + (row.pages > row.pages_done ? 1 : 0));
    const expected = row.files > 0 ? Math.max(row.pages, Math.round((row.pages / opened) * row.files)) : row.pages;
    const left = Math.max(0, expected - row.pages_done);
    return {
      batchId: row.id,
      source: row.source,
      label: row.label,
      state: row.state,
      files: row.files,
      filesDone: row.files_done ?? 0,
      pages: row.pages,
      pagesDone: row.pages_done,
      pagesPerMinute,
      secondsLeft: pagesPerMinute && row.state === 'running' ? Math.round((left / pagesPerMinute) * 60) : null,
      filed: row.filed ?? 0,
      inbox: row.inbox ?? 0,
      rejected: row.rejected ?? 0,
      duplicates: row.duplicates ?? 0,
      createdAt: row.created_at,
    };
  }
}

/** A file name as the archive shows it: no control or direction characters, at most 255 characters. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\ufffd').trim();
  return (clean || '\ufffd').slice(0, 255);
}

/** Runs `work` over `items` with at most `limit` at a time; the first failure stops the rest. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
