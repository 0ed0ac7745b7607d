import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createAppContext } from '../app-context.js';
import { projectRoot } from '../paths.js';
import { startBrowserHost } from './server.js';

/** `npm run start:browser`: the desktop app's services, served to a browser on loopback. */
const { values } = parseArgs({
  options: { config: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' } },
});
const configDir = values.config ?? join(projectRoot, '.dossier-dev');
const dataDir = values.data ?? join(configDir, 'archive');
const host = await startBrowserHost(
  (origin, files) => createAppContext({ configDir, dataDir, host: 'browser', trustedOrigins: [origin], files, ingest: { watchFolders: true } }),
  values.port ? { port: Number(values.port) } : {},
);
console.log(`Dossier browser host: ${host.url}\nArchive folder: ${dataDir}`);
process.on('SIGINT', () => void host.close().then(() => process.exit(0)));
