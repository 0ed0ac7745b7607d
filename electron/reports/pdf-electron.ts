import type { PdfRenderer } from './pdf.js';

/**
 * PDFs in the desktop app: a hidden, sandboxed window without a preload or scripts of its own
 * loads about:blank, the HTML is written into it from memory (never to disk: it holds personal
 * data; a data: URL would hit Chromium's 2 MB URL limit on long reports), and printToPDF prints
 * it with Chromium's own header and footer (page x of y). Every request the page might make is
 * refused.
 */
export const electronPdf: PdfRenderer = async (html, templates) => {
  const { BrowserWindow, session } = await import('electron');
  const partition = 'dossier-report-print';
  const printSession = session.fromPartition(partition, { cache: false });
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('about:') }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, partition, spellcheck: false },
  });
  try {
    await window.loadURL('about:blank');
    await window.webContents.executeJavaScript(`document.open(); document.write(${JSON.stringify(html)}); document.close(); document.fonts.ready.then(() => true)`);
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      landscape: templates.landscape,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: templates.headerTemplate,
      footerTemplate: templates.footerTemplate,
      // Inches: 16 mm top and bottom, 12 mm at the sides, as in pdf.ts.
      margins: { top: 16 / 25.4, bottom: 16 / 25.4, left: 12 / 25.4, right: 12 / 25.4 },
    });
    return Buffer.from(pdf);
  } finally {
    window.destroy();
  }
};
