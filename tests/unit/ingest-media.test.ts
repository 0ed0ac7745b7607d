import { degrees, PDFDocument } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaReader } from '../../electron/ingest/media/media-reader.js';
import { openMedia } from '../../electron/ingest/media/open-media.js';
import { sniffFormat } from '../../electron/ingest/media/sniff.js';
import { type DecodedPage, defaultLimits, type OpenedMedia, RejectedFile } from '../../electron/ingest/types.js';
import { heapBombPdf, operatorFloodPdf } from '../support/hostile-files.js';
import {
  applicationForm,
  bilevelScan,
  blankScan,
  chineseTextPdf,
  healthDeclaration,
  joinTiffs,
  scanForm,
  scannedPdf,
  scanTiff,
  sidewaysScan,
  textPdf,
} from '../support/scans.js';

const customer = { name: '张三', idNumber: '110101199003071234', policyNumber: 'P2024000123', mobile: '13800138000' };
const form = applicationForm(customer);
const a4 = (dpi: number) => ({ width: Math.round((210 / 25.4) * dpi), height: Math.round((297 / 25.4) * dpi) });

/** A4 at `dpi`, give or take the pixel that resizing rounds away. */
/** The size in a PGM's header (what the reader hands OCR). */
function pgmSize(image: Buffer): { width: number; height: number } {
  const [, width, height] = /^P5\n(\d+) (\d+)\n255\n/.exec(image.toString('latin1', 0, 32)) ?? [];
  return { width: Number(width), height: Number(height) };
}

function expectA4(size: { width?: number; height?: number }, dpi: number) {
  const { width, height } = a4(dpi);
  expect(Math.abs(size.width! - width)).toBeLessThanOrEqual(1);
  expect(Math.abs(size.height! - height)).toBeLessThanOrEqual(1);
}

async function firstPage(data: Buffer): Promise<DecodedPage> {
  const media = await openMedia(data, defaultLimits);
  try {
    return await media.page(0, { ocr: true });
  } finally {
    await media.close();
  }
}

describe('recognising formats', () => {
  it('knows each format by its first bytes', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffFormat(Buffer.from('II*\0\x08\0\0\0', 'latin1'))).toBe('tiff');
    expect(sniffFormat(Buffer.from('MM\0*\0\0\0\x08', 'latin1'))).toBe('tiff');
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });

  it('finds a PDF header after junk within the first 1024 bytes, not beyond', () => {
    expect(sniffFormat(Buffer.concat([Buffer.alloc(600, 0x20), Buffer.from('%PDF-1.4\n')]))).toBe('pdf');
    expect(sniffFormat(Buffer.concat([Buffer.alloc(1100, 0x20), Buffer.from('%PDF-1.4\n')]))).toBeNull();
  });

  it('reads the content whatever the file would be called', async () => {
    const png = await scanForm(form, { dpi: 150, format: 'png' });
    const media = await openMedia(png, defaultLimits);
    expect(media.format).toBe('png');
    await media.close();
    expect((await openMedia(await textPdf([['Not a picture at all.']]), defaultLimits)).format).toBe('pdf');
  });
});

