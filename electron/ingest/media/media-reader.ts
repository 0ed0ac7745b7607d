import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../../workers/start-worker.js';
import { type DecodedPage, type IngestLimits, type MediaFormat, type OpenedMedia, RejectedFile } from '../types.js';
import { type MediaReply, type MediaRequest, readyId } from './media-protocol.js';

export interface MediaReaderOptions {
  /**
   * JavaScript heap per reader process, in MB. A file that makes pdf.js balloon, or a decoder
   * that crashes, ends its own process (the file is refused as corrupt), never the app: worker
   * threads were not enough, as one huge allocation took the whole process down with the thread.
   */
  heapMb?: number;
  /** A file that makes no progress for this long is refused as corrupt and its thread replaced. */
  stallMs?: number;
}

/** A request before the slot numbers it (Omit over each member of the union). */
type Request = MediaRequest extends infer R ? (R extends MediaRequest ? Omit<R, 'id'> : never) : never;

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Who is using a thread: a file stays on the thread that opened it until closed. */
interface Lease {
  live: boolean;
}

/** One reader process of the pool, replaced whenever it dies. */
class Slot {
  private worker: ChildProcess | null = null;
  private ready = false;
  private nextId = readyId + 1;
  private readonly pending = new Map<number, Waiter>();
  private watchdog: NodeJS.Timeout | null = null;
  private stopped = false;
  lease: Lease | null = null;

  constructor(
    private readonly options: Required<MediaReaderOptions>,
    private readonly onReplaced: (slot: Slot) => void,
  ) {
    this.spawn();
  }

  private spawn(): ChildProcess {
    this.ready = false;
    const worker = startProcess(new URL('./media-worker.js', import.meta.url), { heapMb: this.options.heapMb });
    this.worker = worker;
    worker.on('message', (reply: MediaReply) => {
      if (reply.id === readyId) {
        this.ready = true;
        this.armWatchdog();
        return;
      }
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      this.armWatchdog();
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(reply.rejected ? new RejectedFile(reply.rejected.reason, reply.rejected.values) : new Error(reply.message));
    });
    // An 'error' event is always followed by 'exit', where it is handled; unheard, it would throw.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.worker === worker) this.died();
    });
    return worker;
  }

  /**
   * The thread ended unasked: the file it was reading is refused as corrupt, whoever holds it is
   * cut off, and a fresh thread takes its place. A thread that never got as far as loading is
   * not the file's fault: that is an error, and it is not restarted in a loop.
   */
  private died(): void {
    const loaded = this.ready;
    const error = () => (loaded ? new RejectedFile('corrupt') : new Error('The media reader thread failed to start'));
    for (const waiter of this.pending.values()) waiter.reject(error());
    this.pending.clear();
    this.disarmWatchdog();
    if (this.lease) this.lease.live = false;
    this.lease = null;
    this.worker = null;
    if (loaded) this.spawn();
    this.onReplaced(this);
  }

  call(request: Request): Promise<unknown> {
    if (this.stopped) return Promise.reject(new Error('The media reader is closed'));
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.armWatchdog();
      worker.send({ ...request, id } as MediaRequest, (error) => {
        if (error && this.pending.delete(id)) reject(new RejectedFile('corrupt'));
      });
    });
  }

  /** Counts from the last sign of life, once the thread has loaded (a slow start is not the file's fault). */
  private armWatchdog(): void {
    this.disarmWatchdog();
    if (!this.ready || this.pending.size === 0) return;
    const worker = this.worker;
    this.watchdog = setTimeout(() => worker?.kill('SIGKILL'), this.options.stallMs);
    this.watchdog.unref();
  }

  private disarmWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.disarmWatchdog();
    for (const waiter of this.pending.values()) waiter.reject(new Error('The media reader is closed'));
    this.pending.clear();
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.kill('SIGKILL');
    await exited;
  }
}

/**
 * Reads media files in child processes, off Electron's main thread (pdf.js and canvas rendering
 * block the thread they run on) and out of its memory. Each process reads one file at a time;
 * `open` waits for a free one, which the file keeps until `close()`, so a caller must close what
 * it opens.
 */
export class MediaReader {
  private readonly slots: Slot[];
  private readonly free: Slot[];
  private readonly queue: { resolve(slot: Slot): void; reject(error: Error): void }[] = [];
  private closed = false;

  private constructor(threads: number, options: Required<MediaReaderOptions>) {
    this.slots = Array.from({ length: Math.max(1, threads) }, () => new Slot(options, (slot) => this.release(slot)));
    this.free = [...this.slots];
  }

  static start(threads: number, options: MediaReaderOptions = {}): MediaReader {
    return new MediaReader(threads, { heapMb: 1024, stallMs: 120_000, ...options });
  }

  /** Opens a file in a reader process (the bytes are copied there). */
  async open(data: Buffer, limits: IngestLimits): Promise<OpenedMedia> {
    const slot = await this.acquire();
    const lease: Lease = { live: true };
    slot.lease = lease;
    try {
      const { format, pageCount } = (await slot.call({ op: 'open', data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), limits })) as { format: MediaFormat; pageCount: number };
      return {
        format,
        pageCount,
        page: async (index, request) => {
          if (!lease.live) throw new RejectedFile('corrupt');
          return revivePage((await slot.call({ op: 'page', index, request })) as DecodedPage);
        },
        close: async () => {
          if (!lease.live) return;
          lease.live = false;
          await slot.call({ op: 'close' }).catch(() => {});
          this.endLease(slot, lease);
        },
      };
    } catch (error) {
      if (lease.live) {
        lease.live = false;
        await slot.call({ op: 'close' }).catch(() => {});
        this.endLease(slot, lease);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.reject(new Error('The media reader is closed'));
    await Promise.all(this.slots.map((slot) => slot.stop()));
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('The media reader is closed'));
    const slot = this.free.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.queue.push({ resolve, reject }));
  }

  private endLease(slot: Slot, lease: Lease): void {
    if (slot.lease !== lease) return;
    slot.lease = null;
    this.release(slot);
  }

  /** A thread is free again: closed by its user, or replaced after dying mid-file. */
  private release(slot: Slot): void {
    if (this.closed || this.free.includes(slot)) return;
    const next = this.queue.shift();
    if (next) next.resolve(slot);
    else this.free.push(slot);
  }
}

/** Buffers arrive as plain byte arrays; the pipeline expects Buffers (views, not copies). */
function revivePage(page: DecodedPage): DecodedPage {
  const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { ...page, image: buffer(page.image), thumbnail: buffer(page.thumbnail), ocr: page.ocr && { ...page.ocr, image: buffer(page.ocr.image) } };
}
