import type { ColorMode, QualityFlag, RejectReason } from '../../shared/ipc/methods/ingest.js';

/**
 * What the parts of the ingest pipeline hand each other. The media reader turns a file's bytes
 * into pages; OCR reads a page's text; recognition finds identifiers and cover sheets; the
 * pipeline (pipeline.ts) persists every step and files the result.
 */

export type MediaFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

/** Per-file limits; an archivist releasing a quarantined file may process it under `relaxedLimits`. */
export interface IngestLimits {
  maxFileBytes: number;
  /** Pixels per page after decoding (decompression bombs). */
  maxPagePixels: number;
  maxPages: number;
}

export const defaultLimits: IngestLimits = { maxFileBytes: 200 * 1024 * 1024, maxPagePixels: 80_000_000, maxPages: 1000 };
export const relaxedLimits: IngestLimits = { maxFileBytes: 1024 * 1024 * 1024, maxPagePixels: 300_000_000, maxPages: 5000 };

/** A file refused with a reason the user reads in their language (`ingest.reject.<reason>`). */
export class RejectedFile extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
    this.name = 'RejectedFile';
  }
}

/** One page, decoded and normalised, ready to store and read. */
export interface DecodedPage {
  /** 0-based position in the file. */
  index: number;
  /** The page as stored: JPEG for colour and grey, PNG for black and white; upright (EXIF applied). */
  image: Buffer;
  mime: 'image/jpeg' | 'image/png';
  /** A small JPEG for lists and the viewer's strip. */
  thumbnail: Buffer;
  /**
   * The page readied for OCR in the reader process (greyscale, ruling lines erased, at most
   * 250 dpi); null when OCR was not asked for, the page is blank or it has a text layer.
   */
  ocr: OcrInput | null;
  width: number;
  height: number;
  /** Scan resolution; null when the file does not say and it cannot be derived. */
  dpi: number | null;
  colorMode: ColorMode;
  /** Resolution and blank flags; OCR adds its own. */
  flags: QualityFlag[];
  /** Text from a born-digital PDF page's text layer, used instead of OCR; null otherwise. */
  text: string | null;
  /** The texts of the QR codes on the page (a cover sheet has one), read in the reader process. */
  qrTexts: string[];
}

/** What a caller needs from a page beyond the stored image. */
export interface PageRequest {
  /** Ready the page for OCR: with OCR off, erasing rulings would be a third of the reader's work for nothing. */
  ocr: boolean;
}

/** An opened file: its format and page count are known before any page is decoded. */
export interface OpenedMedia {
  format: MediaFormat;
  pageCount: number;
  page(index: number, request: PageRequest): Promise<DecodedPage>;
  close(): Promise<void>;
}

/** A page as both OCR engines read it. */
export interface OcrInput {
  /** Greyscale PGM, kept in memory only. */
  image: Buffer;
  /** The scan's resolution, or an estimate when the file does not record it. */
  dpi: number;
  /** Whether `dpi` was recorded in the image rather than estimated. */
  dpiKnown: boolean;
}

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
}

/** An OCR engine: `tesseract.js` (WebAssembly) or the native `tesseract` program. */
export interface OcrEngine {
  readonly name: 'tesseract.js' | 'tesseract';
  /** How many pages it reads at once. */
  readonly concurrency: number;
  recognize(page: OcrInput, languages: readonly string[]): Promise<OcrResult>;
  close(): Promise<void>;
}
