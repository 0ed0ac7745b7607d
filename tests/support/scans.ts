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
  if (!color) out = out.grayscale();
  out = out.withMetadata({ density: dpi });
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
