import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFString } from 'pdf-lib';
import { seededRandom } from '../../electron/demo/generate.js';
import { applicationForm, scanForm, scannedPdf, textPdf } from './scans.js';

/**
 * Files an archive must refuse without crashing or exhausting memory, each as a name and bytes,
 * the name lying about the content where that is the point. All are made here, none shipped.
 */
export interface HostileFile {
  name: string;
  data: Buffer;
}

const form = applicationForm({ name: '张三', idNumber: '110101199003071234', policyNumber: 'P2024000123' });

export function emptyFile(): HostileFile {
  return { name: '空白.pdf', data: Buffer.alloc(0) };
}

/** Noise that only claims to be a photo. */
export function randomBytesAsJpeg(): HostileFile {
  const rng = seededRandom(7);
  const data = Buffer.from(Array.from({ length: 1024 }, () => Math.floor(rng() * 256)));
  data[0] = 0x00; // never a signature by chance
  return { name: 'scan.jpg', data };
}

/**
 * A decompression bomb: a well-formed PNG whose header declares 50000×50000 grey pixels (2.5
 * gigapixels) over a few hundred bytes of zlib, which would inflate row after row of zeros.
 */
export function pngBomb(): HostileFile {
  const width = 50_000;
  const height = 50_000;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * 64); // the first 64 rows; a decoder wants all 50000
  return { name: 'bomb.png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]) };
}

function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), body])));
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A scanned PDF whose image claims 50000×50000 pixels: the PDF form of a decompression bomb. */
export async function pdfImageBomb(): Promise<HostileFile> {
  const pdf = await PDFDocument.load(await scannedPdf([await scanForm(form, { dpi: 150 })], 150));
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    object.dict.set(PDFName.of('Width'), PDFNumber.of(50_000));
    object.dict.set(PDFName.of('Height'), PDFNumber.of(50_000));
  }
  return { name: '扫描件.pdf', data: Buffer.from(await pdf.save()) };
}

/** A scan cut off at 60 %, as a copy still being written into a hot folder. */
export async function truncatedJpeg(): Promise<HostileFile> {
  const scan = await scanForm(form, { dpi: 200 });
  return { name: '投保单.jpg', data: scan.subarray(0, Math.floor(scan.length * 0.6)) };
}

export async function truncatedPdf(): Promise<HostileFile> {
  const pdf = await scannedPdf([await scanForm(form, { dpi: 150 })], 150);
  return { name: '投保单.pdf', data: pdf.subarray(0, Math.floor(pdf.length * 0.6)) };
}

/** A PDF with a JavaScript action run when it opens. */
export async function openActionScriptPdf(): Promise<HostileFile> {
  const pdf = await PDFDocument.load(await textPdf([['Please enable scripts to view this form.']]));
  const action = pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.launchURL('http://example.invalid/', true);") });
  pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(action));
  return { name: '保单.pdf', data: Buffer.from(await pdf.save()) };
}

/** JavaScript on a page's own open action (its /AA), which only the page knows about. */
export async function pageActionScriptPdf(): Promise<HostileFile> {
  const pdf = await PDFDocument.load(await textPdf([['Page one of a form.']]));
  const action = pdf.context.obj({ S: 'JavaScript', JS: PDFString.of('this.print();') });
  pdf.getPage(0).node.set(PDFName.of('AA'), pdf.context.obj({ O: action }));
  return { name: '表单.pdf', data: Buffer.from(await pdf.save()) };
}

/**
 * One page of four million drawing operators, 100 KB deflated: pdf.js parses it for many seconds
 * and hundreds of MB of heap. Hostile by weight rather than by structure.
 */
export async function operatorFloodPdf(): Promise<HostileFile> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const content = deflateSync(Buffer.from('0 0 m 1 1 l S\n'.repeat(4_000_000)));
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(content, { Filter: 'FlateDecode' })));
  return { name: '图纸.pdf', data: Buffer.from(await pdf.save()) };
}

/**
 * One page whose content is a single array of twenty million numbers, 20 KB deflated: pdf.js
 * builds it in one piece, past any heap limit. In a worker thread this took the whole process
 * down; the reader's child process dies alone.
 */
export async function heapBombPdf(): Promise<HostileFile> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const content = deflateSync(Buffer.concat([Buffer.from('['), Buffer.alloc(40_000_000, '0 '), Buffer.from('] 0 d\n')]));
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(content, { Filter: 'FlateDecode' })));
  return { name: '说明书.pdf', data: Buffer.from(await pdf.save()) };
}

/** 1,100 empty pages, over the 1,000-page limit: pages share nothing costly, so it stays small. */
export async function thousandPagePdf(pages = 1100): Promise<HostileFile> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([595.28, 841.89]);
  return { name: '合同汇编.pdf', data: Buffer.from(await pdf.save()) };
}

export async function pdfNamedPng(): Promise<HostileFile> {
  return { name: 'scan.png', data: await textPdf([['A PDF whose name says PNG.']]) };
}

export function textNamedPdf(): HostileFile {
  return { name: '保单.pdf', data: Buffer.from('This is a note, not a PDF.\n这是一段文字，不是 PDF。\n') };
}

/**
 * A PDF protected by a user password ("secret"), written by hand because pdf-lib cannot encrypt:
 * the standard security handler, revision 2 (RC4, 40-bit key), as PDF 32000-1 §7.6.3 computes it.
 */
export function encryptedPdf(password = 'secret'): HostileFile {
  const padding = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
  const pad = (text: string) => Buffer.concat([Buffer.from(text, 'latin1'), padding]).subarray(0, 32);
  const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const id = md5(Buffer.from('dossier-encrypted-test'));
  const permissions = -4;
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  // Algorithm 3: the owner entry, from an owner password of its own.
  const owner = rc4(md5(pad('owner-' + password)).subarray(0, 5), pad(password));
  // Algorithm 2: the file key; algorithm 4: the user entry.
  const key = md5(pad(password), owner, p, id).subarray(0, 5);
  const user = rc4(key, padding);
  // Algorithm 1: each object's strings and streams under a key salted with its number.
  const objectKey = (num: number) => md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from('BT /F1 24 Tf 72 720 Td (Confidential) Tj ET'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return { name: '加密保单.pdf', data: writePdf(objects, `/Root 1 0 R /Encrypt 5 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`) };
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** A classic PDF around numbered objects: header, bodies, cross-reference table, trailer. */
function writePdf(objects: (string | Buffer)[], trailer: string): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
