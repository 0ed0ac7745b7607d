/**
 * Ruled tables defeat Tesseract's page layout analysis: the grid is one huge connected shape, the
 * values in its cells are taken for parts of a picture and dropped. Erasing the ruling lines first
 * leaves plain text in columns, which every page segmentation mode reads in order.
 *
 * A ruling is told from text by size and thinness, not by position, so the method needs no deskew:
 * connected shapes much larger than any character (the grid, a signature line, the ring of a seal)
 * lose the pixels that lie on long horizontal or vertical runs. Characters touching a line keep
 * their strokes, which are short runs; characters never reach the size threshold.
 */

export interface GreyImage {
  /** One byte per pixel, 0 black … 255 white, row after row. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** Pixels darker than this count as ink; scans of black print on white paper sit far from it. */
const inkBelow = 160;

/** A shape is a ruling candidate when it spans more than this, in millimetres: twice a headline character. */
const largeMm = 20;
/** Runs at least this long inside such a shape are ruling, not strokes (a body character is 4–5 mm wide). */
const runMm = 6;
/** A shape that thin is a line whatever its length. */
const lineMm = 3;
/** A large shape with less ink than this share of its bounding box is a frame, not a blob of text. */
const frameDensity = 0.15;
/** Shapes of at most this many pixels are scanner specks. */
const speckPixels = 2;

interface Run {
  y: number;
  x0: number;
  /** Exclusive. */
  x1: number;
}

function find(parent: Int32Array, i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root]!;
  // Path halving keeps later look-ups short on pages with tens of thousands of runs.
  while (parent[i] !== root) {
    const next = parent[i]!;
    parent[i] = root;
    i = next;
  }
  return root;
}

/** Horizontal runs of ink, row by row, and their 8-connected components. */
function inkRuns(image: GreyImage): { runs: Run[]; component: Int32Array } {
  const { data, width, height } = image;
  const runs: Run[] = [];
  const rowStart = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowStart[y] = runs.length;
    const row = y * width;
    let x = 0;
    while (x < width) {
      while (x < width && data[row + x]! >= inkBelow) x++;
      if (x >= width) break;
      const x0 = x;
      while (x < width && data[row + x]! < inkBelow) x++;
      runs.push({ y, x0, x1: x });
    }
  }
  rowStart[height] = runs.length;

  const parent = new Int32Array(runs.length);
  for (let i = 0; i < runs.length; i++) parent[i] = i;
  for (let y = 1; y < height; y++) {
    let above = rowStart[y - 1]!;
    const aboveEnd = rowStart[y]!;
    for (let i = rowStart[y]!; i < rowStart[y + 1]!; i++) {
      const run = runs[i]!;
      // Runs are sorted by x0; skip those ending before this one starts (diagonal contact counts).
      while (above < aboveEnd && runs[above]!.x1 < run.x0) above++;
      for (let j = above; j < aboveEnd && runs[j]!.x0 <= run.x1; j++) {
        const a = find(parent, i);
        const b = find(parent, j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const component = new Int32Array(runs.length);
  for (let i = 0; i < runs.length; i++) component[i] = find(parent, i);
  return { runs, component };
}

interface Shape {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  ink: number;
}

/**
 * Erases ruling lines and scanner specks in place and returns the image. `dpi` sets the scale of
 * "much larger than a character"; pass an estimate when the scan does not say.
 */
export function removeRulings(image: GreyImage, dpi: number): GreyImage {
  const { data, width, height } = image;
  const px = (mm: number) => Math.max(1, Math.round((mm * dpi) / 25.4));
  const { runs, component } = inkRuns(image);

  const shapes = new Map<number, Shape>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const root = component[i]!;
    const shape = shapes.get(root);
    if (shape) {
      shape.x0 = Math.min(shape.x0, run.x0);
      shape.x1 = Math.max(shape.x1, run.x1);
      shape.y1 = run.y + 1;
      shape.ink += run.x1 - run.x0;
    } else {
      shapes.set(root, { x0: run.x0, y0: run.y, x1: run.x1, y1: run.y + 1, ink: run.x1 - run.x0 });
    }
  }

  const large = px(largeMm);
  const thin = px(lineMm);
  const specks = new Set<number>();
  const rulingShapes = new Set<number>();
  // The rulings' joint bounding box: the later scans need not look elsewhere.
  const box = { x0: width, y0: height, x1: 0, y1: 0 };
  for (const [root, s] of shapes) {
    const w = s.x1 - s.x0;
    const h = s.y1 - s.y0;
    if (s.ink <= speckPixels) specks.add(root);
    else if ((w > large || h > large) && (Math.min(w, h) <= thin || s.ink / (w * h) < frameDensity)) {
      rulingShapes.add(root);
      box.x0 = Math.min(box.x0, s.x0);
      box.y0 = Math.min(box.y0, s.y0);
      box.x1 = Math.max(box.x1, s.x1);
      box.y1 = Math.max(box.y1, s.y1);
    }
  }

  // Only pixels of ruling shapes may be erased, so a long stroke of a character is never touched.
  const ruling = new Uint8Array(width * height);
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const at = run.y * width;
    if (specks.has(component[i]!)) data.fill(255, at + run.x0, at + run.x1);
    else if (rulingShapes.has(component[i]!)) ruling.fill(1, at + run.x0, at + run.x1);
  }
  if (rulingShapes.size === 0) return image;
  const minRun = px(runMm);
  const erase = new Uint8Array(width * height);
  for (let y = box.y0; y < box.y1; y++) markLongRuns(ruling, erase, y * width + box.x0, 1, box.x1 - box.x0, minRun);
  for (let x = box.x0; x < box.x1; x++) markLongRuns(ruling, erase, box.y0 * width + x, width, box.y1 - box.y0, minRun);
  // The anti-aliased fringe of an erased line is lighter than ink but would still binarise to a
  // ghost line, so one pixel around the erased ones goes as well.
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if (!erase[y * width + x]) continue;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
        data.fill(255, yy * width + Math.max(0, x - 1), yy * width + Math.min(width, x + 2));
      }
    }
  }
  return image;
}

/** Light specks split a scanned line into pieces; gaps this short do not end a run. */
const maxGap = 2;

/** Marks in `erase` the runs of `ruling` at least `minRun` long along one row (step 1) or column (step width). */
function markLongRuns(ruling: Uint8Array, erase: Uint8Array, start: number, step: number, count: number, minRun: number): void {
  let i = 0;
  while (i < count) {
    while (i < count && !ruling[start + i * step]) i++;
    if (i >= count) return;
    const first = i;
    let last = i;
    while (i < count && i - last <= maxGap + 1) {
      if (ruling[start + i * step]) last = i;
      i++;
    }
    if (last - first + 1 >= minRun) for (let j = first; j <= last; j++) erase[start + j * step] = 1;
    i = last + 1;
  }
}
