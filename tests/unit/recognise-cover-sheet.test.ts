import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import {
  type CoverSheetPayload,
  coverSheetQrSvg,
  decodeCoverSheet,
  encodeCoverSheet,
  readQrCodes,
} from '../../electron/ingest/recognise/cover-sheet.js';
import { applicationForm, scanForm, scanImage, type ScanOptions } from '../support/scans.js';

const sheet: CoverSheetPayload = {
  archiveId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  customerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c',
  policyId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a7d',
  documentTypeCode: 'beneficiary_designation',
  batchLabel: '2025-01-15 张小明',
};

/** A printed cover sheet as the scanner returns it: the code `sizeMm` wide near the top left, a heading beside it. */
async function coverSheetScan(payload: string, options: ScanOptions & { sizeMm?: number }): Promise<Buffer> {
  const { sizeMm = 40, ...scan } = options;
  const dpi = scan.dpi ?? 300;
  const mm = dpi / 25.4;
  const width = Math.round(210 * mm);
  const height = Math.round(297 * mm);
  const code = (await coverSheetQrSvg(payload)).replace('<svg ', `<svg x="${25 * mm}" y="${30 * mm}" width="${sizeMm * mm}" height="${sizeMm * mm}" `);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="white"/>${code}
    <text x="${80 * mm}" y="${45 * mm}" font-family="Noto Sans CJK SC" font-size="${8 * mm}">档案封面</text>
    <text x="${80 * mm}" y="${58 * mm}" font-family="Noto Sans CJK SC" font-size="${4 * mm}">客户：张** 类型：受益人指定书 批次：${sheet.batchLabel}</text>
  </svg>`;
  const jpeg = await scanImage(Buffer.from(svg), scan);
  // What the media reader hands on: a greyscale PNG.
  return sharp(jpeg).grayscale().png().toBuffer();
}

describe('cover-sheet payload', () => {
  it('round-trips, with and without a policy', () => {
    expect(decodeCoverSheet(encodeCoverSheet(sheet))).toEqual(sheet);
    const noPolicy = { ...sheet, policyId: null };
    expect(encodeCoverSheet(noPolicy)).toBe(`DOSSIER-CS1|${sheet.archiveId}|${sheet.customerId}|-|beneficiary_designation|2025-01-15 张小明`);
    expect(decodeCoverSheet(encodeCoverSheet(noPolicy))).toEqual(noPolicy);
  });

  it('keeps separators and escapes in the batch label from breaking the fields', () => {
    const odd = { ...sheet, batchLabel: 'a|b %7C 100%' };
    expect(encodeCoverSheet(odd).split('|')).toHaveLength(6);
    expect(decodeCoverSheet(encodeCoverSheet(odd))).toEqual(odd);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeCoverSheet({ ...sheet, customerId: 'zhang' })).toThrow(/UUID/);
    expect(() => encodeCoverSheet({ ...sheet, documentTypeCode: 'Application Form' })).toThrow(/document type/);
    expect(() => encodeCoverSheet({ ...sheet, batchLabel: 'line\nbreak' })).toThrow(/control/);
    expect(() => encodeCoverSheet({ ...sheet, batchLabel: 'x'.repeat(101) })).toThrow(/longer/);
  });

  it('rejects anything that is not exactly a cover sheet', () => {
    const valid = encodeCoverSheet(sheet);
    const foreign = [
      '',
      'https://weixin.qq.com/r/abc123',
      'WIFI:S:office;T:WPA;P:secret;;',
      'DOSSIER-CS1',
      valid.replace('DOSSIER-CS1', 'DOSSIER-CS2'),
      valid.replace('DOSSIER-CS1', 'dossier-cs1'),
      `${valid}|extra`,
      valid.split('|').slice(0, 5).join('|'),
      valid.replace(sheet.archiveId, sheet.archiveId.toUpperCase()),
      valid.replace(sheet.customerId, 'not-a-uuid'),
      valid.replace(sheet.policyId!, ''),
      valid.replace('beneficiary_designation', 'Beneficiary'),
      valid.replace('张小明', '张%41'),
      `${valid}\n`,
      ` ${valid}`,
    ];
    for (const text of foreign) expect(decodeCoverSheet(text), text).toBeNull();
  });

  it('prints as an SVG QR code with error correction Q', async () => {
    const svg = await coverSheetQrSvg(encodeCoverSheet(sheet));
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    const expected = await QRCode.toString(encodeCoverSheet(sheet), { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 });
    expect(svg).toBe(expected);
  });
});

describe('readQrCodes', () => {
  const payload = encodeCoverSheet(sheet);

  it.each([
    { dpi: 200, skew: 1.3, noise: 0.008 },
    { dpi: 300, skew: -1.5, noise: 0.005 },
    { dpi: 150, skew: 1.5, noise: 0.008, sizeMm: 35 },
  ])('reads the cover sheet from a skewed, speckled scan at $dpi dpi', async (options) => {
    const page = await coverSheetScan(payload, { ...options, seed: options.dpi });
    const codes = await readQrCodes(page);
    expect(codes).toContain(payload);
    expect(decodeCoverSheet(codes[0]!)).toEqual(sheet);
  });

  it('finds no code on an ordinary form', async () => {
    const page = await sharp(await scanForm(applicationForm({ name: '张伟明', idNumber: '11010519491231002X' }), { dpi: 200, skew: 0.7 })).grayscale().png().toBuffer();
    expect(await readQrCodes(page)).toEqual([]);
  });

  it('reads a QR code that is not a cover sheet, which decodeCoverSheet then refuses', async () => {
    const svg = (await QRCode.toString('https://weixin.qq.com/r/abc123', { type: 'svg' })).replace('<svg ', '<svg width="800" height="800" ');
    const page = await sharp(Buffer.from(svg)).grayscale().png().toBuffer();
    const codes = await readQrCodes(page);
    expect(codes).toEqual(['https://weixin.qq.com/r/abc123']);
    expect(decodeCoverSheet(codes[0]!)).toBeNull();
  });
});
