import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { seededRandom } from '../../electron/demo/generate.js';

/**
 * Realistic scanned paper for tests and benchmarks, generated rather than shipped: Chinese forms
 * drawn as ruled tables (labels in cells, values beside them), then scanned: A4 at a chosen
 * resolution, slightly skewed, grey or colour with a red seal, speckled with noise.
 */
export interface FormField {
  label: string;
  value: string;
}

export interface FormSpec {
  title: string;
  fields: FormField[];
  /** Free lines of text below the table (declarations, clauses). */
  lines?: string[];
  /** A red round seal in the corner (kept only by colour scans). */
  seal?: string;
}

export interface ScanOptions {
  dpi?: number;
  /** Degrees; small angles as from a feeder. */
  skew?: number;
  /** Share of pixels turned to specks, 0–0.02 is realistic. */
  noise?: number;
  color?: boolean;
  format?: 'jpeg' | 'png' | 'tiff';
  seed?: number;
}

const a4 = { widthMm: 210, heightMm: 297 };
const font = 'Noto Sans CJK SC';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The form as SVG, drawn at `dpi`. */
export function formSvg(form: FormSpec, dpi: number): { svg: string; width: number; height: number } {
  const mm = dpi / 25.4;
  const width = Math.round(a4.widthMm * mm);
  const height = Math.round(a4.heightMm * mm);
  const left = 20 * mm;
  const tableWidth = width - 40 * mm;
  const row = 12 * mm;
  const size = 4.2 * mm;
  const parts: string[] = [
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="${30 * mm}" font-family="${font}" font-size="${7 * mm}" text-anchor="middle" font-weight="bold">${escapeXml(form.title)}</text>`,
  ];
  let y = 45 * mm;
  for (const field of form.fields) {
    parts.push(
      `<rect x="${left}" y="${y}" width="${tableWidth * 0.32}" height="${row}" fill="none" stroke="black" stroke-width="${0.3 * mm}"/>`,
      `<rect x="${left + tableWidth * 0.32}" y="${y}" width="${tableWidth * 0.68}" height="${row}" fill="none" stroke="black" stroke-width="${0.3 * mm}"/>`,
      `<text x="${left + 2 * mm}" y="${y + row * 0.68}" font-family="${font}" font-size="${size}">${escapeXml(field.label)}</text>`,
      `<text x="${left + tableWidth * 0.32 + 3 * mm}" y="${y + row * 0.68}" font-family="${font}" font-size="${size}">${escapeXml(field.value)}</text>`,
    );
    y += row;
  }
  y += 12 * mm;
  for (const line of form.lines ?? []) {
    parts.push(`<text x="${left}" y="${y}" font-family="${font}" font-size="${size}">${escapeXml(line)}</text>`);
    y += 8 * mm;
  }
  if (form.seal) {
    const cx = width - 50 * mm;
    const cy = height - 55 * mm;
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${20 * mm}" fill="none" stroke="#d01010" stroke-width="${1.2 * mm}"/>`,
      `<text x="${cx}" y="${cy + 2 * mm}" font-family="${font}" font-size="${4 * mm}" fill="#d01010" text-anchor="middle">${escapeXml(form.seal)}</text>`,
    );
  }
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`, width, height };
}

/** An SVG or image already at page size, scanned: skew, noise, grey or colour, encoded. */
export async function scanImage(page: Buffer, options: ScanOptions = {}): Promise<Buffer> {
  const { dpi = 300, skew = 0, noise = 0.002, color = false, format = 'jpeg', seed = 1 } = options;
  let image = sharp(page, { density: 72 }).flatten({ background: '#ffffff' });
  if (skew) image = image.rotate(skew, { background: '#ffffff' });
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rng = seededRandom(seed);
  const specks = Math.floor(info.width * info.height * noise);
  for (let i = 0; i < specks; i++) {
    const at = Math.floor(rng() * info.width * info.height) * info.channels;
    const shade = rng() < 0.5 ? 40 : 200;
    for (let c = 0; c < info.channels; c++) data[at + c] = shade;
  }
  let out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  // One channel, as a scanner in grey mode writes it (withMetadata would turn it back into sRGB).
  if (!color) out = out.toColourspace('b-w');
  out = out.withDensity(dpi);
  if (format === 'png') return out.png().toBuffer();
  if (format === 'tiff') return out.tiff({ compression: 'lzw', xres: dpi / 25.4, yres: dpi / 25.4 }).toBuffer();
  return out.jpeg({ quality: 82 }).toBuffer();
}

/** A form rendered and scanned in one step. */
export async function scanForm(form: FormSpec, options: ScanOptions = {}): Promise<Buffer> {
  const { svg } = formSvg(form, options.dpi ?? 300);
  return scanImage(Buffer.from(svg), options);
}

/** An empty sheet as the feeder scans it: white with a little noise. */
export async function blankScan(options: ScanOptions = {}): Promise<Buffer> {
  return scanForm({ title: '', fields: [] }, { noise: 0.0005, ...options });
}

/** An application form with the values that identify a customer and a policy. */
export function applicationForm(values: { name: string; idNumber: string; policyNumber?: string; mobile?: string }): FormSpec {
  return {
    title: '人身保险投保单',
    fields: [
      { label: '投保人姓名', value: values.name },
      { label: '证件类型', value: '居民身份证' },
      { label: '证件号码', value: values.idNumber },
      { label: '联系电话', value: values.mobile ?? '' },
      { label: '保单号', value: values.policyNumber ?? '' },
      { label: '险种名称', value: '终身寿险' },
    ],
    lines: ['投保人声明：本人已阅读保险条款，了解责任免除内容。', '投保人签名：'],
    seal: '业务专用章',
  };
}

/** A health declaration, another common paper with the insured's identifiers. */
export function healthDeclaration(values: { name: string; idNumber: string }): FormSpec {
  return {
    title: '健康告知书',
    fields: [
      { label: '被保险人姓名', value: values.name },
      { label: '证件号码', value: values.idNumber },
      { label: '身高体重', value: '170cm 65kg' },
      { label: '既往病史', value: '无' },
    ],
    lines: ['被保险人确认以上健康告知内容属实。'],
  };
}

/**
 * Single-page TIFFs (as sharp writes them: little-endian, one IFD) joined into one multi-page
 * file, as a feeder writes a stack. Each page's bytes are copied whole and every offset in its
 * directory moved by where the page landed; no pixel is decoded, so 300 pages cost nothing.
 */
export function joinTiffs(pages: Buffer[]): Buffer {
  const typeSizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
  const offsetTags = new Set([273, 324, 513]); // strip offsets, tile offsets, JPEG interchange format
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 0x2a, 0, 0, 0, 0, 0])];
  let position = 8;
  const ifds: number[] = [];
  for (const source of pages) {
    if (source.readUInt16LE(0) !== 0x4949) throw new Error('joinTiffs takes little-endian TIFFs');
    const page = Buffer.from(source.subarray(8));
    const delta = position - 8;
    const at = (offset: number) => offset - 8; // an offset in the source, within `page`
    const ifd = source.readUInt32LE(4);
    const entries = page.readUInt16LE(at(ifd));
    for (let i = 0; i < entries; i++) {
      const entry = at(ifd) + 2 + i * 12;
      const tag = page.readUInt16LE(entry);
      const size = (typeSizes[page.readUInt16LE(entry + 2)] ?? 1) * page.readUInt32LE(entry + 4);
      const count = page.readUInt32LE(entry + 4);
      const inline = size <= 4;
      if (!inline) page.writeUInt32LE(page.readUInt32LE(entry + 8) + delta, entry + 8);
      if (!offsetTags.has(tag)) continue;
      const short = page.readUInt16LE(entry + 2) === 3;
      const values = inline ? entry + 8 : at(page.readUInt32LE(entry + 8) - delta);
      for (let k = 0; k < count; k++) {
        if (short) page.writeUInt16LE(page.readUInt16LE(values + k * 2) + delta, values + k * 2);
        else page.writeUInt32LE(page.readUInt32LE(values + k * 4) + delta, values + k * 4);
      }
    }
    ifds.push(ifd + delta);
    parts.push(page);
    position += page.length;
    if (position % 2) {
      parts.push(Buffer.alloc(1));
      position++;
    }
  }
  const out = Buffer.concat(parts);
  out.writeUInt32LE(ifds[0] ?? 0, 4);
  ifds.forEach((ifd, i) => {
    const next = out.readUInt16LE(ifd) * 12 + ifd + 2;
    out.writeUInt32LE(ifds[i + 1] ?? 0, next);
  });
  return out;
}

/** Forms scanned into one multi-page TIFF, grey, JPEG-compressed as many feeders write them. */
export async function scanTiff(forms: FormSpec[], options: ScanOptions = {}): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  const pages = await Promise.all(
    forms.map(async (form, i) => {
      const scan = await scanForm(form, { ...options, dpi, format: 'png', seed: (options.seed ?? 1) + i });
      return sharp(scan).tiff({ compression: 'jpeg', quality: 80, xres: dpi / 25.4, yres: dpi / 25.4 }).toBuffer();
    }),
  );
  return joinTiffs(pages);
}

/** A black-and-white scan: one bit per pixel, as a 1-bit PNG or a CCITT G4 TIFF. */
export async function bilevelScan(form: FormSpec, options: { dpi?: number; format: 'png' | 'tiff' }): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  const grey = await scanForm(form, { dpi, format: 'png', noise: 0 });
  const bits = sharp(grey).toColourspace('b-w').threshold(128).withDensity(dpi);
  if (options.format === 'png') return bits.png({ palette: true, colours: 2, dither: 0 }).toBuffer();
  return bits.tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4 }).toBuffer();
}

/**
 * A portrait page stored lying on its side with EXIF orientation 6 ("turn 90° clockwise to
 * view"), as phones and some scanner apps save them.
 */
export async function sidewaysScan(form: FormSpec, options: ScanOptions = {}): Promise<Buffer> {
  const upright = await scanForm(form, { ...options, format: 'png' });
  const stored = await sharp(upright).rotate(270).png().toBuffer();
  return sharp(stored)
    .withMetadata({ orientation: 6, density: options.dpi ?? 300 })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** An image-only PDF as scanner software makes it: each JPEG scan on a page sized for `dpi`. */
export async function scannedPdf(scans: Buffer[], dpi: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const scan of scans) {
    const image = await pdf.embedJpg(scan);
    const width = (image.width / dpi) * 72;
    const height = (image.height / dpi) * 72;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await pdf.save());
}

/** A born-digital PDF with an English text layer (pdf-lib's standard fonts have no Chinese). */
export async function textPdf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595.28, 841.89]);
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 770 - i * 20, size: 12, font }));
  }
  return Buffer.from(await pdf.save());
}

/**
 * A born-digital Chinese PDF with a real text layer, printed by Chromium as office software
 * would: the CJK font embedded as CID glyphs with a ToUnicode map.
 */
export async function chineseTextPdf(form: FormSpec): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pdf-'));
  try {
    const rows = form.fields.map((f) => `<tr><th>${escapeXml(f.label)}</th><td>${escapeXml(f.value)}</td></tr>`).join('');
    const lines = (form.lines ?? []).map((line) => `<p>${escapeXml(line)}</p>`).join('');
    const html = `<!doctype html><meta charset="utf-8"><style>body{font-family:"${font}";font-size:12pt}th,td{border:1px solid #000;padding:4px 8px;text-align:left}</style><h1>${escapeXml(form.title)}</h1><table>${rows}</table>${lines}`;
    writeFileSync(join(dir, 'form.html'), html);
    const out = join(dir, 'form.pdf');
    await promisify(execFile)(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      `file://${join(dir, 'form.html')}`,
    ]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