describe('scanned images', () => {
  it('normalises a 300 dpi grey JPEG: stored JPEG with its density, thumbnail, OCR image', async () => {
    const media = await openMedia(await scanForm(form, { dpi: 300 }), defaultLimits);
    expect(media).toMatchObject({ format: 'jpeg', pageCount: 1 });
    const page = await media.page(0, { ocr: true });
    expect(page).toMatchObject({ index: 0, ...a4(300), dpi: 300, colorMode: 'gray', flags: [], mime: 'image/jpeg', text: null });
    expect(await sharp(page.image).metadata()).toMatchObject({ format: 'jpeg', ...a4(300), density: 300, channels: 1 });
    expect(await sharp(page.thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 240 });
    expect(page.ocr).toMatchObject({ dpi: 250, dpiKnown: true });
    expectA4(pgmSize(page.ocr!.image), 250);
  });

  it('readies a page for OCR only when asked, and never a blank one', async () => {
    const media = await openMedia(await scanForm(form, { dpi: 200 }), defaultLimits);
    const page = await media.page(0, { ocr: false });
    await media.close();
    expect(page.ocr).toBeNull();
    expect(page).toMatchObject({ ...a4(200), dpi: 200, colorMode: 'gray', flags: [] });
    const blank = await firstPage(await blankScan({ dpi: 200 }));
    expect(blank.flags).toContain('blank');
    expect(blank.ocr).toBeNull();
  });

  it('records 150, 200 and 300 dpi scans and flags 150 as low resolution', async () => {
    for (const dpi of [150, 200, 300]) {
      const page = await firstPage(await scanForm(form, { dpi, format: 'png' }));
      expect(page).toMatchObject({ ...a4(dpi), dpi });
      expect(page.flags.includes('lowResolution')).toBe(dpi < 200);
    }
  });

  it('reads OCR images at 250 dpi at most: a 400 dpi scan is kept whole but read smaller', async () => {
    const page = await firstPage(await scanForm(form, { dpi: 400 }));
    expect(page).toMatchObject({ ...a4(400), dpi: 400 });
    expectA4(pgmSize(page.ocr!.image), 250);
    expect(page.ocr).toMatchObject({ dpi: 250, dpiKnown: true });
  });

  it('does not believe a density the paper size contradicts, and estimates from A4 instead', async () => {
    const scan = await scanForm(form, { dpi: 300 });
    const claims72 = await sharp(scan).withDensity(72).jpeg().toBuffer();
    expect(await sharp(claims72).metadata()).toMatchObject({ density: 72 });
    expect((await firstPage(claims72)).dpi).toBe(300);
    const { data, info } = await sharp(await scanForm(form, { dpi: 200 })).raw().toBuffer({ resolveWithObject: true });
    const unstated = await sharp(data, { raw: info }).png().toBuffer();
    expect((await sharp(unstated).metadata()).density).toBeUndefined();
    expect((await firstPage(unstated)).dpi).toBe(200);
  });

  it('leaves the resolution unknown when neither the file nor the shape tells it', async () => {
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
    expect((await firstPage(photo)).dpi).toBeNull();
  });

  it('keeps colour only where there is some: a red seal stays, grey paper scanned in colour does not', async () => {
    const sealed = await firstPage(await scanForm(form, { dpi: 200, color: true }));
    expect(sealed.colorMode).toBe('color');
    expect((await sharp(sealed.image).metadata()).channels).toBe(3);
    const unsealed = await firstPage(await scanForm({ ...form, seal: undefined }, { dpi: 200, color: true }));
    expect(unsealed.colorMode).toBe('gray');
    const greyAsRgb = await sharp(await scanForm(form, { dpi: 200 })).toColourspace('srgb').jpeg().toBuffer();
    expect((await sharp(greyAsRgb).metadata()).channels).toBe(3);
    const page = await firstPage(greyAsRgb);
    expect(page.colorMode).toBe('gray');
    expect((await sharp(page.image).metadata()).channels).toBe(1);
  });

  it('stores black-and-white scans (1-bit PNG and CCITT TIFF) as 1-bit PNG', async () => {
    for (const format of ['png', 'tiff'] as const) {
      const page = await firstPage(await bilevelScan(form, { dpi: 300, format }));
      expect(page).toMatchObject({ colorMode: 'bw', mime: 'image/png', dpi: 300, ...a4(300) });
      expect(await sharp(page.image).metadata()).toMatchObject({ format: 'png', bitsPerSample: 1, density: 300 });
    }
  });

  it('turns a page stored sideways with EXIF orientation 6 upright', async () => {
    const stored = await sidewaysScan(form, { dpi: 200 });
    expect(await sharp(stored).metadata()).toMatchObject({ orientation: 6, width: a4(200).height, height: a4(200).width });
    const page = await firstPage(stored);
    expect(page).toMatchObject(a4(200));
    // Upright means it looks like the page as drawn, not like it turned half a turn.
    const small = (image: Buffer | Sharp) => (Buffer.isBuffer(image) ? sharp(image) : image).resize(42, 59, { fit: 'fill' }).greyscale().raw().toBuffer();
    const upright = await small(await scanForm(form, { dpi: 200, format: 'png' }));
    const difference = (a: Buffer, b: Buffer) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0) / a.length;
    const ours = await small(page.image);
    const flipped = await small(sharp(page.image).rotate(180));
    expect(difference(ours, upright)).toBeLessThan(difference(flipped, upright) / 3);
  });

  it('reads each page of a multi-page TIFF in turn', async () => {
    const tiff = await scanTiff([form, healthDeclaration(customer), { title: '', fields: [] }], { dpi: 200 });
    const media = await openMedia(tiff, defaultLimits);
    expect(media).toMatchObject({ format: 'tiff', pageCount: 3 });
    const pages = [await media.page(0, { ocr: true }), await media.page(1, { ocr: true }), await media.page(2, { ocr: true })];
    await media.close();
    expect(pages.map((p) => [p.index, p.dpi, p.width, p.height])).toEqual([0, 1, 2].map((i) => [i, 200, a4(200).width, a4(200).height]));
    expect(pages.map((p) => p.flags.includes('blank'))).toEqual([false, false, true]);
  });
});

