import os from 'node:os';

/**
 * How many OCR engines to run side by side: one per core (each is single-threaded), fewer when
 * free memory would not hold them. Half the free memory is left for the rest of the app and the
 * other programs on the office PC.
 */
export function ocrCapacity(megabytesPerEngine: number, freeBytes = os.freemem(), cores = os.availableParallelism()): number {
  const byMemory = Math.floor(freeBytes / 2 / (megabytesPerEngine * 1024 * 1024));
  return Math.max(1, Math.min(cores, byMemory));
}

const languageCode = /^[a-z][a-z_]{1,15}$/;

/** Tesseract language codes ('chi_sim'); anything else is refused before it reaches a command line or a path. */
export function checkLanguages(languages: readonly string[]): string {
  if (languages.length === 0) throw new Error('OCR needs at least one language');
  for (const language of languages) if (!languageCode.test(language)) throw new Error(`Not a Tesseract language code: ${language}`);
  return languages.join('+');
}
