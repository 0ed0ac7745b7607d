import { type IngestLimits, type OpenedMedia, RejectedFile } from '../types.js';
import { openPdf } from './pdf.js';
import { openRaster } from './raster.js';
import { sniffFormat } from './sniff.js';

/**
 * Opens a file as pages, knowing it by its content alone. Refusals are `RejectedFile`s, from
 * here or from `page()` (a TIFF page cut short is found when that page is decoded); anything
 * else thrown is a bug. A PDF's bytes are handed to pdf.js, which may take them over: `data` is
 * not to be used by the caller afterwards.
 */
export async function openMedia(data: Buffer, limits: IngestLimits): Promise<OpenedMedia> {
  if (data.length === 0) throw new RejectedFile('empty');
  if (data.length > limits.maxFileBytes) throw new RejectedFile('tooLarge', { size: data.length, max: limits.maxFileBytes });
  const format = sniffFormat(data);
  if (format === null) throw new RejectedFile('unknownFormat');
  return format === 'pdf' ? openPdf(data, limits) : openRaster(data, format, limits);
}
