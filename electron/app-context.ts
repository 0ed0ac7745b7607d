import { createRouter, EventHub, type Handlers, type Router } from './ipc/router.js';
import { SettingsStore } from './services/settings.js';
import { TaskTracker } from './services/tasks.js';
import { appName, appVersion } from './version.js';

export type Host = 'electron' | 'browser' | 'cli';

export interface AppContext {
  router: Router;
  hub: EventHub;
  settings: SettingsStore;
  tasks: TaskTracker;
}

/**
 * The main-process services and the router over them, assembled the same way for the desktop
 * app, the browser host and the CLI, so all three run identical code below the transport.
 */
export function createAppContext(options: { configDir: string; host: Host; trustedOrigins: readonly string[] }): AppContext {
  const hub = new EventHub();
  const settings = new SettingsStore(options.configDir);
  const tasks = new TaskTracker(hub);

  const handlers: Handlers = {
    'app.info': () => ({ name: appName, version: appVersion, host: options.host }),
    'settings.get': () => settings.get(),
    'settings.setLanguage': ({ language }) => {
      const next = settings.setLanguage(language);
      hub.emit('settings.changed', next);
      return next;
    },
    'tasks.list': () => tasks.list(),
  };

  return { router: createRouter(handlers, options.trustedOrigins), hub, settings, tasks };
}
