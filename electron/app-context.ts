import { type HostFiles, ingestHandlers } from './ingest/handlers.js';
import { type IngestOptions, IngestRuntime } from './ingest/runtime.js';
import { createRouter, EventHub, type Handlers, type Router } from './ipc/router.js';
import { checklistHandlers } from './records/checklist-handlers.js';
import { recordHandlers } from './records/record-handlers.js';
import { reportHandlers } from './reports/handlers.js';
import { chromiumPrinter, type PdfPrinter } from './reports/pdf.js';
import { searchHandlers } from './search/handlers.js';
import { SessionManager } from './services/sessions.js';
import { SettingsStore } from './services/settings.js';
import { TaskTracker } from './services/tasks.js';
import { appName, appVersion } from './version.js';

export type Host = 'electron' | 'browser' | 'cli';

/** Electron's printToPDF, loaded only inside Electron (the module imports 'electron'); it opens a hidden window per PDF and holds nothing between them. */
const electronPrinter: PdfPrinter = {
  print: async (html, templates) => (await import('./reports/pdf-electron.js')).electronPdf(html, templates),
  close: async () => {},
};

export interface AppContext {
  router: Router;
  hub: EventHub;
  settings: SettingsStore;
  tasks: TaskTracker;
  sessions: SessionManager;
  ingest: IngestRuntime;
  /** Report PDFs; its browser (browser host, CLI) is closed with the archive and by the host on shutdown. */
  pdf: PdfPrinter;
}

/**
 * The main-process services and the router over them, assembled the same way for the desktop
 * app, the browser host and the CLI, so all three run identical code below the transport.
 */
export function createAppContext(options: {
  configDir: string;
  dataDir: string;
  host: Host;
  trustedOrigins: readonly string[];
  files?: HostFiles;
  ingest?: IngestOptions;
}): AppContext {
  const hub = new EventHub();
  const settings = new SettingsStore(options.configDir);
  const tasks = new TaskTracker(hub);
  const sessions = new SessionManager(options.dataDir, hub);
  const ingest = new IngestRuntime(hub, tasks, options.ingest);
  sessions.attach(ingest);
  const pdf = options.host === 'electron' ? electronPrinter : chromiumPrinter();
  // A browser kept open between PDFs holds the last reports' pages in memory: it goes with the archive.
  sessions.attach({ opened: async () => {}, closing: () => pdf.close() });

  const handlers: Handlers = {
    'app.info': () => ({ name: appName, version: appVersion, host: options.host }),
    'settings.get': () => settings.get(),
    'settings.setLanguage': ({ language }) => {
      const next = settings.setLanguage(language);
      hub.emit('settings.changed', next);
      return next;
    },
    'tasks.list': () => tasks.list(),
    'archive.status': () => sessions.status(),
    'archive.create': (input) => sessions.create(input),
    'session.signIn': ({ username, password }) => sessions.signIn(username, password),
    'session.signOut': async () => {
      await sessions.signOut();
      return {};
    },
    'session.touch': () => ({}),
    'users.list': () => sessions.listUsers(),
    'users.add': (input) => sessions.addUser(input),
    'users.remove': async ({ userId }) => {
      await sessions.removeUser(userId);
      return {};
    },
    'security.policy': () => sessions.policy(),
    'security.setPolicy': (changes) => sessions.setPolicy(changes),
    'users.changePassword': async ({ userId, password }) => {
      await sessions.changePassword(userId, password);
      return {};
    },
    ...recordHandlers(sessions),
    ...searchHandlers(sessions),
    ...checklistHandlers(sessions),
    ...ingestHandlers(sessions, ingest, options.files ?? {}),
    ...reportHandlers(sessions, settings, options.files ?? {}, pdf),
  };

  const router = createRouter(handlers, options.trustedOrigins, () => sessions.touch());
  return { router, hub, settings, tasks, sessions, ingest, pdf };
}
