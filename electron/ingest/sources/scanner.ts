import type { ScanOptions, Scanner } from '../../../shared/ipc/methods/ingest.js';
import { SaneScanner } from './sane.js';
import { WiaScanner } from './wia.js';

/**
 * A scanner driver stack: SANE's scanimage on Linux and macOS, WIA on Windows. Both report
 * failures as DossierError('SCANNER_FAILED', { detail }); the detail is for the log and names
 * no person (status texts and codes, never page content or file paths under the user's name).
 */
export interface ScannerAdapter {
  list(): Promise<Scanner[]>;
  /**
   * Scans pages and hands each to `onPage` (PNG, 1-based number) as soon as it is complete, one
   * at a time: the next call waits for the previous promise. A rejection from `onPage` stops the
   * scan and is passed on. When `signal` aborts, the driver program is killed and the scan
   * rejects with the signal's reason; pages already handed over stay handed over.
   */
  scan(options: ScanOptions, onPage: (image: Buffer, pageNo: number) => Promise<void>, signal?: AbortSignal): Promise<{ pages: number }>;
}

export function createScannerAdapter(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): ScannerAdapter {
  return platform === 'win32' ? new WiaScanner({ env }) : new SaneScanner({ env });
}
