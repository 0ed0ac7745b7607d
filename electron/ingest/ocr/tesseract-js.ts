import os from 'node:os';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { OcrEngine } from '../types.js';
import { checkLanguages, ocrCapacity } from './capacity.js';
import { LanguageFolder } from './language-data.js';
import { limit, withTimeout } from './limit.js';
import { textFromTsv } from './tsv-text.js';

/**
 * Tesseract compiled to WebAssembly, for PCs without the `tesseract` program: a pool of worker
 * threads, each holding its own copy of the language models. Page images reach the workers in
 * memory.
 */
export interface TesseractJsOptions {
  /** Worker threads; by default one per core, as memory allows. */
  workers?: number;
  /** A page that takes longer is abandoned and its worker replaced. */
  timeoutMs?: number;
  /** Where the private folder of language data is made; the system's temporary folder by default. */
  tempDir?: string;
}

/**
 * Resident memory per worker reading 300-dpi A4 pages with chi_sim+eng: measured 256 MB for the
 * first (with the page buffers), 150 MB for each further one; chi_tra adds its own model.
 */
const megabytesPerWorker = 300;
const defaultTimeoutMs = 180_000;
const startTimeoutMs = 60_000;

interface PooledWorker {
  worker: Worker;
  languages: string;
}

const closedWhileReading = 'The OCR engine was closed while reading a page';

/**
 * The Chinese models name a vertical-text model to load alongside (chi_sim_vert), which the data
 * packages do not ship; tesseract.js then tries to load a language with a garbled name and prints
 * errors on every start. Vertical text is not what branch offices scan. (A config file's text: the
 * typings only admit dictionary switches as an object.)
 */
const initConfig = 'tessedit_load_sublangs ';

/** See native-tesseract.ts: forms read row by row once their rulings are erased. */
const configure = (worker: Worker) =>
  worker.setParameters({ preserve_interword_spaces: '1', tessedit_pageseg_mode: PSM.SINGLE_COLUMN });

export function createTesseractJs(options: TesseractJsOptions = {}): OcrEngine {
  const concurrency = options.workers ?? ocrCapacity(megabytesPerWorker);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const queue = limit(concurrency);
  const languageFolder = new LanguageFolder(options.tempDir ?? os.tmpdir());
  const idle: PooledWorker[] = [];
  /** Workers reading a page, with what rejects that page: a terminated worker never answers. */
  const busy = new Map<PooledWorker, (error: Error) => void>();
  let closed = false;

  const start = async (languages: readonly string[]): Promise<PooledWorker> => {
    const langPath = await languageFolder.holding(languages);
    const worker = await withTimeout(
      createWorker(languages.join('+'), OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        // Without a handler tesseract.js rethrows a failed job inside its message listener, where
        // nothing can catch it and it would end the app; the job's own promise rejects anyway.
        errorHandler: () => {},
      }, initConfig),
      startTimeoutMs,
      'tesseract.js did not start',
      () => {},
    );
    await configure(worker);
    return { worker, languages: languages.join('+') };
  };

  /** An idle worker, switched to `languages` if it reads others; a new one while the pool is not full. */
  const acquire = async (languages: readonly string[]): Promise<PooledWorker> => {
    const wanted = languages.join('+');
    const pooled = idle.pop();
    if (!pooled) return start(languages);
    if (pooled.languages === wanted) return pooled;
    try {
      await languageFolder.holding(languages);
      await pooled.worker.reinitialize(wanted, OEM.LSTM_ONLY, initConfig);
      await configure(pooled.worker);
      pooled.languages = wanted;
      return pooled;
    } catch (error) {
      void pooled.worker.terminate();
      throw error;
    }
  };

  return {
    name: 'tesseract.js',
    concurrency,
    async recognize(page, languages) {
      checkLanguages(languages);
      if (closed) throw new Error('The OCR engine is closed');
      return queue(async () => {
        if (closed) throw new Error(closedWhileReading);
        const pooled = await acquire(languages);
        const abandoned = new Promise<never>((_, reject) => busy.set(pooled, reject));
        // Settled by the race below; this only keeps an abandonment before the race from going unhandled.
        abandoned.catch(() => {});
        let healthy = true;
        try {
          if (closed) throw new Error(closedWhileReading);
          const reading = (async () => {
            // 0 lets Tesseract estimate the resolution from the text when the scan does not record it.
            await pooled.worker.setParameters({ user_defined_dpi: page.dpiKnown ? String(page.dpi) : '0' });
            // TSV, as from the native engine: the same text layout and word confidences from both.
            return pooled.worker.recognize(page.image, {}, { tsv: true, text: false });
          })();
          const result = await withTimeout(
            Promise.race([reading, abandoned]),
            timeoutMs,
            `tesseract.js did not finish a page within ${timeoutMs / 1000} s`,
            () => (healthy = false),
          );
          return textFromTsv(result.data.tsv ?? '');
        } finally {
          busy.delete(pooled);
          // A worker that timed out may be stuck in the middle of a page: it is replaced, not reused.
          if (healthy && !closed) idle.push(pooled);
          else void pooled.worker.terminate();
        }
      });
    },
    async close() {
      closed = true;
      for (const abandon of busy.values()) abandon(new Error(closedWhileReading));
      await Promise.all([...idle.splice(0), ...busy.keys()].map((p) => p.worker.terminate()));
      await languageFolder.remove();
    },
  };
}
