import type { OcrInput } from '../types.js';
import { removeRulings } from './remove-rulings.js';

/** A4's long side in inches: most of what branch offices scan is A4. */
const a4LongSideInches = 11.69;

/** Greyscale pixels, one byte each. */
export interface GreyPixels {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Readies a page for Tesseract: ruling lines and specks erased from its greyscale pixels (in
 * place), handed over as PGM. Runs in the media reader process (media/normalise.ts): erasing
 * rulings is a few hundred milliseconds of JavaScript per page that must not hold up the app's
 * main thread. Without a known resolution the page is taken for A4: a wrong guess on smaller
 * paper (an ID card) only makes the ruling threshold smaller, which text survives.
 */
export function preparePage(page: GreyPixels, dpi: number | null): OcrInput {
  const { data, width, height } = page;
  const assumed = dpi ?? Math.round(Math.min(300, Math.max(100, Math.max(width, height) / a4LongSideInches)));
  removeRulings({ data, width, height }, assumed);
  // PGM, a header before the raw pixels, which both engines read: compressing a page to PNG for
  // one hand-over to Tesseract would cost more than reading the rulings off it.
  const pgm = Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), data]);
  return { image: pgm, dpi: assumed, dpiKnown: dpi !== null };
}
