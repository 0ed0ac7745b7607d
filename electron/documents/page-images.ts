import sharp from 'sharp';
import { DossierError } from '../../shared/ipc/errors.js';
import type { SessionManager } from '../services/sessions.js';

export type ImageVariant = 'full' | 'thumb';

/** `/archive/page/<pageId>/<variant>`: the one address both hosts serve page images at, on the app's own origin. */
export const pageImagePattern = /^\/archive\/page\/([0-9a-f-]{36})\/(full|thumb)$/;

/**
 * A page image for the viewer, decrypted in memory and turned upright as the page's rotation
 * says. The caller streams it to the renderer; it is never written anywhere. Null when there
 * is no open session or the user may not see the page.
 */
export async function pageImage(sessions: SessionManager, pageId: string, variant: ImageVariant): Promise<{ body: Buffer; type: string } | null> {
  let session;
  try {
    session = sessions.current();
  } catch {
    return null;
  }
  let page;
  try {
    page = await session.db.call('pages.image', { actorId: session.user.id, pageId });
  } catch (error) {
    if (error instanceof DossierError) return null;
    throw error;
  }
  const blobId = variant === 'thumb' ? (page.thumbBlobId ?? page.blobId) : page.blobId;
  const stored = await session.pages.get(blobId);
  if (page.rotation === 0) return { body: stored, type: imageType(stored) };
  const body = await sharp(stored).rotate(page.rotation).toBuffer();
  return { body, type: imageType(body) };
}

function imageType(bytes: Buffer): string {
  return bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
}
