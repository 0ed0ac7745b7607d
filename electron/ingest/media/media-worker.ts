import sharp from 'sharp';
import { type OpenedMedia, RejectedFile } from '../types.js';
import { type MediaReply, type MediaRequest, readyId } from './media-protocol.js';
import { openMedia } from './open-media.js';

// libvips caches decoded images across calls; pages are read once, so the cache only costs memory.
sharp.cache(false);

/** The reader's end of the channel: this module runs as a child process of the app. */
const send = (reply: MediaReply) => process.send!(reply);
/**
 * A media reader process holds at most one open file and answers its requests one at a time, so
 * that only one page is ever decoded here at once, whatever the caller asks in parallel.
 */
let media: OpenedMedia | null = null;
let queue = Promise.resolve();

async function handle(request: MediaRequest): Promise<unknown> {
  switch (request.op) {
    case 'open': {
      await media?.close();
      media = null;
      const { data } = request;
      media = await openMedia(Buffer.from(data.buffer, data.byteOffset, data.byteLength), request.limits);
      return { format: media.format, pageCount: media.pageCount };
    }
    case 'page':
      if (!media) throw new Error('No file is open');
      // sharp's toUint8Array() leaks its output in 0.35.5 (6 MB for a 2 MB image): plain buffers.
      return media.page(request.index, request.request);
    case 'close':
      await media?.close();
      media = null;
      return null;
  }
}

process.on('message', (request: MediaRequest) => {
  queue = queue.then(async () => {
    try {
      send({ id: request.id, ok: true, value: await handle(request) });
    } catch (error) {
      const rejected = error instanceof RejectedFile ? { reason: error.reason, values: error.values } : null;
      send({ id: request.id, ok: false, rejected, message: error instanceof Error ? error.message : String(error) });
    }
  });
});
// The app went away: nothing is left to read for.
process.on('disconnect', () => process.exit(0));
send({ id: readyId, ok: true, value: 'ready' });
