import type { MediaFormat } from '../types.js';

/**
 * Whether a file stops before its own structure says it ends: a copy still being written into a
 * hot folder, an interrupted download. Checked on the bytes before decoding, because decoders
 * are lenient (libjpeg pads a cut JPEG with grey, pdf.js rebuilds a cut PDF from what is left)
 * and a page silently missing its bottom half must not be archived as complete.
 */
export function isTruncated(format: MediaFormat, data: Buffer): boolean {
  switch (format) {
    case 'jpeg':
      // Entropy-coded data escapes every 0xFF, so the last start-of-scan must be followed by an
      // end-of-image marker; a trailer after it (a second image, maker data) keeps its own pair.
      return data.lastIndexOf(Buffer.from([0xff, 0xd9])) < data.lastIndexOf(Buffer.from([0xff, 0xda]));
    case 'png':
      return data.lastIndexOf('IEND') < data.lastIndexOf('IDAT');
    case 'tiff':
      return tiffTruncated(data);
    case 'pdf':
      // Acrobat looks for %%EOF in the last 1024 bytes; trailing junk beyond that is not a PDF.
      return !data.subarray(Math.max(0, data.length - 1024)).includes('%%EOF');
  }
}

const tags = { stripOffsets: 273, stripByteCounts: 279, tileOffsets: 324, tileByteCounts: 325 };
/** Field types whose values are offsets and counts: SHORT and LONG. */
const typeSizes: Record<number, number> = { 3: 2, 4: 4 };

interface Field {
  at: number;
  count: number;
  size: number;
}

/** Walks the IFD chain: every directory and every strip or tile must lie inside the file. */
function tiffTruncated(data: Buffer): boolean {
  if (data.length < 8) return true;
  const little = data[0] === 0x49;
  const u16 = (at: number) => (little ? data.readUInt16LE(at) : data.readUInt16BE(at));
  const u32 = (at: number) => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
  const value = (field: Field, k: number) => (field.size === 2 ? u16(field.at + k * 2) : u32(field.at + k * 4));
  const seen = new Set<number>();
  for (let ifd = u32(4); ifd !== 0 && !seen.has(ifd); ) {
    seen.add(ifd);
    if (ifd + 2 > data.length) return true;
    const entries = u16(ifd);
    if (ifd + 2 + entries * 12 + 4 > data.length) return true;
    const fields = new Map<number, Field>();
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      const size = typeSizes[u16(entry + 2)];
      if (!size || !Object.values(tags).includes(u16(entry))) continue;
      const count = u32(entry + 4);
      const at = count * size <= 4 ? entry + 8 : u32(entry + 8);
      if (at + count * size > data.length) return true;
      fields.set(u16(entry), { at, count, size });
    }
    for (const [offsetsTag, countsTag] of [
      [tags.stripOffsets, tags.stripByteCounts],
      [tags.tileOffsets, tags.tileByteCounts],
    ] as const) {
      const offsets = fields.get(offsetsTag);
      const counts = fields.get(countsTag);
      if (!offsets || !counts) continue;
      for (let k = 0; k < Math.min(offsets.count, counts.count); k++) {
        if (value(offsets, k) + value(counts, k) > data.length) return true;
      }
    }
    ifd = u32(ifd + 2 + entries * 12);
  }
  return false;
}
