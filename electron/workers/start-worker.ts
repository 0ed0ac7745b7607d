import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from its built `.js` module. Under the TypeScript sources (tests, tsx)
 * there is no `.js` file, only the `.ts` beside where it would be, and a new thread knows nothing
 * of tsx: a one-line bootstrap registers tsx's loader in the thread first, then imports the source.
 */
export function startWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(script, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = script.href.replace(/\.js$/, '.ts');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * Starts a child process from its built `.js` module (under the sources, the `.ts` with tsx's
 * loader), talking structured-clone messages. For work that must not be able to take the app
 * down with it: a native crash or a blown heap ends only the child. In Electron, `fork` runs the
 * script with Electron's own Node.
 */
export function startProcess(script: URL, options: { heapMb: number }): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(fromSource ? script.href.replace(/\.js$/, '.ts') : script);
  const execArgv = [`--max-old-space-size=${options.heapMb}`, ...(fromSource ? ['--import', import.meta.resolve('tsx/esm')] : [])];
  return fork(path, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
}
