import QRCode from 'qrcode';
import { type ScanOptions, scanImage } from './scans.js';

/**
 * A printed cover sheet as the feeder scans it: the QR code (45 mm, as the app prints it) and
 * the readable lines, on an A4 page, then skewed and speckled like any other scan.
 */
export async function coverSheetScan(payload: string, lines: string[], options: ScanOptions = {}): Promise<Buffer> {
  const dpi = options.dpi ?? 300;
  const mm = dpi / 25.4;
  const width = Math.round(210 * mm);
  const height = Math.round(297 * mm);
  const qrSize = Math.round(45 * mm);
  const qr = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'Q', margin: 4, width: qrSize });
  const text = lines
    .map((line, i) => `<text x="${20 * mm}" y="${(95 + i * 10) * mm}" font-family="Noto Sans CJK SC" font-size="${5 * mm}">${line.replace(/[<>&]/g, '')}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="white"/>
    <text x="${20 * mm}" y="${30 * mm}" font-family="Noto Sans CJK SC" font-size="${8 * mm}" font-weight="bold">Dossier 封面页 Cover sheet</text>
    <image x="${20 * mm}" y="${40 * mm}" width="${qrSize}" height="${qrSize}" xlink:href="data:image/png;base64,${qr.toString('base64')}"/>
    ${text}
  </svg>`;
  return scanImage(Buffer.from(svg), { dpi, ...options });
}
