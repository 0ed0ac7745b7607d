import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine, ocrLanguages } from '../../electron/ingest/ocr/choose-engine.js';
import { createNativeTesseract, nativeTesseractAvailable } from '../../electron/ingest/ocr/native-tesseract.js';
import { createTesseractJs } from '../../electron/ingest/ocr/tesseract-js.js';
import { classifyDocument } from '../../electron/ingest/recognise/classify.js';
import { extractIdentifiers } from '../../electron/ingest/recognise/identifiers.js';
import { preparePage } from '../../electron/ingest/ocr/prepare-page.js';
import type { OcrEngine, OcrInput } from '../../electron/ingest/types.js';
import { documentTypeCatalogue } from '../../electron/records/document-type-catalogue.js';
import { applicationForm, type FormSpec, healthDeclaration, scanForm, type ScanOptions } from '../support/scans.js';

/**
 * Real OCR of generated scans (ruled Chinese forms, skewed and speckled), by both engines. The
 * engines are what the app runs; nothing is mocked.
 */
const languages = ocrLanguages({ traditionalChinese: false });
const types = documentTypeCatalogue.map((t) => ({ id: t.code, code: t.code, keywords: t.keywords }));
const customer = { name: '张伟明', idNumber: '11010519491231002X', policyNumber: 'P2024-00012345', mobile: '13812345678' };
const hasNative = await nativeTesseractAvailable(languages);

/** The scan as the media reader hands it to OCR: its greyscale pixels readied, at its resolution. */
async function ocrInput(form: FormSpec, options: ScanOptions): Promise<OcrInput> {
  const { data, info } = await sharp(await scanForm(form, options)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return preparePage({ data, width: info.width, height: info.height }, options.dpi ?? 300);
}

const engines: OcrEngine[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

function flat(text: string): string {
  return text.replace(/\s+/g, '');
}

describe.skipIf(!hasNative)('native tesseract', () => {
  const engine = createNativeTesseract({ concurrency: 2 });
  engines.push(engine);

  it('reads name, ID number and policy number from the cells of an application form at 300 dpi', async () => {
    const page = await ocrInput(applicationForm(customer), { dpi: 300, skew: 1.5, noise: 0.004, seed: 3 });
    const { text, confidence } = await engine.recognize(page, languages);
    expect(flat(text)).toContain(customer.name);
    expect(flat(text)).toContain(customer.idNumber);
    expect(flat(text)).toContain(customer.policyNumber);
    expect(confidence).toBeGreaterThan(70);

    const found = extractIdentifiers([{ pageNo: 1, text }]);
    expect(found.idNumbers.map((f) => f.value)).toEqual([customer.idNumber]);
    expect(found.policyNumbers[0]).toEqual({ value: customer.policyNumber, page: 1, labelled: true });
    expect(found.mobiles.map((f) => f.value)).toEqual([customer.mobile]);
    expect(classifyDocument(text, types)?.code).toBe('application_form');
  });

  it('reads a noisy health declaration at 200 dpi and an application form at 150 dpi', async () => {
    const [health, small] = await Promise.all([
      ocrInput(healthDeclaration(customer), { dpi: 200, skew: -1.2, noise: 0.01, seed: 5 }),
      ocrInput(applicationForm(customer), { dpi: 150, skew: 1, noise: 0.004, seed: 7 }),
    ]);
    const [healthText, smallText] = await Promise.all([engine.recognize(health, languages), engine.recognize(small, languages)]);
    expect(extractIdentifiers([{ pageNo: 1, text: healthText.text }]).idNumbers.map((f) => f.value)).toEqual([customer.idNumber]);
    expect(classifyDocument(healthText.text, types)?.code).toBe('health_declaration');
    expect(extractIdentifiers([{ pageNo: 1, text: smallText.text }]).idNumbers.map((f) => f.value)).toEqual([customer.idNumber]);
  });

  it('fails with a clear error, never hangs: missing program, timeout, unreadable image', async () => {
    const page = await ocrInput(applicationForm(customer), { dpi: 150 });
    const missing = createNativeTesseract({ binary: '/nonexistent/tesseract' });
    await expect(missing.recognize(page, languages)).rejects.toThrow(/could not be started/);
    const hurried = createNativeTesseract({ timeoutMs: 50 });
    await expect(hurried.recognize(page, languages)).rejects.toThrow(/did not finish a page within 0.05 s/);
    await expect(engine.recognize({ image: Buffer.from('not an image'), dpi: 300, dpiKnown: true }, languages)).rejects.toThrow();
    await expect(engine.recognize(page, ['--psm'])).rejects.toThrow(/language code/);
    await Promise.all([missing.close(), hurried.close()]);
  });

  it('reports which languages are installed', async () => {
    expect(await nativeTesseractAvailable(['chi_sim', 'chi_tra', 'eng'])).toBe(true);
    expect(await nativeTesseractAvailable(['chi_sim', 'klingon'])).toBe(false);
    expect(await nativeTesseractAvailable(['eng'], '/nonexistent/tesseract')).toBe(false);
  });
});

describe('tesseract.js', () => {
  it('reads name, ID number and policy number from the cells of an application form', { timeout: 90_000 }, async () => {
    const engine = createTesseractJs({ workers: 1 });
    engines.push(engine);
    const page = await ocrInput(applicationForm(customer), { dpi: 300, skew: -1, noise: 0.004, seed: 11 });
    const { text, confidence } = await engine.recognize(page, languages);
    expect(flat(text)).toContain(customer.name);
    expect(flat(text)).toContain(customer.idNumber);
    expect(flat(text)).toContain(customer.policyNumber);
    expect(confidence).toBeGreaterThan(70);
    expect(classifyDocument(text, types)?.code).toBe('application_form');
  });
});

describe('createOcrEngine', () => {
  it('uses tesseract.js when asked to, and the native program when it is installed', async () => {
    const wasm = await createOcrEngine({ prefer: 'wasm', languages });
    engines.push(wasm);
    expect(wasm.name).toBe('tesseract.js');
    const chosen = await createOcrEngine({ languages });
    engines.push(chosen);
    expect(chosen.name).toBe(hasNative ? 'tesseract' : 'tesseract.js');
    const fallback = await createOcrEngine({ prefer: 'native', languages, binary: '/nonexistent/tesseract' });
    engines.push(fallback);
    expect(fallback.name).toBe('tesseract.js');
  });

  it('adds Traditional Chinese only when the office asks for it', () => {
    expect(ocrLanguages({ traditionalChinese: false })).toEqual(['chi_sim', 'eng']);
    expect(ocrLanguages({ traditionalChinese: true })).toEqual(['chi_sim', 'chi_tra', 'eng']);
  });
});
