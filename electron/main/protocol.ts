import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { pageImage, pageImagePattern } from '../documents/page-images.js';
import { contentTypeOf, rendererFile } from '../renderer-files.js';
import type { SessionManager } from '../services/sessions.js';
import { contentSecurityPolicy } from '../security.js';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://dossier`;


/** Must run before the app is ready: a standard, secure scheme gets a real origin for the CSP and the sender check. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

/**
 * Serves the built renderer from app://dossier/ with the CSP as a response header, and page
 * images at /archive/page/… decrypted in memory for the signed-in user (never as files).
 */
export function serveRenderer(sessions: SessionManager): void {
  protocol.handle(appScheme, async (request) => {
    const { pathname } = new URL(request.url);
    const image = pageImagePattern.exec(pathname);
    if (image) {
      const found = await pageImage(sessions, image[1]!, image[2] as 'full' | 'thumb');
      if (!found) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(found.body), { headers: { 'content-type': found.type, 'cache-control': 'no-store', 'content-security-policy': contentSecurityPolicy } });
    }
    const file = rendererFile(pathname);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': contentSecurityPolicy,
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
