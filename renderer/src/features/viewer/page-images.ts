import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';

/**
 * A page image as main serves it on the app's own origin, turned as stored. The rotation is part
 * of the address so that a turned page is fetched anew instead of taken from the cache. Images
 * are only ever shown from here: never fetched into blobs or saved as files by the renderer.
 */
export function pageUrl(page: Pick<PageInfo, 'pageId' | 'rotation'>, size: 'thumb' | 'full'): string {
  return `/archive/page/${encodeURIComponent(page.pageId)}/${size}?r=${page.rotation}`;
}

/** The rotation after a quarter turn clockwise. */
export function turnedRight(rotation: PageInfo['rotation']): PageInfo['rotation'] {
  return ((rotation + 90) % 360) as PageInfo['rotation'];
}
