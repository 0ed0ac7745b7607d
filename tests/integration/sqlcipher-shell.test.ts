import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { archivePaths } from '../../electron/archive/archive.js';
import { sqlcipherShellPragma } from '../../electron/db/cipher.js';
import { newArchive } from '../support/archive.js';

/**
 * The promise on the recovery sheet: the standard SQLCipher 4 shell opens the archive database
 * with the recovery key line alone.
 */
function sqlcipherVersion(): { available: boolean; reason: string } {
  const result = spawnSync('sqlcipher', ['--version'], { encoding: 'utf8' });
  if (result.error) return { available: false, reason: `no sqlcipher on PATH (${result.error.message})` };
  const version = `${result.stdout}${result.stderr}`.trim();
  if (!/SQLCipher 4\./.test(version)) return { available: false, reason: `sqlcipher is not SQLCipher 4: ${version}` };
  return { available: true, reason: version };
}

const { available, reason } = sqlcipherVersion();
if (!available) console.warn(`sqlcipher-shell.test: skipped: ${reason}`);

function shell(file: string, script: string) {
  const result = spawnSync('sqlcipher', ['-batch', file], { input: script, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the standard sqlcipher 4 shell', () => {
  it.skipIf(!available)('opens a closed archive with the recovery key line', async () => {
    const { dir, session, sqlcipherPragma, recoveryKey } = await newArchive();
    await session.close();
    expect(sqlcipherPragma).toBe(sqlcipherShellPragma(Buffer.from(recoveryKey, 'hex')));
    const out = shell(archivePaths(dir).db, `${sqlcipherPragma}\nSELECT username FROM users;\nSELECT count(*) FROM audit_log;\nPRAGMA cipher_integrity_check;\n`);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    // The key pragma prints "ok"; then the one user, the two entries (archive.create, session.signIn),
    // and nothing from the integrity check.
    expect(out.stdout.split('\n').filter(Boolean)).toEqual(['ok', 'admin', '2']);
  });

  it.skipIf(!available)('cannot read the archive with a wrong key', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    const out = shell(archivePaths(dir).db, `${sqlcipherShellPragma(randomBytes(32))}\nSELECT username FROM users;\nSELECT count(*) FROM audit_log;\n`);
    expect(out.stdout).not.toContain('admin');
    expect(out.stderr).toMatch(/file is not a database/);
    expect(out.status).not.toBe(0);
  });

  it.skipIf(!available)('cannot read the archive without a key', async () => {
    const { dir, session } = await newArchive();
    await session.close();
    const out = shell(archivePaths(dir).db, 'SELECT username FROM users;\n');
    expect(out.stdout).not.toContain('admin');
    expect(out.stderr).toMatch(/file is not a database/);
  });
});
