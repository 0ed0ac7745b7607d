import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { appVersion } from '../../electron/version.js';
import { adminPassword, tempDir } from '../support/archive.js';

async function cli(args: string[], env: Record<string, string> = { LANG: 'en_US.UTF-8' }, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, readStdin: async () => stdin };
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

  describe('init and verify', () => {
    const work = tempDir();
    const data = join(work, 'archive');
    const passwordFile = join(work, 'password.txt');
    writeFileSync(passwordFile, `${adminPassword}\n`);

    it('creates an archive and prints the recovery key once', async () => {
      const result = await cli(['init', '--data', data, '--admin', 'admin', '--display-name', '王芳', '--password-file', passwordFile, '--json']);
      expect(result.code).toBe(0);
      const created = JSON.parse(result.out);
      expect(created).toMatchObject({ ok: true, admin: 'admin' });
      expect(created.recoveryKey).toMatch(/^[0-9a-f]{64}$/);
      expect(created.sqlcipherPragma).toBe(`PRAGMA key = "x'${created.recoveryKey}'";`);
      expect(readFileSync(join(data, 'dossier.json'), 'utf8')).not.toContain(created.recoveryKey);
    });

    it('refuses to create a second archive over the first', async () => {
      const result = await cli(['init', '--data', data, '--admin', 'other', '--password-file', passwordFile]);
      expect(result).toMatchObject({ code: 1 });
      expect(result.err).toContain('not empty');
    });

    it('verifies the fresh archive with the password on standard input', async () => {
      const result = await cli(['verify', '--data', data, '--user', 'admin'], { LANG: 'en_US.UTF-8' }, `${adminPassword}\n`);
      expect(result.code).toBe(0);
      expect(result.out).toContain('The archive is intact.');
      const json = await cli(['verify', '--data', data, '--user', 'admin', '--json', '--password-file', passwordFile]);
      expect(JSON.parse(json.out)).toMatchObject({ ok: true, problem: null });
    });

    it('answers bad input with a clear message and the right exit code', async () => {
      expect(await cli(['verify', '--user', 'admin', '--password-file', passwordFile])).toMatchObject({ code: 2, err: expect.stringContaining('--data') });
      expect(await cli(['verify', '--data', data, '--user', 'admin'])).toMatchObject({ code: 2, err: expect.stringContaining('--password-file') });
      expect(await cli(['verify', '--data', data, '--user', 'admin', '--password-file', join(work, 'nope')])).toMatchObject({ code: 2 });
      expect(await cli(['verify', '--data', data, '--user', 'admin', '--bogus'])).toMatchObject({ code: 2 });
      const wrong = await cli(['verify', '--data', data, '--user', 'admin', '--json'], { LANG: 'zh_CN.UTF-8' }, 'not the password');
      expect(wrong.code).toBe(1);
      expect(JSON.parse(wrong.out)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', message: '用户名或密码不正确。' } });
      const foreign = await cli(['verify', '--data', work, '--user', 'admin', '--password-file', passwordFile]);
      expect(foreign).toMatchObject({ code: 1, err: expect.stringContaining('not a Dossier archive') });
    });
  });
});
