import { describe, expect, it } from 'vitest';
import { checkLanguages, ocrCapacity } from '../../electron/ingest/ocr/capacity.js';
import { limit, withTimeout } from '../../electron/ingest/ocr/limit.js';
import { type GreyImage, removeRulings } from '../../electron/ingest/ocr/remove-rulings.js';
import { textFromTsv } from '../../electron/ingest/ocr/tsv-text.js';

/** A white page at 100 dpi (4 px per mm), drawn on with black rectangles. */
function page(widthMm: number, heightMm: number): GreyImage & { ink(x: number, y: number, w: number, h: number): void; dark(x: number, y: number, w: number, h: number): number } {
  const width = widthMm * 4;
  const height = heightMm * 4;
  const data = new Uint8Array(width * height).fill(255);
  return {
    data,
    width,
    height,
    ink(x, y, w, h) {
      for (let yy = y; yy < y + h; yy++) data.fill(0, yy * width + x, yy * width + x + w);
    },
    dark(x, y, w, h) {
      let n = 0;
      for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (data[yy * width + xx]! < 128) n++;
      return n;
    },
  };
}

describe('removeRulings', () => {
  it('erases a table grid, even skewed, and keeps the characters in its cells', () => {
    const p = page(120, 60);
    // A two-row, two-column grid, 1 px lines, the horizontal ones stepping down every 40 px (1.4°).
    for (const y of [20, 80, 140]) for (let x = 20; x < 460; x++) p.ink(x, y + Math.floor((x - 20) / 40), 1, 1);
    for (const x of [20, 180, 460]) p.ink(x, 20, 1, 131);
    // "Characters": strokes 16 px (4 mm) long, one touching the middle vertical line.
    p.ink(40, 40, 16, 3);
    p.ink(46, 34, 3, 16);
    p.ink(181, 100, 16, 3);
    removeRulings(p, 100);
    expect(p.dark(0, 0, p.width, 30)).toBe(0);
    expect(p.dark(175, 20, 4, 140)).toBe(0);
    expect(p.dark(40, 34, 16, 16)).toBe(16 * 3 + 3 * 16 - 9);
    // The stroke touching the line loses at most its end that overlapped the erased fringe.
    expect(p.dark(182, 100, 15, 3)).toBeGreaterThanOrEqual(14 * 3);
  });

  it('erases specks but not dots that belong to text', () => {
    const p = page(40, 40);
    p.ink(10, 10, 1, 1);
    p.ink(30, 30, 2, 1);
    p.ink(60, 60, 2, 2);
    removeRulings(p, 100);
    expect(p.dark(0, 0, 40, 40)).toBe(0);
    expect(p.dark(60, 60, 2, 2)).toBe(4);
  });

  it('leaves a long line of text alone', () => {
    const p = page(150, 20);
    // Characters 4 mm apart that touch each other make one wide shape, but a dense one.
    for (let x = 10; x < 560; x += 14) p.ink(x, 20, 15, 16);
    const before = p.dark(0, 0, p.width, p.height);
    removeRulings(p, 100);
    expect(p.dark(0, 0, p.width, p.height)).toBe(before);
  });
});

describe('textFromTsv', () => {
  const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const word = (block: number, line: number, n: number, left: number, width: number, conf: number, text: string) =>
    `5\t1\t${block}\t1\t${line}\t${n}\t${left}\t100\t${width}\t48\t${conf}\t${text}`;

  it('joins Chinese words, keeps columns and English words apart, and averages word confidence', () => {
    const tsv = [
      header,
      '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t',
      word(1, 1, 1, 100, 96, 90, '保单'),
      word(1, 1, 2, 200, 48, 80, '号'),
      word(1, 1, 3, 900, 400, 70, 'P2024-00012345'),
      word(1, 2, 1, 100, 96, 60, 'Policy'),
      word(1, 2, 2, 210, 60, 100, 'No'),
      word(1, 2, 3, 300, 2, 5, '|'),
      word(2, 1, 1, 100, 200, 100, '健康告知书'),
    ].join('\n');
    expect(textFromTsv(tsv)).toEqual({ text: '保单号 P2024-00012345\nPolicy No\n\n健康告知书', confidence: 83.3 });
  });

  it('reads an empty page as no text with confidence 0', () => {
    expect(textFromTsv(header)).toEqual({ text: '', confidence: 0 });
  });
});

describe('limit', () => {
  it('never runs more tasks at once than allowed, and runs them all', async () => {
    const run = limit(2);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        run(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          if (i === 3) throw new Error('page 3');
          return i;
        }).catch((e: Error) => e.message),
      ),
    );
    expect(most).toBe(2);
    expect(results).toEqual([0, 1, 2, 'page 3', 4, 5, 6, 7]);
  });

  it('withTimeout rejects a promise that never settles and cleans up', async () => {
    let cleaned = false;
    await expect(withTimeout(new Promise(() => {}), 10, 'too slow', () => (cleaned = true))).rejects.toThrow('too slow');
    expect(cleaned).toBe(true);
  });
});

describe('capacity and languages', () => {
  it('runs one engine per core unless memory is short, and always at least one', () => {
    const gb = 1024 ** 3;
    expect(ocrCapacity(300, 16 * gb, 8)).toBe(8);
    expect(ocrCapacity(300, 2 * gb, 8)).toBe(3);
    expect(ocrCapacity(300, 0.1 * gb, 8)).toBe(1);
  });

  it('accepts Tesseract language codes only', () => {
    expect(checkLanguages(['chi_sim', 'chi_tra', 'eng'])).toBe('chi_sim+chi_tra+eng');
    for (const bad of [[], ['--psm'], ['../eng'], ['eng+osd'], ['chi sim']]) expect(() => checkLanguages(bad)).toThrow();
  });
});
