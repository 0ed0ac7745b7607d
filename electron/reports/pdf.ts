import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DossierError } from '../../shared/ipc/errors.js';

/** A report PDF's page: A4 in the report's orientation, Chromium's header and footer in the margins (pdfMargins). */
export interface PdfTemplates {
  headerTemplate: string;
  footerTemplate: string;
  landscape: boolean;
}

/** Makes a PDF from a complete HTML document held in memory: the HTML is never written to disk (it holds personal data). */
export type PdfRenderer = (html: string, templates: PdfTemplates) => Promise<Buffer>;

export const pdfMargins = { top: '16mm', bottom: '16mm', left: '12mm', right: '12mm' } as const;

/**
 * The Chromium to print with under Node (CLI, browser host, tests, benchmarks): DOSSIER_CHROMIUM
 * or CHROMIUM_PATH when set; on Windows, Microsoft Edge at its standard places (every supported
 * Windows has it); elsewhere the usual Chromium and Chrome paths. Null when none of them exists.
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const asked = env.DOSSIER_CHROMIUM ?? env.CHROMIUM_PATH;
  if (asked) return existsSync(asked) ? asked : null;
  const candidates =
    platform === 'win32'
      ? [env['ProgramFiles(x86)'], env.ProgramFiles, env.LOCALAPPDATA]
          .filter((dir): dir is string => Boolean(dir))
          .map((dir) => join(dir, 'Microsoft', 'Edge', 'Application', 'msedge.exe'))
      : platform === 'darwin'
        ? ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', '/Applications/Chromium.app/Contents/MacOS/Chromium']
        : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** A PDF renderer that may hold a browser open between PDFs; `close` ends it (archive closed, app quitting). */
export interface PdfPrinter {
  print: PdfRenderer;
  close(): Promise<void>;
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions'];

/**
 * PDFs through playwright-core driving the installed Chromium (or Edge): page.setContent with the
 * HTML, then page.pdf. JavaScript is off and every request is refused: the document is
 * self-contained. One browser is launched at the first PDF and kept for the next ones (the launch
 * was about a fifth of a 1,000-row PDF's time); each PDF gets a fresh context, closed after it, so
 * nothing of one report stays in the browser. A browser that died is launched again.
 */
export function chromiumPrinter(): PdfPrinter {
  let browser: Promise<Browser> | null = null;
  const open = (): Promise<Browser> => {
    const pending = (async () => {
      const executablePath = chromiumExecutable();
      if (!executablePath) throw new DossierError('NOT_AVAILABLE', undefined, 'reports.errors.noBrowser');
      const { chromium } = await import('playwright-core');
      return chromium.launch({ executablePath, args: launchArgs });
    })();
    const forget = () => {
      if (browser === pending) browser = null;
    };
    pending.then((launched) => launched.on('disconnected', forget), forget);
    browser = pending;
    return pending;
  };
  return {
    async print(html, templates) {
      const context = await (await (browser ?? open())).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, ...templates, margin: pdfMargins });
        return Buffer.from(pdf);
      } finally {
        await context.close();
      }
    },
    async close() {
      const pending = browser;
      browser = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
