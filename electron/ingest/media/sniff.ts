import type { MediaFormat } from '../types.js';

/** Acrobat accepts a PDF header anywhere in the first 1024 bytes (some producers prepend junk). */
const pdfHeaderWindow = 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** The format the bytes really are, whatever the file is called; null when it is none we read. */
export function sniffFormat(bytes: Uint8Array): MediaFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, pdfHeaderWindow)).includes('%PDF-')) return 'pdf';
  return null;
}
