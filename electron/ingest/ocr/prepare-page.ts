import sharp from 'sharp';
import type { OcrInput } from '../types.js';
import { removeRulings } from './remove-rulings.js';

/** A4's long side in inches: most of what branch offices scan is A4. */
const a4LongSideInches = 11.69;

/**
 * The resolution the image records, or one estimated as if the page were A4. A wrong estimate on a
 * smaller paper (an ID card) only makes the ruling threshold smaller, which text survives.
 */
function resolution(density: number | undefined, width: number, height: number): { dpi: number; dpiKnown: boolean } {
  // 72 is what many encoders write when they know nothing; no scanner scans at 72 dpi.
  if (density !== undefined && density > 72 && density <= 1200) return { dpi: Math.round(density), dpiKnown: true };
  const estimate = Math.max(width, height) / a4LongSideInches;
  return { dpi: Math.round(Math.min(300, Math.max(100, estimate))), dpiKnown: false };
}

/**
 * Readies a page image for Tesseract: greyscale, ruling lines and specks erased. Runs in the
 * media reader process (media/normalise.ts): erasing rulings is a few hundred milliseconds of
 * JavaScript per page that must not hold up the app's main thread.
 */
export async function preparePage(image: Buffer): Promise<OcrInput> {
  const decoded = sharp(image, { failOn: 'error' });
  const meta = await decoded.metadata();
  const { data, info } = await decoded.flatten({ background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const { dpi, dpiKnown } = resolution(meta.density, info.width, info.height);
  removeRulings({ data, width: info.width, height: info.height }, dpi);
  // PGM, a header before the raw pixels, which both engines read: compressing a page to PNG for
  // one hand-over to Tesseract would cost more than reading the rulings off it.
  const pgm = Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii'), data]);
  return { image: pgm, dpi, dpiKnown };
}
