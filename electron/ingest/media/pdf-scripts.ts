import { constants, inflateSync } from 'node:zlib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Whether a PDF carries JavaScript. Dossier never runs it, but a file with scripts is either
 * hostile or a form meant for another program, and an archive exports what it keeps: such files
 * are refused. pdf.js reports the scripts it would run (document, open action, form fields,
 * pages, annotations); the byte scan below is the belt for what it leaves out, such as a link's
 * JavaScript action.
 */
export async function documentHasScripts(doc: PDFDocumentProxy): Promise<boolean> {
  // hasJSActions covers the catalogue (named scripts, OpenAction, document actions) and form fields.
  return (await doc.hasJSActions()) || (await doc.getJSActions()) !== null;
}

export async function pageHasScripts(page: PDFPageProxy): Promise<boolean> {
  if (await page.getJSActions()) return true;
  const annotations = (await page.getAnnotations({ intent: 'any' })) as { actions?: unknown }[];
  return annotations.some((annotation) => annotation.actions);
}

const scriptNames = new Set(['JS', 'JavaScript']);
/** Bytes at which a name token ends (PDF 32000-1 §7.2.2: white space and delimiters). */
const nameEnd = new Set([...'\0\t\n\f\r ()<>[]{}/%'].map((c) => c.charCodeAt(0)));
/** Object streams are inflated to look inside them, up to this much each. */
const maxInflated = 64 * 1024 * 1024;

/**
 * Looks for the /JS and /JavaScript names in the raw bytes outside stream data, decoding #xx
 * escapes ("/Java#53cript" is the same name), and inside compressed object streams, where
 * producers put most dictionaries and where a plain byte search sees nothing. Other streams are
 * skipped: scripts live in dictionaries, and image data holds "/JS" by chance (about one
 * scanned page in 170 did, refusing valid scans).
 */
export function bytesHaveScripts(data: Uint8Array): boolean {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (const { outside, body } of streamParts(bytes)) {
    const found = [...names(outside)];
    if (found.some((n) => scriptNames.has(n.name))) return true;
    // The dictionary just before a stream describes it: an object stream is looked inside.
    const lastObject = outside.lastIndexOf('endobj');
    if (body && found.some((n) => n.name === 'ObjStm' && n.end > lastObject)) {
      const inside = inflate(body);
      if (inside && [...names(inside)].some((inner) => scriptNames.has(inner.name))) return true;
    }
  }
  return false;
}

/** The file cut at each stream: the bytes before it (dictionaries) and the stream's data. */
function* streamParts(bytes: Buffer): Generator<{ outside: Buffer; body: Buffer | null }> {
  let at = 0;
  for (;;) {
    let keyword = bytes.indexOf('stream', at);
    // "endstream" is not the start of one.
    while (keyword !== -1 && bytes.toString('latin1', keyword - 3, keyword) === 'end') keyword = bytes.indexOf('stream', keyword + 6);
    if (keyword === -1) {
      yield { outside: bytes.subarray(at), body: null };
      return;
    }
    let start = keyword + 'stream'.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const end = bytes.indexOf('endstream', start);
    yield { outside: bytes.subarray(at, keyword), body: bytes.subarray(start, end === -1 ? bytes.length : end) };
    if (end === -1) return;
    at = end + 'endstream'.length;
  }
}

function* names(bytes: Buffer): Generator<{ name: string; end: number }> {
  for (let at = bytes.indexOf(0x2f); at !== -1; at = bytes.indexOf(0x2f, at + 1)) {
    let name = '';
    let i = at + 1;
    // Names of interest are short; a long run of bytes is image data, not a name.
    for (; i < bytes.length && !nameEnd.has(bytes[i]!) && name.length <= 12; i++) {
      if (bytes[i] === 0x23 && i + 2 < bytes.length) {
        const code = Number.parseInt(bytes.toString('latin1', i + 1, i + 3), 16);
        if (!Number.isNaN(code)) {
          name += String.fromCharCode(code);
          i += 2;
          continue;
        }
      }
      name += String.fromCharCode(bytes[i]!);
    }
    if (name.length > 0 && name.length <= 12) yield { name, end: i };
  }
}

/** An object stream's content, inflated. */
function inflate(body: Buffer): Buffer | null {
  try {
    return inflateSync(body, { maxOutputLength: maxInflated, finishFlush: constants.Z_SYNC_FLUSH /* tolerates a cut stream */ });
  } catch {
    // Not deflated, or deflated past the cap: pdf.js's own checks still apply.
    return null;
  }
}
