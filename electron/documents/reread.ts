import sharp from 'sharp';
import type { InboxItem } from '../../shared/ipc/methods/ingest.js';
import type { ArchiveSession } from '../archive/archive.js';
import type { IngestRuntime } from '../ingest/runtime.js';

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
    try {
      const stored = await session.pages.get(page.blobId);
      // Turned as the user turned it; the density stays, so the page is read at its resolution.
      const upright = page.rotation ? await sharp(stored).rotate(page.rotation).keepMetadata().toBuffer() : stored;
      const input = await runtime.ocrInputFor(upright);
      const { text, confidence } = input ? await engine.recognize(input, runtime.languages()) : { text: null, confidence: null };
      results.push({ pageId: page.pageId, text, confidence, failed: false });
    } catch {
      results.push({ pageId: page.pageId, text: null, confidence: null, failed: true });
    }
  }
  return session.db.call('inbox.saveReread', { actorId: session.user.id, documentId, pages: results });
}
