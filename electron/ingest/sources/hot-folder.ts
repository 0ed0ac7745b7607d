import { type FSWatcher, constants, watch } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface HotFolderFile {
  path: string;
  name: string;
  size: number;
}

export type HotFolderAnswer = 'acknowledged' | 'retry' | 'skip';

export interface HotFolderOptions {
  path: string;
  /** 'watch': change notifications trigger a look, plus a slow safety rescan. 'poll': a look every intervalSeconds (network shares send no notifications). */
  mode: 'watch' | 'poll';
  intervalSeconds: number;
  /** A file is handed over once its size and modification time have not changed for this long. */
  stabilitySeconds: number;
  /**
   * 'acknowledged': the archive holds the file; it is deleted here. 'retry': offer it again later
   * (a rejection counts as 'retry'). 'skip': leave it in the folder and do not offer it again
   * unless it changes (a file refused unread, such as one too large).
   */
  onFile: (file: HotFolderFile) => Promise<HotFolderAnswer>;
  /** Called when a look finds nothing more to hand over after files were handed over: the stack is complete. */
  onIdle?: () => Promise<void>;
  /** `hotFolders.problem.<code>` ('unreachable', 'cannotDelete') or null: called after the first look, then on every change. */
  onProblem: (code: string | null) => void;
}

/** Notifications can be lost (overflow, sleep, a share remounted): in watch mode the folder is still read this often. */
const safetyRescanMs = 60_000;
/** Writing a file fires many notifications; they are answered with one look. */
const settleMs = 250;

/** Names the folder never hands over: hidden and system files, and what scanners and browsers write under before renaming. */
export function ignoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~') || /\.(tmp|part|crdownload)$/i.test(name) || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}

// Scanners number their pages: "scan 2" comes before "scan 10".
const byName = new Intl.Collator('en', { numeric: true }).compare;

// Windows: libuv's UV_FS_O_EXLOCK (0x10000000) opens with share mode 0, which fails while the
// scanner still has the file open. Elsewhere there is no such lock (on macOS the flag would wait
// on flock instead), so the stability wait alone guards against half-written files.
const exclusive = process.platform === 'win32' ? ((constants as { UV_FS_O_EXLOCK?: number }).UV_FS_O_EXLOCK ?? 0x10000000) : 0;

interface Seen {
  size: number;
  mtimeMs: number;
  /** When this size and time were first seen. */
  since: number;
  /** Not before this time (after a 'retry'). */
  notBefore: number;
}

const fileKey = (name: string, size: number, mtimeMs: number) => `${name}\0${size}\0${mtimeMs}`;

/**
 * Watches one folder (not its subfolders: scanners write into one folder, and a subfolder may be
 * someone's filing) and hands over each finished file, one at a time, in name order.
 *
 * Once the archive holds a file it is deleted from the folder: the archive keeps it encrypted,
 * and a plaintext scan must not linger in a folder others can read. When it cannot be deleted
 * (a read-only share), the file is remembered by name, size and time so it is not taken twice
 * while Dossier runs, deletion is tried again on every look, and the problem 'cannotDelete' is
 * reported until the file is gone. After a restart such a file comes in again and is found to be
 * a duplicate.
 *
 * Empty files wait: scanners create the file first and fill it later.
 */
export class HotFolderWatcher {
  private readonly seen = new Map<string, Seen>();
  /** Handed over but still here (deletion failed), by name → fileKey. */
  private readonly undeletable = new Map<string, string>();
  /** Answered 'skip', by name → fileKey. */
  private readonly skipped = new Map<string, string>();
  private handedSinceIdle = false;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  private lookAgain = false;
  private stopped = true;
  private problem: string | null | undefined = undefined;

  constructor(private readonly options: HotFolderOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops looking; resolves once a file being handed over has been dealt with. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeWatcher();
    await this.running;
  }

