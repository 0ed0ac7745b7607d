/**
 * Prints a complete HTML document (the report as `shared/reports/print-html.ts` lays it out for
 * A4) through a hidden frame, so the app's own page and styles stay out of the print. The frame
 * is sandboxed without scripts: the parent calls print on it. It stays until the next print, so
 * that closing the dialog never cuts the print short; `data-testid="report-print-frame"`.
 */
export function printHtml(html: string): Promise<void> {
  document.querySelectorAll('iframe[data-testid="report-print-frame"]').forEach((old) => old.remove());
  const frame = document.createElement('iframe');
  frame.dataset.testid = 'report-print-frame';
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0', visibility: 'hidden' });
  return new Promise((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        const view = frame.contentWindow;
        if (!view) {
          reject(new Error('print frame has no window'));
          return;
        }
        // Fonts and layout settle before the dialog takes its snapshot.
        void view.document.fonts.ready.then(() => {
          view.focus();
          view.print();
          resolve();
        });
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}

/** Removes the print frame (when the report page closes). */
export function removePrintFrame(): void {
  document.querySelectorAll('iframe[data-testid="report-print-frame"]').forEach((old) => old.remove());
}
