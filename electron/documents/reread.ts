import sharp from 'sharp';
import type { InboxItem } from '../../shared/ipc/methods/ingest.js';
import type { ArchiveSession } from '../archive/archive.js';
import type { IngestRuntime } from '../ingest/runtime.js';

const maxOcrDpi = 300;

/** Reads an inbox document's pages again (after a rotation, or with other languages) and proposes anew. */
export async function rereadDocument(session: ArchiveSession, runtime: IngestRuntime, documentId: string): Promise<InboxItem> {
  const pages = await session.db.call('inbox.pagesToReread', { actorId: session.user.id, documentId });
  const engine = await runtime.ocr();
  const results = [];
  for (const page of pages) {
    if (!engine) {
      results.push({ pageId: page.pageId, text: null, confidence: null, failed: true });
      continue;
    }
    const stored = await session.pages.get(page.blobId);
    let image = sharp(stored).rotate(page.rotation).greyscale();
    if (page.dpi && page.dpi > maxOcrDpi) {
      const { width } = await sharp(stored).metadata();
      if (width) image = image.resize(Math.round((width * maxOcrDpi) / page.dpi));
    }
    try {
      const { text, confidence } = await engine.recognize(await image.png().toBuffer(), runtime.languages());
      results.push({ pageId: page.pageId, text, confidence, failed: false });
    } catch {
      results.push({ pageId: page.pageId, text: null, confidence: null, failed: true });
    }
  }
  return session.db.call('inbox.saveReread', { actorId: session.user.id, documentId, pages: results });
}
