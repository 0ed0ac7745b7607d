import type { OcrEngine } from '../types.js';
import { createNativeTesseract, nativeTesseractAvailable } from './native-tesseract.js';
import { createTesseractJs } from './tesseract-js.js';

export interface OcrEngineChoice {
  /** 'native' uses the `tesseract` program when it is installed with the languages; 'wasm' always uses tesseract.js. */
  prefer?: 'native' | 'wasm';
  /** Tesseract codes, e.g. from {@link ocrLanguages}. */
  languages: readonly string[];
  /** The `tesseract` program to use; by default the one on PATH, or on Windows where its installer puts it. */
  binary?: string;
}

/** The Windows installers (UB Mannheim's) do not put Tesseract on PATH. */
function defaultBinaries(): string[] {
  if (process.platform !== 'win32') return ['tesseract'];
  const programFiles = [process.env.ProgramFiles, process.env['ProgramFiles(x86)'], process.env.LOCALAPPDATA && `${process.env.LOCALAPPDATA}\\Programs`];
  return ['tesseract', ...programFiles.filter((dir): dir is string => Boolean(dir)).map((dir) => `${dir}\\Tesseract-OCR\\tesseract.exe`)];
}

/** Simplified Chinese and English always (forms mix both); Traditional for offices that receive it. */
export function ocrLanguages(options: { traditionalChinese: boolean }): string[] {
  return options.traditionalChinese ? ['chi_sim', 'chi_tra', 'eng'] : ['chi_sim', 'eng'];
}

/**
 * The native program when it is there with every language (a page that hangs is a process to kill,
 * not a thread of the app), tesseract.js otherwise: a PC without Tesseract still reads its scans.
 */
export async function createOcrEngine(choice: OcrEngineChoice): Promise<OcrEngine> {
  if (choice.prefer !== 'wasm') {
    for (const binary of choice.binary === undefined ? defaultBinaries() : [choice.binary]) {
      if (await nativeTesseractAvailable(choice.languages, binary)) return createNativeTesseract({ binary });
    }
  }
  return createTesseractJs();
}
