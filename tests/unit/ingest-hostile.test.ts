import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { checkFileName } from '../../electron/ingest/media/file-name.js';
import { openMedia } from '../../electron/ingest/media/open-media.js';
import { bytesHaveScripts, documentHasScripts, pageHasScripts } from '../../electron/ingest/media/pdf-scripts.js';
import { defaultLimits, type IngestLimits, relaxedLimits, RejectedFile } from '../../electron/ingest/types.js';
import {
  emptyFile,
  encryptedPdf,
  openActionScriptPdf,
  pageActionScriptPdf,
  pdfImageBomb,
  pdfNamedPng,
  pngBomb,
  randomBytesAsJpeg,
  textNamedPdf,
  thousandPagePdf,
  truncatedJpeg,
  truncatedPdf,
} from '../support/hostile-files.js';
import { applicationForm, scanForm, scannedPdf, scanTiff } from '../support/scans.js';

const form = applicationForm({ name: '张三', idNumber: '110101199003071234' });

/** Opens the file and reads every page, as the pipeline would: the refusal, or null. */
async function refusal(data: Buffer, limits: IngestLimits = defaultLimits): Promise<RejectedFile | null> {
  try {
    const media = await openMedia(data, limits);
    try {
      for (let i = 0; i < media.pageCount; i++) await media.page(i, { ocr: true });
    } finally {
      await media.close();
    }
    return null;
  } catch (error) {
    if (error instanceof RejectedFile) return error;
    throw error;
  }
}

