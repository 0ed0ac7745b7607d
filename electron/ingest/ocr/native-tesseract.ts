import { execFile, spawn } from 'node:child_process';
import type { OcrEngine, OcrResult } from '../types.js';
import { checkLanguages, ocrCapacity } from './capacity.js';
import { limit } from './limit.js';
import { textFromTsv } from './tsv-text.js';

/**
 * The `tesseract` program (5.x). Each page is read by a process of its own, so a page that hangs
 * or crashes Tesseract is killed without harm to the app, and the models' memory is not the app's.
 * Page images go in on stdin and text comes back on stdout: a scan is personal data and is never
 * written to a temporary file.
 */
export interface NativeTesseractOptions {
  /** Path or name of the program; `tesseract` from PATH by default. */
  binary?: string;
  /** Pages read at once, each by its own process; by default one per core, as memory allows. */
  concurrency?: number;
  /** A page that takes longer is abandoned and its process killed. */
  timeoutMs?: number;
}

/** Peak resident memory of one process reading a 300-dpi A4 page with chi_sim+eng (measured: 175 MB). */
const megabytesPerProcess = 200;
const defaultTimeoutMs = 120_000;
/** TSV of a dense page is under 200 kB; far more means something is wrong, not a bigger page. */
const maxOutputBytes = 16 * 1024 * 1024;

/** Tesseract spreads one page over all cores by default, which with several pages at once is ten times slower. */
const env = { ...process.env, OMP_THREAD_LIMIT: '1' };

/**
 * psm 4, "a single column of text of variable sizes": once the ruling lines are gone a form reads
 * row by row, each label followed by its value; the default (psm 3) would read the labels as one
 * column and the values as another.
 */
const pageSegmentation = '4';

export function createNativeTesseract(options: NativeTesseractOptions = {}): OcrEngine {
  const binary = options.binary ?? 'tesseract';
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const concurrency = options.concurrency ?? ocrCapacity(megabytesPerProcess);
  /** Each running process with the function that ends it with a reason. */
  const running = new Map<ReturnType<typeof spawn>, (message: string) => void>();
  const queue = limit(concurrency);
  let closed = false;

  const run = (image: Buffer, languages: string, dpi: number | null): Promise<OcrResult> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new Error('The OCR engine is closed'));
      const args = ['stdin', 'stdout', '-l', languages, '--psm', pageSegmentation];
      if (dpi !== null) args.push('--dpi', String(dpi));
      args.push('-c', 'preserve_interword_spaces=1', 'tsv');
      const child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      const stdout: Buffer[] = [];
      let stdoutBytes = 0;
      let stderr = '';
      let failure: string | null = null;
      const fail = (message: string) => {
        failure ??= message;
        child.kill('SIGKILL');
      };
      running.set(child, fail);
      const timer = setTimeout(() => fail(`tesseract did not finish a page within ${timeoutMs / 1000} s`), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > maxOutputBytes) fail('tesseract produced more output than any page holds');
        else stdout.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        // Only the end matters for the error message; a chatty build must not grow memory.
        stderr = (stderr + chunk.toString('utf8')).slice(-2000);
      });
      // A process that dies before reading its input breaks the pipe; the exit below reports why.
      child.stdin.on('error', () => {});
      child.on('error', (error) => fail(`tesseract could not be started (${binary}): ${error.message}`));
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        running.delete(child);
        if (failure === null && code !== 0) {
          const cause = signal ? `was killed (${signal})` : `exited with code ${code}`;
          failure = `tesseract ${cause}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}`;
        }
        if (failure !== null) reject(new Error(failure));
        else resolve(textFromTsv(Buffer.concat(stdout).toString('utf8')));
      });
      child.stdin.end(image);
    });

  return {
    name: 'tesseract',
    concurrency,
    async recognize(page, languages) {
      const langs = checkLanguages(languages);
      if (closed) throw new Error('The OCR engine is closed');
      return queue(() => run(page.image, langs, page.dpiKnown ? page.dpi : null));
    },
    async close() {
      closed = true;
      for (const fail of running.values()) fail('The OCR engine was closed while reading a page');
    },
  };
}

/** Whether the program runs and has every one of `languages` installed. */
export function nativeTesseractAvailable(languages: readonly string[], binary = 'tesseract'): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(binary, ['--list-langs'], { env, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      if (error) return resolve(false);
      // The first line is a heading ("List of available languages in …").
      const installed = new Set(String(stdout).split(/\r?\n/).slice(1).map((l) => l.trim()));
      resolve(languages.every((language) => installed.has(language)));
    });
  });
}
