import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, rendererFile } from '../renderer-files.js';
import { contentSecurityPolicy } from '../security.js';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://dossier`;


/** Must run before the app is ready: a standard, secure scheme gets a real origin for the CSP and the sender check. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer from app://dossier/ with the CSP as a response header. */
export function serveRenderer(): void {
  protocol.handle(appScheme, async (request) => {
    const { pathname } = new URL(request.url);
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
