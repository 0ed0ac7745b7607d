import { join } from 'node:path';
import { app } from 'electron';
import { createAppContext } from '../app-context.js';
import { projectRoot } from '../paths.js';
import { nativeDialogs } from './dialogs.js';
import { registerAppScheme, serveRenderer, appOrigin } from './protocol.js';
import { bindIpc, createMainWindow, lockDownSessions } from './window.js';

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    lockDownSessions();
    const context = createAppContext({
      configDir: app.getPath('userData'),
      // In development the desktop app opens the same archive as the browser host (npm run demo).
      dataDir: app.isPackaged ? join(app.getPath('userData'), 'archive') : join(projectRoot, '.dossier-dev', 'archive'),
      host: 'electron',
      trustedOrigins: [appOrigin],
      files: nativeDialogs(),
      ingest: { watchFolders: true },
    });
    serveRenderer(context.sessions);
    bindIpc(context);
    createMainWindow(context);
  });
  app.on('window-all-closed', () => app.quit());
}
