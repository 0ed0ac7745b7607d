import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';

const origin = 'app://dossier';
const configDir = mkdtempSync(join(tmpdir(), 'dossier-router-'));
const { router } = createAppContext({ configDir, dataDir: join(configDir, 'archive'), host: 'cli', trustedOrigins: [origin] });
const own = { origin, topFrame: true };

describe('IPC router', () => {
  it('answers a valid call from the app', async () => {
    expect(await router.call('settings.get', {}, own)).toEqual({ ok: true, value: { language: 'zh-CN' } });
  });

  it('refuses an unknown method', async () => {
    for (const method of ['settings.drop', '__proto__', 'constructor', 42, null]) {
      const result = await router.call(method, {}, own);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', messageKey: 'errors.UNKNOWN_METHOD' } });
    }
  });

  it('refuses invalid input with INVALID_INPUT and the failing path', async () => {
    const result = await router.call('settings.setLanguage', { language: 'fr' }, own);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT' } });
    expect(JSON.stringify(result)).toContain('language');
    for (const input of [undefined, null, 'zh-CN', [], { language: 'en', extra: 1 }]) {
      expect(await router.call('settings.setLanguage', input, own)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('refuses a foreign origin, a subframe and an unknown sender before anything else', async () => {
    for (const sender of [
      { origin: 'https://evil.example', topFrame: true },
      { origin, topFrame: false },
      { origin: null, topFrame: true },
      { origin: 'file://', topFrame: true },
    ]) {
      const result = await router.call('settings.setLanguage', { language: 'en' }, sender);
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', messageKey: 'errors.FORBIDDEN_SENDER' } });
    }
    expect(await router.call('settings.get', {}, own)).toEqual({ ok: true, value: { language: 'zh-CN' } });
  });

  it('returns envelopes that survive structured cloning', async () => {
    const result = await router.call('app.info', {}, own);
    expect(structuredClone(result)).toEqual(result);
  });
});
