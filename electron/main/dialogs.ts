import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog } from 'electron';
import type { HostFiles } from '../ingest/handlers.js';

/** Native dialogs: the only way a path reaches main from the user, so the renderer never names one. */
export function nativeDialogs(): HostFiles {
  const parent = () => BrowserWindow.getFocusedWindow() ?? undefined;
  return {
    async openFiles() {
      const options: Electron.OpenDialogOptions = {
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Scans', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] }, { name: '*', extensions: ['*'] }],
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async openFolder() {
      const options: Electron.OpenDialogOptions = { properties: ['openDirectory'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(suggestedName, bytes, type) {
      const options: Electron.SaveDialogOptions = { defaultPath: suggestedName, filters: [{ name: type?.label ?? 'PDF', extensions: [type?.extension ?? 'pdf'] }] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return false;
      await writeFile(result.filePath, bytes);
      return true;
    },
  };
}
