// `npm start`: the desktop app when Electron's binary is installed (downloading it if allowed),
// otherwise a plain explanation and the browser host, so the app always starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
let binary = electronBinary();
if (!binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Downloading the Electron binary…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 120_000 });
  binary = electronBinary();
}
if (binary) {
  run(binary, ['.']);
} else {
  console.log(
    [
      '',
      'Electron\'s binary is not installed, so the desktop window cannot open on this machine.',
      'To get it, on a machine that can reach Electron\'s downloads run: node node_modules/electron/install.js',
      '(or unset ELECTRON_SKIP_BINARY_DOWNLOAD and run npm start again).',
      'Starting the browser host instead: open the address below in Chromium, Chrome or Edge.',
      '',
    ].join('\n'),
  );
  run(process.execPath, ['build/electron/browser-host/main.js']);
}
