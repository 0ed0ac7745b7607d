import sharp, { type SharpOptions } from 'sharp';
import { type IngestLimits, type OpenedMedia, RejectedFile } from '../types.js';
import { checkPixels, decodeFailure } from './decode-failure.js';
import { pageDpi } from './dpi.js';
import { normalisePage } from './normalise.js';
import { isTruncated } from './truncation.js';

/**
 * JPEG, PNG and TIFF through sharp (libvips). Each page is decoded when asked for and dropped
 * once normalised, so a 500-page TIFF never sits in memory whole. `failOn: 'truncated'` makes a
 * cut file an error instead of a page padded with grey, while tolerating the harmless warnings
 * scanner firmware is known for.
 */
export async function openRaster(data: Buffer, format: 'jpeg' | 'png' | 'tiff', limits: IngestLimits): Promise<OpenedMedia> {
  if (isTruncated(format, data)) throw new RejectedFile('truncated');
  const options = (page: number): SharpOptions => ({ failOn: 'truncated', limitInputPixels: limits.maxPagePixels, page, pages: 1 });
  // Headers only: read without the pixel limit, so that a bomb is measured and refused as such.
  const header = (page: number) =>
    sharp(data, { ...options(page), limitInputPixels: false })
      .metadata()
      .catch((error: unknown) => Promise.reject(decodeFailure(error)));

  const first = await header(0);
  const pageCount = format === 'tiff' ? (first.pages ?? 1) : 1;
  if (pageCount > limits.maxPages) throw new RejectedFile('tooManyPages', { pages: pageCount, max: limits.maxPages });
  checkPixels(first.width, first.height, limits.maxPagePixels);

  return {
    format,
    pageCount,
    async page(index, request) {
      if (!Number.isInteger(index) || index < 0 || index >= pageCount) throw new RangeError(`No page ${index} in a file of ${pageCount}`);
      const meta = index === 0 ? first : await header(index);
      checkPixels(meta.width, meta.height, limits.maxPagePixels);
      const bilevel = meta.bitsPerSample === 1;
      const colour = !bilevel && meta.channels >= 3;
      const decoded = await sharp(data, { ...options(index), autoOrient: true })
        .flatten({ background: '#ffffff' })
        .toColourspace(colour ? 'srgb' : 'b-w')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true })
        .catch((error: unknown) => Promise.reject(decodeFailure(error)));
      const { width, height, channels } = decoded.info;
      if (channels !== 1 && channels !== 3) throw new RejectedFile('corrupt');
      return normalisePage({ index, pixels: decoded.data, width, height, channels, dpi: pageDpi(meta.density, width, height), bilevel, text: null }, request);
    },
    async close() {},
  };
}
