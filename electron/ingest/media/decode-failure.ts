import { RejectedFile } from '../types.js';

/** What a decoder's complaint means for the file: cut short, too big, or simply broken. */
export function decodeFailure(error: unknown): RejectedFile {
  if (error instanceof RejectedFile) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/premature end|unexpected end|truncated|end of (file|data|stream)|read error on strip/i.test(message)) return new RejectedFile('truncated');
  return new RejectedFile('corrupt');
}

export function checkPixels(width: number, height: number, max: number): void {
  const pixels = width * height;
  if (pixels > max) throw new RejectedFile('tooManyPixels', { pixels, max });
}
