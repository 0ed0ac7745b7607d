// Sandboxed preloads must be CommonJS and may load only 'electron': keep this file self-contained.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS form of an import, required here
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('dossier', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('dossier:invoke', method, input),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_: electron.IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('dossier:event', listener);
    return () => {
      ipcRenderer.removeListener('dossier:event', listener);
    };
  },
});
