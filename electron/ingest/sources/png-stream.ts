const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Cuts a byte stream of PNG files written back to back into whole images. A batch scan delivers
 * its pages through one pipe, so the PNG structure itself (signature, chunks, IEND) is what
 * marks where a page ends; nothing is decoded.
 */
export class PngStreamSplitter {
  private parts: Buffer[] = [];
  private readonly header = Buffer.alloc(8);
  private headerFill = 0;
  private inImage = false;
  /** Bytes of the current chunk's data and CRC still to pass. */
  private skip = 0;
  private atEnd = false;

  /** Feeds the next bytes; returns the images they complete, in order. */
  push(data: Buffer): Buffer[] {
    const images: Buffer[] = [];
    let start = 0;
    let i = 0;
    while (i < data.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length - i);
        this.skip -= n;
        i += n;
        if (this.skip === 0 && this.atEnd) {
          this.parts.push(data.subarray(start, i));
          images.push(Buffer.concat(this.parts));
          this.parts = [];
          start = i;
          this.inImage = false;
          this.atEnd = false;
        }
        continue;
      }
      const n = Math.min(8 - this.headerFill, data.length - i);
      data.copy(this.header, this.headerFill, i, i + n);
      this.headerFill += n;
      i += n;
      if (this.headerFill < 8) continue;
      this.headerFill = 0;
      if (!this.inImage) {
        if (!this.header.equals(signature)) throw new Error('not a PNG stream');
        this.inImage = true;
      } else {
        this.skip = this.header.readUInt32BE(0) + 4;
        this.atEnd = this.header.toString('latin1', 4, 8) === 'IEND';
      }
    }
    if (start < data.length) this.parts.push(data.subarray(start));
    return images;
  }

  /** True when bytes of an unfinished image are pending (the writer stopped mid-page). */
  get partial(): boolean {
    return this.inImage || this.headerFill > 0;
  }
}
