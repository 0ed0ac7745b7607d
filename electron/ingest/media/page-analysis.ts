/**
 * What a decoded page looks like: whether it really has colour, and whether it is an empty sheet.
 * Both read raw 8-bit pixels once per page and sample at about 150 dpi on A4 (every other pixel
 * of a 300 dpi scan): ink covers many pixels, so the shares measured stay the same, at a quarter
 * of the cost.
 */
const sampleWidth = 1240;

function stride(width: number): number {
  return Math.max(1, Math.floor(width / sampleWidth));
}

/**
 * Chroma (max − min of R, G, B) above which a pixel is coloured ink: a red seal measures about
 * 190, blue ballpoint about 100, while a grey scan saved as RGB is 0 and a colour scanner's
 * fringes on black text stay well below.
 */
const inkChroma = 64;
/** Share of pixels that must be coloured ink: a small seal covers about 0.1 % of A4. */
const colourShare = 0.0002;

export function hasColour(rgb: Uint8Array, width: number, height: number): boolean {
  const step = stride(width);
  let sampled = 0;
  let coloured = 0;
  for (let y = 0; y < height; y += step) {
    for (let at = y * width * 3, end = at + width * 3; at < end; at += 3 * step) {
      const r = rgb[at]!;
      const g = rgb[at + 1]!;
      const b = rgb[at + 2]!;
      const max = r > g ? (r > b ? r : b) : g > b ? g : b;
      const min = r < g ? (r < b ? r : b) : g < b ? g : b;
      if (max - min > inkChroma) coloured++;
      sampled++;
    }
  }
  return coloured > sampled * colourShare;
}

/**
 * Blank: no ink beyond scanner noise. The page (less a margin where feeders leave edge shadows
 * and punch holes) is cut into a grid of about 5 mm cells on A4. Specks fall evenly everywhere,
 * so the median cell's share of dark pixels is the noise floor (about 1 % at 2 % noise, JPEG
 * smearing included); a cell is inked when its share exceeds that floor by `inkedCellShare`,
 * which one character of body text does (5–20 %). A page is blank when fewer than
 * `minInkedCells` cells are inked: one short word (several cells) is not blank, a stray blot is.
 */
const marginShare = 0.04;
const gridColumns = 40;
const inkedCellShare = 0.025;
const minInkedCells = 2;
/** Ink is darker than 60 % of the paper's level, which tolerates grey recycled paper. */
const inkLevel = 0.6;
/** A page darker than this overall is not an empty sheet but something to look at. */
const minPaperLevel = 100;

/** `pixels` is grey (1 channel) or RGB (3), where the green channel stands in for lightness. */
export function isBlank(pixels: Uint8Array, channels: 1 | 3, width: number, height: number): boolean {
  const step = stride(width);
  const level = (x: number, y: number) => pixels[(y * width + x) * channels + (channels === 3 ? 1 : 0)]!;
  const columns = Math.ceil(width / step);
  const rows = Math.ceil(height / step);
  const paper = paperLevel(level, columns, rows, step);
  if (paper < minPaperLevel) return false;
  const ink = paper * inkLevel;
  const c0 = Math.floor(columns * marginShare);
  const r0 = Math.floor(rows * marginShare);
  const cell = Math.max(4, Math.round((columns - 2 * c0) / gridColumns));
  const cellColumns = Math.ceil((columns - 2 * c0) / cell);
  const cellRows = Math.ceil((rows - 2 * r0) / cell);
  const dark = new Uint32Array(cellColumns * cellRows);
  const area = new Uint32Array(cellColumns * cellRows);
  for (let r = r0; r < rows - r0; r++) {
    const rowBase = Math.floor((r - r0) / cell) * cellColumns;
    for (let c = c0; c < columns - c0; c++) {
      const at = rowBase + Math.floor((c - c0) / cell);
      area[at]!++;
      if (level(c * step, r * step) < ink) dark[at]!++;
    }
  }
  const shares = Float64Array.from(dark, (n, i) => n / Math.max(1, area[i]!));
  const noise = Float64Array.from(shares).sort()[shares.length >> 1] ?? 0;
  let inked = 0;
  for (const share of shares) if (share > noise + inkedCellShare) inked++;
  return inked < minInkedCells;
}

/** The paper's grey level: the median, which text never reaches on a real page. */
function paperLevel(level: (x: number, y: number) => number, columns: number, rows: number, step: number): number {
  const histogram = new Uint32Array(256);
  for (let r = 0; r < rows; r += 4) for (let c = 0; c < columns; c += 4) histogram[level(c * step, r * step)]!++;
  const count = histogram.reduce((sum, n) => sum + n, 0);
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen * 2 >= count) return value;
  }
  return 255;
}
