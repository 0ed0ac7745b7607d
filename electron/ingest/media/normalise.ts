import sharp, { type Sharp } from 'sharp';
import type { ColorMode, QualityFlag } from '../../../shared/ipc/methods/ingest.js';
import { type GreyPixels, preparePage } from '../ocr/prepare-page.js';
import { readQrCodes } from '../recognise/qr-codes.js';
import type { DecodedPage, PageRequest } from '../types.js';
import { hasColour, isBlank } from './page-analysis.js';

/** A page decoded to 8-bit pixels, upright, on white: what every format comes down to. */
export interface RawPage {
  index: number;
  pixels: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
  dpi: number | null;
  /** The source was one bit per pixel (a black-and-white scan). */
  bilevel: boolean;
  text: string | null;
}

/** DA/T 31-2017 asks 200 dpi at least for archival scans of paper documents. */
const minArchivalDpi = 200;
/**
 * Tesseract reads body text as well at 250 dpi as at 300 (ID numbers on 16 of 16 forms, names
 * alike) for three quarters of the CPU time, and OCR is most of a page's cost.
 */
const maxOcrDpi = 250;
/** A4's long side at 250 dpi: the OCR image's cap when the resolution is unknown. */
const maxOcrLongSide = 2923;
const thumbnailWidth = 240;

/**
 * Makes the stored page, its thumbnail and (when asked) its OCR image from raw pixels, reads any
 * QR code, and measures colour, resolution and blankness. A grey page scanned in colour is stored
 * grey: a third of the size and nothing lost; colour stays only when there is some (a seal, a
 * signature in blue).
 */
export async function normalisePage(page: RawPage, request: PageRequest): Promise<DecodedPage> {
  const { pixels, channels, width, height, dpi } = page;
  const colorMode: ColorMode = page.bilevel ? 'bw' : channels === 3 && hasColour(pixels, width, height) ? 'color' : 'gray';
  const flags: QualityFlag[] = [];
  if (dpi !== null && dpi < minArchivalDpi) flags.push('lowResolution');
  const blank = isBlank(pixels, channels, width, height);
  if (blank) flags.push('blank');
  const readsText = request.ocr && !blank && page.text === null;

  const source = () => sharp(pixels, { raw: { width, height, channels } });
  const grey = () => source().toColourspace('b-w');
  const stored = () => (colorMode === 'color' ? source() : grey());
  const [image, thumbnail, ocrPixels, qrTexts] = await Promise.all([
    encodeStored(stored(), colorMode, dpi),
    stored().resize({ width: Math.min(thumbnailWidth, width) }).jpeg({ quality: 75 }).toBuffer(),
    readsText ? ocrScale(grey(), width, height, dpi) : null,
    // Read here, in the reader process: QR search costs as much CPU as decoding the page.
    blank ? [] : readQrCodes(grey()),
  ]);
  const ocr = ocrPixels && preparePage(ocrPixels, ocrPixels.dpi);
  return { index: page.index, image, mime: colorMode === 'bw' ? 'image/png' : 'image/jpeg', thumbnail, ocr, width, height, dpi, colorMode, flags, text: page.text, qrTexts };
}

function encodeStored(image: Sharp, mode: ColorMode, dpi: number | null): Promise<Buffer> {
  if (dpi !== null) image = image.withDensity(dpi);
  // Two palette entries make a 1-bit PNG: a bilevel scan stays as small as the scanner made it.
  // Huffman tables fitted to the page would save 2 % of the size for 2.5 times the time.
  return (mode === 'bw' ? image.png({ palette: true, colours: 2, dither: 0 }) : image.jpeg({ quality: 85, optimiseCoding: false })).toBuffer();
}

/** The greyscale pixels OCR reads: at most 250 dpi, never encoded. */
async function ocrScale(image: Sharp, width: number, height: number, dpi: number | null): Promise<GreyPixels & { dpi: number | null }> {
  const scale = dpi !== null ? Math.min(1, maxOcrDpi / dpi) : Math.min(1, maxOcrLongSide / Math.max(width, height));
  if (scale < 1) image = image.resize({ width: Math.max(1, Math.round(width * scale)) });
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`OCR pixels came out with ${info.channels} channels`);
  return { data, width: info.width, height: info.height, dpi: dpi === null ? null : Math.round(dpi * scale) };
}