describe('blank pages', () => {
  it('flags an empty sheet, speckled, skewed, on grey paper or in colour', async () => {
    for (const options of [{}, { noise: 0.02 }, { skew: 1.5, color: true }, { dpi: 150 }]) {
      expect((await firstPage(await blankScan(options))).flags).toContain('blank');
    }
  });

  it('does not flag a page with one short line or a single word', async () => {
    for (const line of ['投保人签名：', '同意']) {
      expect((await firstPage(await scanForm({ title: '', fields: [], lines: [line] }, { dpi: 300 }))).flags).not.toContain('blank');
    }
    expect((await firstPage(await scanForm({ title: '', fields: [], lines: ['同意'] }, { dpi: 150, noise: 0.02 }))).flags).not.toContain('blank');
  });
});

describe('PDFs', () => {
  it('reads an image-only PDF at the resolution of its scans', async () => {
    for (const dpi of [150, 200, 300]) {
      const pdf = await scannedPdf([await scanForm(form, { dpi }), await blankScan({ dpi })], dpi);
      const media = await openMedia(pdf, defaultLimits);
      expect(media).toMatchObject({ format: 'pdf', pageCount: 2 });
      const [first, second] = [await media.page(0, { ocr: true }), await media.page(1, { ocr: true })];
      await media.close();
      expect(first).toMatchObject({ ...a4(dpi), dpi, colorMode: 'gray', text: null });
      expect(first.flags.includes('lowResolution')).toBe(dpi < 200);
      expect(second.flags).toContain('blank');
    }
  });

  it('renders scans finer than 300 dpi at 300', async () => {
    const page = await firstPage(await scannedPdf([await scanForm(form, { dpi: 400 })], 400));
    expectA4(page, 300);
    expect(page.dpi).toBe(300);
  });

  it('turns a scanned page the way the PDF says', async () => {
    const pdf = await PDFDocument.load(await scannedPdf([await scanForm(form, { dpi: 150 })], 150));
    pdf.getPage(0).setRotation(degrees(90));
    const page = await firstPage(Buffer.from(await pdf.save()));
    expect(page).toMatchObject({ width: a4(150).height, height: a4(150).width, dpi: 150 });
  });

  it('takes a born-digital page’s text from its text layer and renders it at 200 dpi', async () => {
    const page = await firstPage(await textPdf([['Application for life insurance', 'Policy number P2024000123']]));
    expect(page).toMatchObject({ ...a4(200), dpi: 200, flags: [] });
    expect(page.text).toContain('Application for life insurance');
    expect(page.text).toContain('P2024000123');
  });

  it('extracts a Chinese text layer as ordinary characters', async () => {
    const page = await firstPage(await chineseTextPdf(form));
    expect(page.dpi).toBe(200);
    for (const text of ['人身保险投保单', '居民身份证', '110101199003071234', '张三']) expect(page.text).toContain(text);
  });
});

