import { useEffect, useRef } from 'react';
import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { PrintArea } from '../../shell/PrintArea.js';
import { pageUrl } from './page-images.js';
import './viewer.css';

/**
 * A document's pages, one per A4 sheet, printed as soon as every image has loaded; `onDone`
 * once the print dialog has closed.
 */
export function PrintPages({ pages, onDone }: { pages: PageInfo[]; onDone: () => void }) {
  const sheets = useRef<HTMLDivElement>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    let cancelled = false;
    const images = [...(sheets.current?.querySelectorAll('img') ?? [])];
    void Promise.allSettled(images.map((image) => image.decode())).then(() => {
      if (cancelled) return;
      window.addEventListener('afterprint', () => done.current(), { once: true });
      window.print();
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <PrintArea>
      <div ref={sheets} data-testid="print-pages">
        {pages.map((page) => (
          <div key={page.pageId} className="print-sheet print-page">
            <img src={pageUrl(page, 'full')} alt="" />
          </div>
        ))}
      </div>
    </PrintArea>
  );
}
