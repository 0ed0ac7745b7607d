import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, openArchive, verifyArchive } from '../../electron/archive/archive.js';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { validateCreditCode } from '../../shared/validators/credit-code.js';
import { validateResidentId } from '../../shared/validators/resident-id.js';
import { tempDir } from '../support/archive.js';

async function cli(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { LANG: 'en_US.UTF-8' }, readStdin: async () => stdin };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const work = tempDir();
const data = join(work, 'demo');
const passwordFile = join(work, 'password');
writeFileSync(passwordFile, 'dossier-demo\n');

describe('dossier demo', () => {
  it('creates a demo archive with checksum-valid, clearly fictitious customers and prints the credentials', async () => {
    const result = await cli(['demo', '--data', data, '--customers', '300', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ ok: true, customers: 300, credentials: { username: 'demo', password: 'dossier-demo' } });
    expect(report.policies).toBeGreaterThan(100);

    const session = await openArchive(data, 'demo', 'dossier-demo');
    const list = await session.db.call('customers.list', { actorId: session.user.id, offset: 0, limit: 500, sort: { field: 'name', order: 'asc' }, filters: {} });
    await session.close();
    expect(list.total).toBe(300);
    expect(list.rows.every((r) => r.idNumber || r.creditCode)).toBe(true);
    expect((await verifyArchive(data, 'demo', 'dossier-demo')).ok).toBe(true);
  });

  it('adds to an existing archive with the user\'s credentials, every identifier valid and unique', async () => {
    expect(await cli(['demo', '--data', data, '--customers', '10'])).toMatchObject({ code: 2, err: expect.stringContaining('--user') });
    const result = await cli(['demo', '--data', data, '--customers', '200', '--user', 'demo', '--password-file', passwordFile]);
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining('Added 200 demo customers') });
    // The administrator sees masked identifiers; an archivist sees them whole.
    const session = await openArchive(data, 'demo', 'dossier-demo');
    await addUser(session, { username: 'archivist', displayName: '档案员', role: 'archivist', password: 'archivist-pw' });
    await session.close();
    const archivist = await openArchive(data, 'archivist', 'archivist-pw');
    const { rows: rawRows } = await archivist.db.call('customers.list', { actorId: archivist.user.id, offset: 0, limit: 500, sort: { field: 'createdAt', order: 'asc' }, filters: {} });
    await archivist.close();
    expect(rawRows).toHaveLength(500);
    const ids = rawRows.map((r) => r.idNumber).filter((v): v is string => !!v);
    const codes = rawRows.map((r) => r.creditCode).filter((v): v is string => !!v);
    expect(ids.every((id) => validateResidentId(id).ok)).toBe(true);
    expect(codes.every((code) => validateCreditCode(code).ok)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rawRows.every((r) => r.name.length > 0)).toBe(true);
  });

  it('refuses a silly count', async () => {
    expect(await cli(['demo', '--data', join(work, 'other'), '--customers', 'lots'])).toMatchObject({ code: 2 });
  });
});

describe('dossier customer', () => {
  it('adds a customer from a JSON file validated like the form, and shows it', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ type: 'individual', name: '张伟', idNumber: '110105194912310021', mobile: '13812345678' }));
    const refused = await cli(['customer', 'add', '--json-file', bad, '--data', data, '--user', 'demo', '--password-file', passwordFile, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['idNumber'], messageKey: 'validation.residentId.checkDigit' }] } } });

    const good = join(work, 'good.json');
    writeFileSync(good, JSON.stringify({ type: 'individual', name: '张伟', idNumber: '11010519491231002X', mobile: '13812345678' }));
    const added = await cli(['customer', 'add', '--json-file', good, '--data', data, '--user', 'demo', '--password-file', passwordFile, '--json']);
    expect(added.code).toBe(0);
    const { customer } = JSON.parse(added.out);
    expect(customer).toMatchObject({ name: '张伟', birthDate: '1949-12-31', sex: 'female' });

    const shown = await cli(['customer', 'show', customer.id, '--data', data, '--user', 'demo', '--password-file', passwordFile]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('张伟');
    // The administrator's view is masked.
    expect(shown.out).toContain('110105********002X');
    expect(await cli(['customer', 'add', '--json-file', join(work, 'missing.json'), '--data', data, '--user', 'demo', '--password-file', passwordFile])).toMatchObject({ code: 2 });
    expect(await cli(['customer', 'frob', '--data', data])).toMatchObject({ code: 2 });
  });
});
