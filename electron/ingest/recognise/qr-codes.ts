import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);

/**
 * Pages are searched at most this size: an A4 page at about 135 dpi, which still gives each module
 * of a cover sheet's code three pixels when it is printed 35 mm wide or more, and takes a fraction
 * of the time a 300-dpi page does. Every page of a batch is searched, nearly all in vain.
 */
const maxSide = 1600;

let ready: Promise<unknown> | null = null;

/**
 * The WebAssembly reader, loaded from the installed package: by default zxing-wasm fetches it from
 * a CDN, which an offline office PC cannot reach and which would tell a third party we scan.
 */
function zxing(): Promise<unknown> {
  ready ??= (async () => {
    const path = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasm = await readFile(path);
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary, locateFile: () => path }, fireImmediately: true });
  })();
  ready.catch(() => (ready = null));
  return ready;
}

/** The text of every QR code on a page: an image file (any format sharp reads) or a sharp pipeline. */
export async function readQrCodes(image: Buffer | Sharp): Promise<string[]> {
  await zxing();
  const { data, info } = await (Buffer.isBuffer(image) ? sharp(image) : image)
    // Linear is enough for finding modules three pixels wide and half the cost of the default.
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, colorSpace: 'srgb' };
  const results = await readBarcodes(pixels as unknown as Parameters<typeof readBarcodes>[0], {
    formats: ['QRCode'],
    tryHarder: true,
    // Cover sheets are printed dark on light; trying the page inverted costs a third more.
    tryInvert: false,
    // Payloads without an ECI marker would otherwise be guessed at, and Chinese batch labels
    // could come out as Shift_JIS.
    characterSet: 'UTF8',
    maxNumberOfSymbols: 4,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
