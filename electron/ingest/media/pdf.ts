import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, ImageKind, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { type IngestLimits, type OpenedMedia, RejectedFile } from '../types.js';
import { checkPixels } from './decode-failure.js';
import { snapToSetting } from './dpi.js';
import { normalisePage, type RawPage } from './normalise.js';
import { bytesHaveScripts, documentHasScripts, pageHasScripts } from './pdf-scripts.js';
import { type PlacedImage, placedArea, surveyPage } from './pdf-survey.js';
import { pageText } from './pdf-text.js';
import { isTruncated } from './truncation.js';

/**
 * PDFs through pdf.js, offline: CMaps (Chinese text layers), standard fonts, ICC profiles and
 * the JPEG 2000 and JBIG2 decoders come from the package's own folders, never over a network.
 * pdf.js wants paths ending in '/', whatever the platform's separator.
 */
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const resource = (folder: string) => `${join(pdfjsRoot, folder)}/`;

/** Vector pages have no scan resolution; 200 dpi is what DA/T 31-2017 asks of an archive copy. */
const bornDigitalDpi = 200;
const maxScanDpi = 300;
/** An image covering at least half the page makes it a scanned page. */
const scanCover = 0.5;

export async function openPdf(data: Buffer, limits: IngestLimits): Promise<OpenedMedia> {
  if (isTruncated('pdf', data)) throw new RejectedFile('truncated');
  if (bytesHaveScripts(data)) throw new RejectedFile('pdfScripts');
  const encrypted = data.includes('/Encrypt');
  const task = getDocument({
    // A view of the whole buffer is handed over without a copy (pdf.js takes ownership of it).
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    cMapUrl: resource('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: resource('standard_fonts'),
    iccUrl: resource('iccs'),
    wasmUrl: resource('wasm'),
    // Images bigger than a page may be are dropped rather than decoded (decompression bombs);
    // the page then renders without them, and a page left empty is flagged blank.
    maxImageSize: limits.maxPagePixels,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    throw (error as Error | undefined)?.name === 'PasswordException' || encrypted ? new RejectedFile('encryptedPdf') : new RejectedFile('corrupt');
  }
  try {
    await checkDocument(doc, limits);
  } catch (error) {
    await doc.destroy();
    throw error instanceof RejectedFile ? error : new RejectedFile('corrupt');
  }
  return {
    format: 'pdf',
    pageCount: doc.numPages,
    async page(index, request) {
      if (!Number.isInteger(index) || index < 0 || index >= doc.numPages) throw new RangeError(`No page ${index} in a file of ${doc.numPages}`);
      const page = await doc.getPage(index + 1).catch(() => Promise.reject(new RejectedFile('corrupt')));
      try {
        return await normalisePage(await readPage(page, index, limits), request);
      } catch (error) {
        throw error instanceof RejectedFile ? error : new RejectedFile('corrupt');
      } finally {
        page.cleanup();
      }
    },
    close: () => doc.destroy(),
  };
}

/** Page count and scripts, checked on every page before any is rendered. */
async function checkDocument(doc: PDFDocumentProxy, limits: IngestLimits): Promise<void> {
  if (doc.numPages === 0) throw new RejectedFile('noPages');
  if (doc.numPages > limits.maxPages) throw new RejectedFile('tooManyPages', { pages: doc.numPages, max: limits.maxPages });
  if (await documentHasScripts(doc)) throw new RejectedFile('pdfScripts');
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const scripted = await pageHasScripts(page);
    page.cleanup();
    if (scripted) throw new RejectedFile('pdfScripts');
  }
}

async function readPage(page: PDFPageProxy, index: number, limits: IngestLimits): Promise<RawPage> {
  const text = await pageText(page);
  const operators = await page.getOperatorList();
  const survey = surveyPage(operators.fnArray, operators.argsArray as unknown[][]);
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const scan = survey.largest && placedArea(survey.largest.ctm) >= (x1 - x0) * (y1 - y0) * scanCover ? survey.largest : null;
  const scanDpi = scan ? imageDpi(scan) : null;
  const dpi = scanDpi === null ? bornDigitalDpi : Math.min(scanDpi, maxScanDpi);
  // A lone upright image filling the page is the scan itself: its pixels beat a re-rendering.
  if (scan && scanDpi !== null && !survey.otherMarks && fillsPage(scan, page.view)) {
    const pixels = await scanPixels(page, scan, scanDpi, dpi);
    if (pixels) return { index, ...pixels, dpi, text };
  }
  return { index, ...(await render(page, dpi, limits)), dpi, bilevel: false, text };
}

/** Pixels per inch as placed on the page; the lower of the two axes, should they differ. */
function imageDpi(image: PlacedImage): number {
  const [a, b, c, d] = image.ctm;
  return snapToSetting(Math.min(image.pixelWidth / (Math.hypot(a, b) / 72), image.pixelHeight / (Math.hypot(c, d) / 72)));
}

/** Drawn upright (no rotation, no mirroring) over the whole page, within 1 %. */
function fillsPage(image: PlacedImage, view: number[]): boolean {
  const [a, b, c, d, e, f] = image.ctm;
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const width = x1 - x0;
  const height = y1 - y0;
  const near = (value: number, target: number, scale: number) => Math.abs(value - target) <= scale * 0.01;
  return b === 0 && c === 0 && a > 0 && d > 0 && near(e, x0, width) && near(f, y0, height) && near(a, width, width) && near(d, height, height);
}

interface Pixels {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
  bilevel: boolean;
}

/**
 * The decoded image pdf.js already holds for the page, turned as the page says and brought down
 * to 300 dpi if finer; null when pdf.js kept it in a form we cannot read (then we render).
 */
async function scanPixels(page: PDFPageProxy, scan: PlacedImage, scanDpi: number, dpi: number): Promise<Pixels | null> {
  if (!scan.objId) return null;
  const objects = scan.objId.startsWith('g_') ? page.commonObjs : page.objs;
  const image = (await new Promise((resolve) => objects.get(scan.objId!, resolve))) as { width: number; height: number; kind?: number; data?: Uint8Array };
  if (!image?.data) return null;
  const { width, height, kind, data } = image;
  let raw: { pixels: Buffer; channels: 1 | 3 | 4; bilevel: boolean };
  if (kind === ImageKind.GRAYSCALE_1BPP) raw = { pixels: unpackBits(data, width, height), channels: 1, bilevel: true };
  else if (kind === ImageKind.RGB_24BPP) raw = { pixels: Buffer.from(data.buffer, data.byteOffset, data.byteLength), channels: 3, bilevel: false };
  else if (kind === ImageKind.RGBA_32BPP) raw = { pixels: Buffer.from(data.buffer, data.byteOffset, data.byteLength), channels: 4, bilevel: false };
  else return null;
  let pipeline = sharp(raw.pixels, { raw: { width, height, channels: raw.channels } });
  if (raw.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
  if (raw.channels === 1) pipeline = pipeline.toColourspace('b-w');
  if (page.rotate % 360 !== 0) pipeline = pipeline.rotate(page.rotate);
  if (scanDpi > dpi) pipeline = pipeline.resize({ width: Math.round(((page.rotate % 180 === 0 ? width : height) * dpi) / scanDpi) });
  // Downscaling a bilevel scan makes grey edges: it is stored as grey from then on.
  const bilevel = raw.bilevel && scanDpi <= dpi;
  const out = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const channels = out.info.channels === 1 ? 1 : 3;
  if (out.info.channels !== channels) return null;
  return { pixels: out.data, width: out.info.width, height: out.info.height, channels, bilevel };
}

/** pdf.js packs 1-bit images eight pixels a byte, rows padded to a byte, 1 meaning white. */
function unpackBits(packed: Uint8Array, width: number, height: number): Buffer {
  const grey = Buffer.alloc(width * height);
  const rowBytes = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((packed[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) grey[y * width + x] = 255;
    }
  }
  return grey;
}

async function render(page: PDFPageProxy, dpi: number, limits: IngestLimits): Promise<Omit<Pixels, 'bilevel'>> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  checkPixels(width, height, limits.maxPagePixels);
  const canvas = createCanvas(width, height);
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff' }).promise;
  // data() is a view of the canvas's own bitmap, freed with the canvas, which the collector may
  // take while sharp still reads: a copy of our own is safe (and costs 10 ms at 300 dpi).
  const rgba = Buffer.from(canvas.data());
  const pixels = await sharp(rgba, { raw: { width, height, channels: 4 } }).removeAlpha().raw().toBuffer();
  return { pixels, width, height, channels: 3 };
}
