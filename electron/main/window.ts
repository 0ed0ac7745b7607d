import { join } from 'node:path';
import { BrowserWindow, ipcMain, session } from 'electron';
import type { AppContext } from '../app-context.js';
import { projectRoot } from '../paths.js';
import { appOrigin } from './protocol.js';

/** Denies what the renderer must never do: navigate away, open windows, ask for permissions. */
export function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(context: AppContext): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    icon: join(projectRoot, 'resources', 'icon.png'),
    webPreferences: {
      preload: join(projectRoot, 'build', 'electron', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const unsubscribe = context.hub.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send('dossier:event', event, payload);
  });
  window.on('closed', unsubscribe);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/** One channel for every call; the router checks the sender frame, the method and the input. */
export function bindIpc(context: AppContext): void {
  ipcMain.handle('dossier:invoke', (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    return context.router.call(method, input, {
      origin: frame ? safeOrigin(frame.url) : null,
      topFrame: frame !== null && frame === event.sender.mainFrame,
    });
  });
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
