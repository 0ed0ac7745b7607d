import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { appVersion } from '../../electron/version.js';

async function cli(args: string[], env: Record<string, string> = { LANG: 'en_US.UTF-8' }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dossier CLI', () => {
  it('prints its version, plain and as JSON', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, out: `Dossier ${appVersion}` });
    const json = await cli(['version', '--json']);
    expect(JSON.parse(json.out)).toEqual({ name: 'Dossier', version: appVersion });
  });

  it('prints help in the chosen language', async () => {
    expect((await cli(['help'])).out).toContain('Usage: dossier');
    expect((await cli(['help'], { LANG: 'zh_CN.UTF-8' })).out).toContain('用法');
    expect((await cli(['help', '--lang', 'zh-TW'])).out).toContain('顯示本說明');
    expect(Object.keys(JSON.parse((await cli(['help', '--json'])).out).commands)).toContain('version');
  });

  it('exits 2 with a helpful message on bad usage', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('frobnicate');
    expect(result.err).toContain('dossier help');
    const json = await cli(['frobnicate', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('runs as the installed bin with real exit codes', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['bin/dossier.js', '--version']);
    expect(stdout.trim()).toBe(`Dossier ${appVersion}`);
    await expect(run(process.execPath, ['bin/dossier.js', 'nope'])).rejects.toMatchObject({ code: 2 });
  });
});