  private get intervalMs(): number {
    return this.options.intervalSeconds * 1000;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.look();
    }, delayMs);
  }

  private look(): void {
    if (this.running) {
      this.lookAgain = true;
      return;
    }
    this.running = this.cycle()
      .catch(() => this.intervalMs)
      .then((nextMs) => {
        this.running = null;
        const again = this.lookAgain;
        this.lookAgain = false;
        this.schedule(again ? settleMs : nextMs);
      });
  }

  private report(problem: string | null): void {
    if (problem === this.problem) return;
    this.problem = problem;
    this.options.onProblem(problem);
  }

  private ensureWatcher(): void {
    if (this.options.mode !== 'watch' || this.watcher || this.stopped) return;
    try {
      this.watcher = watch(this.options.path, { persistent: false }, () => this.schedule(settleMs));
      // The folder went away under the watcher: the next look finds out and reports it.
      this.watcher.on('error', () => {
        this.closeWatcher();
        this.schedule(0);
      });
    } catch {
      this.watcher = null;
    }
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** One look at the folder; returns when to look next. */
  private async cycle(): Promise<number> {
    const folder = this.options.path;
    let names: string[];
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      // Links are not followed: a link could lead the archive to files outside the folder.
      names = entries.filter((entry) => entry.isFile() && !ignoredName(entry.name)).map((entry) => entry.name);
    } catch {
      // A watcher would keep following the old folder (renamed) or none; a new one is made when it is back.
      this.closeWatcher();
      this.report('unreachable');
      return this.intervalMs;
    }
    this.ensureWatcher();

    const stabilityMs = this.options.stabilitySeconds * 1000;
    let nextMs = this.options.mode === 'watch' && this.watcher ? Math.max(this.intervalMs, safetyRescanMs) : this.intervalMs;
    const now = Date.now();
    const ready: string[] = [];
    let waiting = false;
    for (const name of names) {
      const stats = await stat(join(folder, name)).catch(() => null);
      if (!stats) continue;
      const key = fileKey(name, stats.size, stats.mtimeMs);
      if (this.undeletable.get(name) === key) {
        await this.delete(name);
        continue;
      }
      if (this.skipped.get(name) === key) continue;
      const seen = this.seen.get(name);
      if (!seen || seen.size !== stats.size || seen.mtimeMs !== stats.mtimeMs) {
        this.seen.set(name, { size: stats.size, mtimeMs: stats.mtimeMs, since: now, notBefore: seen?.notBefore ?? 0 });
        nextMs = Math.min(nextMs, stabilityMs);
        waiting = true;
        continue;
      }
      // Not counted as waiting either: a stray empty file must not hold a stack open for ever.
      if (stats.size === 0) continue;
      waiting = true;
      const due = Math.max(seen.since + stabilityMs, seen.notBefore);
      if (due > now) nextMs = Math.min(nextMs, due - now);
      else ready.push(name);
    }
    const present = new Set(names);
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    for (const map of [this.undeletable, this.skipped]) for (const name of map.keys()) if (!present.has(name)) map.delete(name);
    this.report(this.undeletable.size > 0 ? 'cannotDelete' : null);
    if (!waiting && this.handedSinceIdle) {
      this.handedSinceIdle = false;
      await this.options.onIdle?.().catch(() => undefined);
    }

    for (const name of ready.sort(byName)) {
      if (this.stopped) break;
      const outcome = await this.handOver(name);
      if (outcome === 'retry') nextMs = Math.min(nextMs, this.intervalMs);
      if (outcome === 'notReady') nextMs = Math.min(nextMs, stabilityMs);
    }
    return nextMs;
  }

  private async handOver(name: string): Promise<'done' | 'retry' | 'notReady'> {
    const path = join(this.options.path, name);
    const seen = this.seen.get(name);
    const stats = await stat(path).catch(() => null);
    // Changed since the look began (or gone): the stability wait starts over.
    if (!seen || !stats || stats.size !== seen.size || stats.mtimeMs !== seen.mtimeMs) return 'notReady';
    try {
      await (await open(path, constants.O_RDONLY | exclusive)).close();
    } catch {
      // Locked by the writer (EBUSY, EPERM on Windows) or not readable yet: look again later.
      return 'notReady';
    }
    let answer: HotFolderAnswer;
    try {
      answer = await this.options.onFile({ path, name, size: stats.size });
    } catch {
      answer = 'retry';
    }
    if (answer === 'retry') {
      seen.notBefore = Date.now() + this.intervalMs;
      return 'retry';
    }
    this.seen.delete(name);
    this.handedSinceIdle = true;
    const key = fileKey(name, stats.size, stats.mtimeMs);
    if (answer === 'skip') {
      this.skipped.set(name, key);
      return 'done';
    }
    this.undeletable.set(name, key);
    await this.delete(name);
    return 'done';
  }

  private async delete(name: string): Promise<void> {
    try {
      await unlink(join(this.options.path, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.report('cannotDelete');
        return;
      }
    }
    this.undeletable.delete(name);
    if (this.undeletable.size === 0 && this.problem === 'cannotDelete') this.report(null);
  }
}
