import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { createArchive } from '../../electron/archive/archive.js';
import { adminPassword, tempDir, testPolicy } from '../support/archive.js';

const origin = 'app://dossier';
const own = { origin, topFrame: true };

function context(dataDir: string) {
  return createAppContext({ configDir: tempDir(), dataDir, host: 'cli', trustedOrigins: [origin] });
}

describe('sessions over IPC', () => {
  it('walks from no archive to open to locked, refusing archive calls while locked', async () => {
    const dataDir = join(tempDir(), 'archive');
    const { router, hub } = context(dataDir);
    const events: unknown[] = [];
    hub.subscribe((event, payload) => events.push({ event, payload }));

    expect(await router.call('archive.status', {}, own)).toEqual({ ok: true, value: { state: 'none' } });
    expect(await router.call('users.list', {}, own)).toMatchObject({ ok: false, error: { code: 'NO_ARCHIVE' } });

    const created = await router.call('archive.create', { username: 'admin', displayName: '王芳', password: adminPassword, branchName: '朝阳' }, own);
    expect(created).toMatchObject({ ok: true, value: { user: { username: 'admin', role: 'admin' } } });
    const value = (created as { value: { recoveryKey: string; qrSvg: string } }).value;
    expect(value.recoveryKey).toMatch(/^[0-9a-f]{64}$/);
    expect(value.qrSvg).toContain('<svg');
    expect(await router.call('users.list', {}, own)).toMatchObject({ ok: true, value: [{ username: 'admin' }] });

    expect(await router.call('session.signOut', {}, own)).toEqual({ ok: true, value: {} });
    expect(await router.call('archive.status', {}, own)).toEqual({ ok: true, value: { state: 'locked' } });
    expect(await router.call('users.list', {}, own)).toMatchObject({ ok: false, error: { code: 'ARCHIVE_LOCKED' } });
    expect(await router.call('session.signIn', { username: 'admin', password: 'wrong-password' }, own)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await router.call('session.signIn', { username: 'admin', password: adminPassword }, own)).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(events.filter((e) => (e as { event: string }).event === 'session.changed').map((e) => (e as { payload: { state: string } }).payload.state)).toEqual(['open', 'locked', 'open']);
    await router.call('session.signOut', {}, own);
  });

  it('refuses hostile sign-in input before it reaches the archive', async () => {
    const { router } = context(join(tempDir(), 'archive'));
    for (const input of [{ username: '', password: 'x' }, { username: 'a b', password: 'x' }, { username: 'admin', password: 'x'.repeat(5000) }, { username: 'admin' }, { username: 'admin', password: 'x', extra: true }]) {
      expect(await router.call('session.signIn', input, own)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await router.call('users.remove', { userId: '../../etc' }, own)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('locks an idle session: the database closes and the user must sign in again', async () => {
    const dataDir = join(tempDir(), 'archive');
    const { session } = await createArchive(dataDir, { username: 'admin', displayName: 'A', password: adminPassword, branchName: 'B' }, { ...testPolicy, idleLockMinutes: 0.005 });
    await session.close();
    const { router, hub, sessions } = context(dataDir);
    const locked = new Promise((resolve) => hub.subscribe((event, payload) => event === 'session.changed' && (payload as { state: string }).state === 'locked' && resolve(payload)));
    await router.call('session.signIn', { username: 'admin', password: adminPassword }, own);
    expect(sessions.status().state).toBe('open');
    expect(await locked).toMatchObject({ state: 'locked', lockedBecause: 'idle' });
    expect(await router.call('users.list', {}, own)).toMatchObject({ ok: false, error: { code: 'ARCHIVE_LOCKED' } });
  });
});
