/**
 * Hands scanned pages to the consumer one at a time and in order while the driver keeps
 * scanning: the consumer acknowledges a page by resolving, and a slow consumer must not make a
 * scanner wait mid-sheet. The first failure (the consumer's or the caller's) is kept and stops
 * further deliveries.
 */
export class PageQueue {
  private tail = Promise.resolve();
  private received = 0;
  /** Pages the consumer has acknowledged. */
  handed = 0;
  failure: unknown = null;

  constructor(
    private readonly onPage: (image: Buffer, pageNo: number) => Promise<void>,
    /** Called on the first failure, to stop the driver. */
    private readonly onFailure: () => void,
    private readonly signal?: AbortSignal,
  ) {}

  /** Pages seen, acknowledged or not. */
  get count(): number {
    return this.received;
  }

  add(image: Buffer): void {
    const pageNo = ++this.received;
    this.tail = this.tail
      .then(async () => {
        if (this.failure !== null || this.signal?.aborted) return;
        await this.onPage(image, pageNo);
        this.handed = pageNo;
      })
      .catch((error: unknown) => this.fail(error));
  }

  fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.onFailure();
  }

  /** Resolves (never rejects) once every page added so far has been dealt with. */
  settled(): Promise<void> {
    return this.tail;
  }
}
