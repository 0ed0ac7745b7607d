import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../support/browser.js';

let host: Awaited<ReturnType<typeof startTestHost>>;
let cookie: string;

beforeAll(async () => {
  host = await startTestHost();
  const response = await fetch(host.url, { redirect: 'manual' });
  expect(response.status).toBe(303);
  cookie = response.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => host.stop());

function ipc(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/ipc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: host.origin, 'x-dossier-top-frame': '1', ...headers },
    body: JSON.stringify(body),
  });
}

describe('browser host', () => {
  it('listens on loopback only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses requests without the launch secret', async () => {
    for (const url of [`${host.origin}/`, `${host.origin}/ipc`, `${host.origin}/events`, `${host.origin}/?token=wrong`]) {
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(403);
    }
    const forged = await fetch(`${host.origin}/`, { headers: { cookie: 'dossier_session=guess' } });
    expect(forged.status).toBe(403);
  });

  it('serves the app with the bridge and a strict CSP', async () => {
    const response = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('/__host/bridge.js');
  });

  it('routes IPC and returns the envelope', async () => {
    expect(await (await ipc({ method: 'settings.get', input: {} })).json()).toEqual({ ok: true, value: { language: 'zh-CN' } });
  });

  it('refuses an invalid input, an unknown method and malformed bodies', async () => {
    expect(await (await ipc({ method: 'settings.setLanguage', input: { language: 1 } })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await ipc({ method: 'nope', input: {} })).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const garbage = await fetch(`${host.origin}/ipc`, { method: 'POST', headers: { cookie, origin: host.origin, 'x-dossier-top-frame': '1' }, body: '{not json' });
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses calls from another origin or from a subframe', async () => {
    expect(await (await ipc({ method: 'settings.get', input: {} }, { origin: 'http://127.0.0.1:1' })).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await (await ipc({ method: 'settings.get', input: {} }, { 'x-dossier-top-frame': '0' })).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const text = await (await fetch(`${host.origin}${path}`, { headers: { cookie } })).text();
      expect(text).not.toContain('"devDependencies"');
    }
  });
});
