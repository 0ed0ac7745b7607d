import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './print.css';

/**
 * What to print, put straight into <body>: hidden on screen, and the only thing printed while it
 * is there. Each child with class `print-sheet` starts a new A4 sheet.
 */
export function PrintArea({ children }: { children: ReactNode }) {
  return createPortal(<div className="print-area">{children}</div>, document.body);
}
