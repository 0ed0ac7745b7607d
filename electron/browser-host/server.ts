import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppContext } from '../app-context.js';
import { pageImage, pageImagePattern } from '../documents/page-images.js';
import type { HostFiles } from '../ingest/handlers.js';
import { defaultLimits } from '../ingest/types.js';
import { contentTypeOf, rendererFile } from '../renderer-files.js';
import { browserBridgeFile, rendererDir } from '../paths.js';
import { contentSecurityPolicy } from '../security.js';

// Dropped files travel in IPC bodies, base64-encoded: room for one file at the ingest size limit.
const maxBodyBytes = Math.ceil((defaultLimits.maxFileBytes * 4) / 3) + 1024 * 1024;
const downloadTtlMs = 5 * 60_000;
const cookieName = 'dossier_session';
const bridgePath = '/__host/bridge.js';


export interface BrowserHost {
  /** The address to open, including this launch's secret token. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the IPC router on 127.0.0.1 for development and end-to-end tests.
 * Every request must carry this launch's secret: in the URL once (`?token=`), then in a
 * SameSite=Strict, HttpOnly cookie. IPC calls must also come from the host's own origin.
 * Never shipped in the installer (electron-builder.yml excludes this folder).
 */
export async function startBrowserHost(
  context: (origin: string, files: HostFiles) => AppContext,
  options: { port?: number } = {},
): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // An export is offered once, for a few minutes, at an unguessable address behind the cookie.
  const downloads = new Map<string, { name: string; bytes: Buffer; mime: string; expires: number }>();
  const files: HostFiles = {
    offerDownload(name, bytes, mime = 'application/pdf') {
      const id = randomBytes(24).toString('base64url');
      downloads.set(id, { name, bytes, mime, expires: Date.now() + downloadTtlMs });
      return `/archive/download/${id}`;
    },
  };
  const app = context(origin, files);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && request.method === 'GET' && sameSecret(queryToken, token)) {
      url.searchParams.delete('token');
      response.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!sameSecret(readCookie(request, cookieName) ?? '', token)) {
      send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: open the address printed by "npm run start:browser".');
      return;
    }
    if (url.pathname === '/ipc' && request.method === 'POST') return ipc(request, response);
    if (url.pathname === '/events' && request.method === 'GET') return eventStream(request, response);
    const image = pageImagePattern.exec(url.pathname);
    if (image && request.method === 'GET') return servePageImage(image[1]!, image[2] as 'full' | 'thumb', response);
    if (url.pathname.startsWith('/archive/download/') && request.method === 'GET') return download(url.pathname.slice('/archive/download/'.length), response);
    if (request.method === 'GET') return staticFile(url.pathname, response);
    send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  }

  async function ipc(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request), reviveBytes);
    } catch {
      body = undefined;
    }
    const call = (typeof body === 'object' && body !== null ? body : {}) as { method?: unknown; input?: unknown };
    const envelope = await app.router.call(call.method, call.input, {
      origin: typeof request.headers.origin === 'string' ? request.headers.origin : null,
      topFrame: request.headers['x-dossier-top-frame'] === '1',
    });
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
  }

  async function servePageImage(pageId: string, variant: 'full' | 'thumb', response: ServerResponse): Promise<void> {
    const found = await pageImage(app.sessions, pageId, variant);
    if (!found) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    send(response, 200, found.type, found.body);
  }

  function download(id: string, response: ServerResponse): void {
    const offer = downloads.get(id);
    downloads.delete(id);
    if (!offer || offer.expires < Date.now()) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(offer.name)}`);
    send(response, 200, offer.mime, offer.bytes);
  }

  function eventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    const unsubscribe = app.hub.subscribe((event, payload) => {
      response.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    request.on('close', unsubscribe);
  }

  async function staticFile(pathname: string, response: ServerResponse): Promise<void> {
    if (pathname === bridgePath) {
      send(response, 200, contentTypeOf(browserBridgeFile), await readFile(browserBridgeFile));
      return;
    }
    const file = rendererFile(pathname);
    if (!file) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    let content: Buffer;
    let type = contentTypeOf(file);
    try {
      content = await readFile(file);
    } catch {
      // Client-side routes fall back to the app shell.
      content = await readFile(join(rendererDir, 'index.html'));
      type = contentTypeOf('index.html');
    }
    if (type === contentTypeOf('index.html')) {
      content = Buffer.from(
        content.toString('utf8').replace('<script', `<script src="${bridgePath}" type="module"></script><script`),
      );
    }
    send(response, 200, type, content);
  }

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      await app.ingest.dispose();
      await app.pdf.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** The bridge sends binary values as `{ $bytes: base64 }` (JSON has no bytes). */
function reviveBytes(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
    return Buffer.from((value as { $bytes: string }).$bytes, 'base64');
  }
  return value;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
