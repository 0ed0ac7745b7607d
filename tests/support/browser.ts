import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { createAppContext } from '../../electron/app-context.js';
import { type BrowserHost, startBrowserHost } from '../../electron/browser-host/server.js';

/** Debian's Chromium: tests never download a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A browser host over a fresh configuration folder, as `npm run start:browser` runs it. */
export async function startTestHost(): Promise<BrowserHost & { configDir: string; stop(): Promise<void> }> {
  const configDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
  const host = await startBrowserHost((origin) => createAppContext({ configDir, dataDir: join(configDir, 'archive'), host: 'browser', trustedOrigins: [origin] }));
  return {
    ...host,
    configDir,
    stop: async () => {
      await host.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
