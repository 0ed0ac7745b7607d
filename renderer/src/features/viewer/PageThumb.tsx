import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { pageUrl } from './page-images.js';

/** A page's small image, as the inbox, the viewer's strip and the page editor show it. */
export function PageThumb({ page, alt, height = 96 }: { page: Pick<PageInfo, 'pageId' | 'rotation'>; alt: string; height?: number }) {
  return (
    <img
      src={pageUrl(page, 'thumb')}
      alt={alt}
      loading="lazy"
      draggable={false}
      style={{ display: 'block', height, width: Math.round(height * 0.75), objectFit: 'contain', background: '#fafafa', border: '1px solid #f0f0f0' }}
    />
  );
}