describe('hostile files', () => {
  it('refuses an empty file', async () => {
    expect(await refusal(emptyFile().data)).toMatchObject({ reason: 'empty' });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const scan = await scanForm(form, { dpi: 150 });
    expect(await refusal(scan, { ...defaultLimits, maxFileBytes: 1000 })).toMatchObject({ reason: 'tooLarge', values: { size: scan.length, max: 1000 } });
  });

  it('refuses random bytes named .jpg and text named .pdf as unknown formats', async () => {
    expect(await refusal(randomBytesAsJpeg().data)).toMatchObject({ reason: 'unknownFormat' });
    expect(await refusal(textNamedPdf().data)).toMatchObject({ reason: 'unknownFormat' });
  });

  it('reads a PDF named .png as the PDF it is', async () => {
    const media = await openMedia((await pdfNamedPng()).data, defaultLimits);
    expect(media).toMatchObject({ format: 'pdf', pageCount: 1 });
    expect((await media.page(0, { ocr: true })).text).toContain('A PDF whose name says PNG');
    await media.close();
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const before = process.memoryUsage().rss;
    expect(await refusal(pngBomb().data)).toMatchObject({ reason: 'tooManyPixels', values: { pixels: 2_500_000_000, max: defaultLimits.maxPagePixels } });
    expect((process.memoryUsage().rss - before) / 1024 / 1024).toBeLessThan(50);
  });

  it('never decodes a PDF image claiming 2.5 gigapixels: the page is read without it, and flagged blank', async () => {
    const media = await openMedia((await pdfImageBomb()).data, defaultLimits);
    expect((await media.page(0, { ocr: true })).flags).toContain('blank');
    await media.close();
  });

  it('refuses a page with more pixels than the limit allows', async () => {
    const scan = await scanForm(form, { dpi: 150 });
    expect(await refusal(scan, { ...defaultLimits, maxPagePixels: 1_000_000 })).toMatchObject({ reason: 'tooManyPixels', values: { pixels: 1240 * 1754, max: 1_000_000 } });
  });

  it('refuses files cut short: JPEG, PNG, multi-page TIFF, PDF', async () => {
    expect(await refusal((await truncatedJpeg()).data)).toMatchObject({ reason: 'truncated' });
    const png = await scanForm(form, { dpi: 150, format: 'png' });
    expect(await refusal(png.subarray(0, png.length / 2))).toMatchObject({ reason: 'truncated' });
    const tiff = await scanTiff([form, form], { dpi: 150 });
    expect(await refusal(tiff.subarray(0, Math.floor(tiff.length * 0.9)))).toMatchObject({ reason: 'truncated' });
    expect(await refusal((await truncatedPdf()).data)).toMatchObject({ reason: 'truncated' });
  });

  it('refuses files that are broken rather than cut: garbage behind a valid signature', async () => {
    expect(await refusal(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]))).toMatchObject({ reason: 'corrupt' });
    expect(await refusal(Buffer.from(`%PDF-1.4\n${'x'.repeat(2000)}\n%%EOF\n`))).toMatchObject({ reason: 'corrupt' });
    const png = Buffer.from(await scanForm(form, { dpi: 150, format: 'png' }));
    const idat = png.indexOf('IDAT');
    png.fill(0x55, idat + 20, idat + 200);
    expect(await refusal(png)).toMatchObject({ reason: 'corrupt' });
  });

  it('refuses a password-protected PDF (one pdf.js opens with the password)', async () => {
    const { data } = encryptedPdf('secret');
    expect(await refusal(Buffer.from(data))).toMatchObject({ reason: 'encryptedPdf' });
    const doc = await getDocument({ data: new Uint8Array(data), password: 'secret', verbosity: 0 }).promise;
    const text = await (await doc.getPage(1)).getTextContent();
    expect(text.items.map((item) => ('str' in item ? item.str : '')).join('')).toBe('Confidential');
    await doc.destroy();
  });

  it('refuses PDFs with JavaScript: on opening the document, on opening a page', async () => {
    expect(await refusal((await openActionScriptPdf()).data)).toMatchObject({ reason: 'pdfScripts' });
    expect(await refusal((await pageActionScriptPdf()).data)).toMatchObject({ reason: 'pdfScripts' });
  });

  it('finds scripts both in compressed object streams and through pdf.js', async () => {
    const opening = (await openActionScriptPdf()).data;
    const page = (await pageActionScriptPdf()).data;
    const plain = (await pdfNamedPng()).data;
    // pdf-lib compresses dictionaries into object streams: a plain byte search sees nothing.
    expect([opening.includes('/JavaScript'), page.includes('/JavaScript')]).toEqual([false, false]);
    expect([bytesHaveScripts(opening), bytesHaveScripts(page), bytesHaveScripts(plain)]).toEqual([true, true, false]);
    const load = (data: Buffer) => getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
    const [openingDoc, pageDoc, plainDoc] = await Promise.all([load(opening), load(page), load(plain)]);
    expect([await documentHasScripts(openingDoc), await documentHasScripts(pageDoc), await documentHasScripts(plainDoc)]).toEqual([true, false, false]);
    expect([await pageHasScripts(await pageDoc.getPage(1)), await pageHasScripts(await plainDoc.getPage(1))]).toEqual([true, false]);
    await Promise.all([openingDoc.destroy(), pageDoc.destroy(), plainDoc.destroy()]);
  });

  it('finds a script name spelt with #xx escapes', () => {
    expect(bytesHaveScripts(Buffer.from('%PDF-1.4\n1 0 obj << /S /Java#53cript /J#53 (app.alert(1)) >> endobj\n%%EOF'))).toBe(true);
    expect(bytesHaveScripts(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Font /BaseFont /JSans >> endobj\n%%EOF'))).toBe(false);
  });

  it('reads script names in dictionaries only: image data that happens to hold /JS is a scan, not a script', async () => {
    const scan = await scanForm({ title: '保险合同', fields: [] }, { dpi: 100 });
    // A comment segment right after the JPEG's start marker, as scanner software writes them.
    const text = Buffer.from(' /JS (x) /JavaScript ', 'latin1');
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
    const jpeg = Buffer.concat([scan.subarray(0, 2), segment, scan.subarray(2)]);
    const pdf = await scannedPdf([jpeg], 100);
    expect(pdf.includes('/JS (x)')).toBe(true);
    expect(bytesHaveScripts(pdf)).toBe(false);
    expect((await openMedia(pdf, defaultLimits)).pageCount).toBe(1);
  });

  it('refuses a PDF of 1,100 pages, which relaxed limits then admit', async () => {
    const { data } = await thousandPagePdf();
    expect(await refusal(Buffer.from(data))).toMatchObject({ reason: 'tooManyPages', values: { pages: 1100, max: 1000 } });
    const media = await openMedia(Buffer.from(data), relaxedLimits);
    expect(media.pageCount).toBe(1100);
    await media.close();
  });
});

describe('file names', () => {
  it('accepts ordinary names: Chinese, spaces, parentheses, dots', () => {
    for (const name of ['投保单 张三 (2).pdf', 'scan_0001.TIF', '合同...副本.pdf', '健康告知书（补充）.jpg', 'a'.repeat(255)]) {
      expect(() => checkFileName(name)).not.toThrow();
    }
  });

  it('refuses empty, overlong, disguised and path-like names', () => {
    const problem = (name: string) => {
      try {
        checkFileName(name);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(RejectedFile);
        expect((error as RejectedFile).reason).toBe('badFileName');
        return (error as RejectedFile).values;
      }
    };
    expect(problem('')).toEqual({ problem: 'empty' });
    expect(problem('   ')).toEqual({ problem: 'empty' });
    expect(problem('长'.repeat(256))).toEqual({ problem: 'tooLong', length: 256, max: 255 });
    expect(problem('scan\u0000.pdf')).toEqual({ problem: 'control' });
    expect(problem('scan\n.pdf')).toEqual({ problem: 'control' });
    expect(problem('invoice\u202efdp.exe')).toEqual({ problem: 'bidi' });
    expect(problem('\u2066保单\u2069.pdf')).toEqual({ problem: 'bidi' });
    for (const name of ['../etc/passwd', 'a/b.pdf', 'a\\b.pdf', 'C:scan.pdf', '..', '.']) expect(problem(name)).toEqual({ problem: 'path' });
  });
});