describe('memory', () => {
  /**
   * 300 pages of A4 at 150 dpi (JPEG in TIFF, as feeders write), read one at a time and dropped:
   * the footprint is one page's work (pixels, their copies and encodings: some 10 MB) plus the
   * allocator's and libvips's caches, measured at 45–80 MB over the run. Holding every page's
   * pixels would cost 650 MB (checked below), and even the finished pages alone about 120 MB:
   * a bound of 120 MB lets neither through.
   */
  it('reads a 300-page TIFF page by page within a bounded footprint', async () => {
    const variants = await Promise.all([form, healthDeclaration(customer), { title: '', fields: [] }].map((f) => scanTiff([f], { dpi: 150 })));
    const tiff = joinTiffs(Array.from({ length: 300 }, (_, i) => variants[i % variants.length]!));
    const media = await openMedia(tiff, defaultLimits);
    expect(media.pageCount).toBe(300);
    const mb = (bytes: number) => bytes / 1024 / 1024;
    const before = process.memoryUsage().rss;
    let peak = before;
    let pixels = 0;
    for (let i = 0; i < media.pageCount; i++) {
      const page = await media.page(i, { ocr: true });
      expect(page.index).toBe(i);
      pixels += page.width * page.height;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    await media.close();
    expect(mb(peak - before)).toBeLessThan(120);
    expect(mb(pixels)).toBeGreaterThan(600);
  }, 240_000);
});

describe('MediaReader', () => {
  let reader: MediaReader;
  beforeAll(() => {
    reader = MediaReader.start(2);
  });
  afterAll(() => reader.close());

  it('reads files in reader processes with the same result as in place', async () => {
    const scan = await scanForm(form, { dpi: 200, color: true });
    const local = await firstPage(Buffer.from(scan));
    const media = await reader.open(scan, defaultLimits);
    expect(media).toMatchObject({ format: 'jpeg', pageCount: 1 });
    const page = await media.page(0, { ocr: true });
    await media.close();
    expect(Buffer.isBuffer(page.image) && Buffer.isBuffer(page.thumbnail) && Buffer.isBuffer(page.ocr!.image)).toBe(true);
    expect({ ...page, image: page.image.length, thumbnail: page.thumbnail.length, ocr: { ...page.ocr, image: page.ocr!.image.length } }).toEqual({
      ...local,
      image: local.image.length,
      thumbnail: local.thumbnail.length,
      ocr: { ...local.ocr, image: local.ocr!.image.length },
    });
  });

  it('carries refusals across as RejectedFile', async () => {
    const refusal = await reader.open(Buffer.from('not an image'), defaultLimits).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RejectedFile);
    expect(refusal).toMatchObject({ reason: 'unknownFormat' });
  });

  it('reads more files than processes, each waiting for a free one', async () => {
    const files = await Promise.all([150, 200, 300].map((dpi) => scanForm(form, { dpi, format: 'png' })));
    const dpis = await Promise.all(
      files.map(async (file) => {
        const media = await reader.open(file, defaultLimits);
        try {
          return (await media.page(0, { ocr: true })).dpi;
        } finally {
          await media.close();
        }
      }),
    );
    expect(dpis).toEqual([150, 200, 300]);
  });

  it('refuses a file whose process had to be killed as corrupt, and carries on with a new process', async () => {
    // The flood parses for about two minutes here; a small page, even on a loaded machine, in far less.
    const patient = MediaReader.start(1, { stallMs: 20_000 });
    try {
      const flood = await patient.open((await operatorFloodPdf()).data, defaultLimits);
      await expect(flood.page(0, { ocr: true })).rejects.toMatchObject({ reason: 'corrupt' });
      await expect(flood.page(0, { ocr: true })).rejects.toMatchObject({ reason: 'corrupt' });
      await flood.close();
      const small = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ffffff' } }).withMetadata({ density: 150 }).png().toBuffer();
      const media = await patient.open(small, defaultLimits);
      expect((await media.page(0, { ocr: true })).dpi).toBe(150);
      await media.close();
    } finally {
      await patient.close();
    }
  }, 120_000);

  it('refuses a file that blows the reader heap as corrupt, without harming this process', async () => {
    const small = MediaReader.start(1, { heapMb: 256 });
    try {
      const bomb = await small.open((await heapBombPdf()).data, defaultLimits).catch((error: unknown) => error);
      const page = bomb instanceof RejectedFile ? bomb : await (bomb as OpenedMedia).page(0, { ocr: true }).catch((error: unknown) => error);
      expect(page).toMatchObject({ reason: 'corrupt' });
      const media = await small.open(await scanForm(form, { dpi: 150 }), defaultLimits);
      expect((await media.page(0, { ocr: true })).dpi).toBe(150);
      await media.close();
    } finally {
      await small.close();
    }
  }, 180_000);
});
