import { extname, join, normalize, sep } from 'node:path';
import { rendererDir } from './paths.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The Content-Type both hosts send for a file of the built renderer. */
export function contentTypeOf(file: string): string {
  return types[extname(file)] ?? 'application/octet-stream';
}

/** The built renderer's file for a URL path, or null for a path that leads outside it. */
export function rendererFile(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(rendererDir, relative === '' ? 'index.html' : relative);
  return file.startsWith(rendererDir + sep) ? file : null;
}
