/**
 * A page's scan resolution. Files often carry a default instead of the truth (72 dpi on a
 * 2480-pixel-wide A4 scan would be a sheet 86 cm wide), so a declared density is believed only
 * when the paper it implies is a plausible size for paperwork: from an ID card (about 2 inches on
 * the long side) to A3 (16.5 inches). Otherwise, when the pixel size has A4's or Letter's aspect
 * ratio (nearly every scanned form), the resolution is what that paper implies, snapped to the
 * scanner setting it is within 3 % of (feeders crop a few pixels); any other shape stays unknown
 * rather than guessed.
 */
const longSideInches = { min: 2, max: 17 };
const papers = [
  { long: 297 / 25.4, short: 210 / 25.4 },
  { long: 11, short: 8.5 },
];
const aspectTolerance = 0.015;
const scannerSettings = [75, 100, 150, 200, 240, 300, 400, 600, 1200];
const snapTolerance = 0.03;

export function pageDpi(declared: number | undefined, width: number, height: number): number | null {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (declared && Number.isFinite(declared) && declared > 0) {
    const inches = long / declared;
    if (inches >= longSideInches.min && inches <= longSideInches.max) return Math.round(declared);
  }
  for (const paper of papers) {
    if (Math.abs(long / short / (paper.long / paper.short) - 1) > aspectTolerance) continue;
    return snapToSetting(long / paper.long);
  }
  return null;
}

export function snapToSetting(dpi: number): number {
  const setting = scannerSettings.find((s) => Math.abs(dpi / s - 1) <= snapTolerance);
  return setting ?? Math.round(dpi);
}
