import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../electron/archive/archive.js';
import { type AppContext, createAppContext } from '../../electron/app-context.js';
import { runCli } from '../../electron/cli/dossier.js';
import type { CliIo } from '../../electron/cli/io.js';
import { translator } from '../../electron/i18n.js';
import type { Sender } from '../../electron/ipc/router.js';
import { languages } from '../../shared/i18n/languages.js';
import type { Envelope } from '../../shared/ipc/errors.js';
import { printRowLimit, type ReportResult, screenRowLimit } from '../../shared/ipc/methods/reports.js';
import { newArchive, tempDir } from '../support/archive.js';

/*
 * Reports longer than a screen and a printout, and input meant to break them. The archive holds
 * 2,100 demo customers, made by the demo op with every document missing: the completeness report
 * lists (nearly) all of them, more than screenRowLimit and printRowLimit.
 */

const origin = 'app://dossier';
const own: Sender = { origin, topFrame: true };
const passwords = { compliance: 'compliance-password', agent: 'agent-password-1' };
const customers = 2_100;

let dir: string;
let app: AppContext;
let agentId: string;
const downloads: { name: string; bytes: Buffer }[] = [];

type Failure = { ok: false; error: { code: string; messageKey: string; details?: Record<string, unknown> } };
function call<T>(method: string, input: unknown): Promise<Envelope<T>> {
  return app.router.call(method, input, own) as Promise<Envelope<T>>;
}
async function value<T>(method: string, input: unknown): Promise<T> {
  const answer = await call<T>(method, input);
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
}
async function signIn(username: keyof typeof passwords) {
  expect(await call('session.signIn', { username, password: passwords[username] })).toMatchObject({ ok: true });
}

/** The message a refusal names, in every language: a real sentence, not the key itself. */
function expectTranslated(error: Failure['error']) {
  for (const language of languages) {
    const text = translator(language)(error.messageKey, error.details ?? {});
    expect(text, `${error.messageKey} in ${language}`).not.toBe(error.messageKey);
    expect(text).not.toMatch(/\{\{/);
  }
}

beforeAll(async () => {
  const created = await newArchive();
  dir = created.dir;
  await created.session.db.call('demo.fill', { actorId: created.session.user.id, customers, seed: 6 });
  await addUser(created.session, { username: 'compliance', displayName: '赵敏', role: 'compliance', password: passwords.compliance });
  agentId = (await addUser(created.session, { username: 'agent', displayName: '李娜', role: 'agent', password: passwords.agent })).id;
  await created.session.close();
  app = createAppContext({
    configDir: tempDir(),
    dataDir: dir,
    host: 'cli',
    trustedOrigins: [origin],
    files: {
      offerDownload: (name, bytes) => {
        downloads.push({ name, bytes });
        return `/archive/download/${downloads.length}`;
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await app?.sessions.signOut();
  await app?.pdf.close();
});

describe('long reports', () => {
  it('send the screen the first rows with the count of all; totals cover all; an export holds every row in the same order', async () => {
    await signIn('compliance');
    for (const reportId of ['completeness', 'timeliness', 'accessAudit'] as const) {
      const screen = await value<ReportResult>('reports.run', { reportId, parameters: {} });
      expect(screen.rows.length, reportId).toBe(Math.min(screen.rowCount, screenRowLimit));
      await value('reports.export', { reportId, parameters: {}, format: 'csv' });
      const lines = downloads.at(-1)!.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      // Every row of the report, under one line of headings; the access audit has grown by this run's own entries.
      if (reportId === 'accessAudit') expect(lines.length - 1).toBeGreaterThanOrEqual(screen.rowCount);
      else expect(lines.length - 1, reportId).toBe(screen.rowCount);
      if (reportId !== 'accessAudit') expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(screen.rows.slice(0, 3).map((r) => r.customer));
    }
    const completeness = await value<ReportResult>('reports.run', { reportId: 'completeness', parameters: {} });
    expect(completeness.rowCount).toBeGreaterThan(printRowLimit);
    expect(completeness.rows).toHaveLength(screenRowLimit);
    expect(completeness.summary.find((f) => f.key === 'customers')?.value).toBe(customers);
    // The roll-up counts every customer, not the rows sent.
    expect(completeness.groups[1]!.rows[0]).toMatchObject({ customers });
    await call('session.signOut', {});
  }, 120_000);

  it('refuse a printout or PDF longer than printRowLimit with a translated message, and record nothing; XLSX takes every row', async () => {
    await signIn('compliance');
    const prints = async () => (await value<ReportResult>('reports.run', { reportId: 'accessAudit', parameters: {} })).summary.find((f) => f.key === 'prints')!.value;
    const exports = async () => (await value<ReportResult>('reports.run', { reportId: 'accessAudit', parameters: {} })).summary.find((f) => f.key === 'exports')!.value;
    const [printsBefore, exportsBefore, offered] = [await prints(), await exports(), downloads.length];
    for (const [method, extra] of [['reports.print', {}], ['reports.export', { format: 'pdf' }]] as const) {
      const refused = (await call(method, { reportId: 'completeness', parameters: {}, ...extra })) as Failure;
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', messageKey: 'reports.errors.tooManyRowsToPrint', details: { limit: printRowLimit } } });
      expect(refused.error.details!.rows).toBeGreaterThan(printRowLimit);
      expectTranslated(refused.error);
    }
    expect(await prints()).toBe(printsBefore);
    expect(await exports()).toBe(exportsBefore);
    expect(downloads.length).toBe(offered);

    const { rowCount } = await value<ReportResult>('reports.run', { reportId: 'completeness', parameters: {} });
    await value('reports.export', { reportId: 'completeness', parameters: {}, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(downloads.at(-1)!.bytes as unknown as ArrayBuffer);
    // Headings, every row, the totals.
    expect(book.worksheets[0]!.rowCount).toBe(rowCount + 2);
    // A narrower report prints.
    const few = await value<ReportResult>('reports.print', { reportId: 'completeness', parameters: { customerType: 'group' } });
    expect(few.rows.length).toBe(few.rowCount);
    await call('session.signOut', {});
  }, 120_000);
});

describe('a computer without a browser to print with', () => {
  it('refuses a PDF with a translated message and offers no file', async () => {
    await signIn('compliance');
    await app.pdf.close();
    const saved = process.env.DOSSIER_CHROMIUM;
    process.env.DOSSIER_CHROMIUM = join(tempDir(), 'no-such-browser');
    try {
      const offered = downloads.length;
      const refused = (await call('reports.export', { reportId: 'completeness', parameters: { customerType: 'group' }, format: 'pdf' })) as Failure;
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE', messageKey: 'reports.errors.noBrowser' } });
      expectTranslated(refused.error);
      expect(downloads.length).toBe(offered);
    } finally {
      if (saved === undefined) delete process.env.DOSSIER_CHROMIUM;
      else process.env.DOSSIER_CHROMIUM = saved;
      await call('session.signOut', {});
    }
  });
});

describe('hostile input over IPC', () => {
  it('is refused with the code and a translated message, whatever the method and the garbage', async () => {
    await signIn('compliance');
    const huge = 'x'.repeat(1_000_000);
    const cases: [string, unknown, string, string?][] = [
      ['reports.run', { reportId: 'nonsense', parameters: {} }, 'INVALID_INPUT'],
      ['reports.run', { reportId: huge, parameters: {} }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: {}, extra: true }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: 'DROP TABLE customers' }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: [] }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { evil: 1 } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { branchId: huge } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { from: '2026-02-30' } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { from: '0001-01-01' } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { to: '99999-12-31' } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { from: 20260101 } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'completeness', parameters: { agentId: 'not-a-uuid' } }, 'INVALID_INPUT'],
      ['reports.run', { reportId: 'timeliness', parameters: { from: '2026-05-01', to: '2026-04-01' } }, 'INVALID_INPUT', 'reports.errors.reversedPeriod'],
      ['reports.print', { reportId: 'accessAudit', parameters: { from: '2026-05-01', to: '2026-04-30' } }, 'INVALID_INPUT', 'reports.errors.reversedPeriod'],
      ['reports.run', { reportId: 'completeness', parameters: { branchId: 'no-such-branch' } }, 'NOT_FOUND', 'reports.errors.unknown.branchId'],
      ['reports.run', { reportId: 'completeness', parameters: { agentId: crypto.randomUUID() } }, 'NOT_FOUND', 'reports.errors.unknown.agentId'],
      ['reports.export', { reportId: 'accessAudit', parameters: { userId: crypto.randomUUID() }, format: 'csv' }, 'NOT_FOUND', 'reports.errors.unknown.userId'],
      ['reports.run', { reportId: 'accessAudit', parameters: { customerId: crypto.randomUUID() } }, 'NOT_FOUND', 'reports.errors.unknown.customerId'],
      ['reports.export', { reportId: 'completeness', parameters: {}, format: 'docx' }, 'INVALID_INPUT'],
      ['reports.export', { reportId: 'completeness', parameters: {}, format: 'csv', path: '/etc/passwd' }, 'INVALID_INPUT'],
      ['kpi.dashboard', { months: 10_000 }, 'INVALID_INPUT'],
      ['kpi.drill', { kpi: 'completenessRate', month: '2026-13' }, 'INVALID_INPUT'],
      ['kpi.drill', { kpi: 'nonsense', month: '2026-01' }, 'INVALID_INPUT'],
    ];
    const offered = downloads.length;
    for (const [method, input, code, messageKey] of cases) {
      const answer = (await call(method, input)) as Failure;
      expect(answer.ok, `${method} ${JSON.stringify(input).slice(0, 120)}`).toBe(false);
      expect(answer.error.code, `${method} ${JSON.stringify(input).slice(0, 120)}`).toBe(code);
      expect(answer.error.messageKey).toBe(messageKey ?? `errors.${code}`);
      expectTranslated(answer.error);
    }
    expect(downloads.length).toBe(offered);
    await call('session.signOut', {});
  }, 60_000);

  it('refuses a role without permission on each report method, and an agent asking for another agent', async () => {
    await signIn('agent');
    const listed = await value<{ id: string }[]>('reports.list', {});
    expect(listed.map((r) => r.id)).not.toContain('accessAudit');
    for (const [method, input] of [
      ['reports.run', { reportId: 'accessAudit', parameters: {} }],
      ['reports.print', { reportId: 'accessAudit', parameters: {} }],
      ['reports.export', { reportId: 'accessAudit', parameters: {}, format: 'csv' }],
      ['reports.export', { reportId: 'accessAudit', parameters: {}, format: 'pdf' }],
      ['reports.run', { reportId: 'completeness', parameters: { agentId: crypto.randomUUID() } }],
      ['reports.export', { reportId: 'timeliness', parameters: { agentId: crypto.randomUUID() }, format: 'xlsx' }],
    ] as const) {
      const answer = (await call(method, input)) as Failure;
      expect(answer, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    // Their own customers they may see; the dashboard and its drill-down are scoped to them.
    expect((await value<ReportResult>('reports.run', { reportId: 'completeness', parameters: { agentId } })).summary.find((f) => f.key === 'customers')?.value).toBe(0);
    await call('session.signOut', {});
  }, 60_000);

  it('refuses every report method while the archive is locked', async () => {
    for (const [method, input] of [
      ['reports.list', {}],
      ['reports.run', { reportId: 'completeness', parameters: {} }],
      ['reports.print', { reportId: 'completeness', parameters: {} }],
      ['reports.export', { reportId: 'completeness', parameters: {}, format: 'xlsx' }],
      ['kpi.dashboard', { months: 3 }],
      ['kpi.drill', { kpi: 'completenessRate', month: '2026-01' }],
    ] as const) {
      const answer = (await call(method, input)) as Failure;
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'ARCHIVE_LOCKED' } });
      expectTranslated(answer.error);
    }
  });
});

describe('dossier report and its --out file', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: { LANG: 'en_US.UTF-8' }, readStdin: async () => '' };
    const code = await runCli(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('never overwrites, refuses folders, unwritable places and unknown extensions, and leaves no file behind a failed report', async () => {
    const work = tempDir();
    const passwordFile = join(work, 'password');
    writeFileSync(passwordFile, `${passwords.compliance}\n`);
    const report = (name: string, out: string, ...more: string[]) => cli(['report', name, '--data', dir, '--user', 'compliance', '--password-file', passwordFile, '--out', out, ...more]);

    const taken = join(work, 'last-month.csv');
    writeFileSync(taken, 'last month');
    const overwrite = await report('timeliness', taken);
    expect(overwrite.code).toBe(2);
    expect(overwrite.err).toBe(`${taken} already exists. Choose another file name; nothing was overwritten.`);
    expect(readFileSync(taken, 'utf8')).toBe('last month');

    const folder = join(work, 'reports.xlsx');
    mkdirSync(folder);
    expect(await report('timeliness', folder)).toMatchObject({ code: 2, err: `${folder} is a folder. Give a file name ending in .pdf, .xlsx or .csv.` });

    const nowhere = join(work, 'no-such-folder', 'due.csv');
    const unwritable = await report('timeliness', nowhere);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/^Cannot write .*due\.csv \(ENOENT\)/);

    expect(await report('timeliness', join(work, 'due.docx'))).toMatchObject({ code: 2, err: '--out must end in .pdf, .xlsx or .csv' });
    expect((await cli(['report', 'nonsense', '--out', join(work, 'x.csv')])).err).toBe('There is no report "nonsense". dossier report --list lists them.');

    // Refused after the file was made (the archive is opened only then): it is removed again.
    const failed: [string, string[], string | RegExp][] = [
      [join(work, 'branch.csv'), ['--branch', 'no-such-branch'], 'There is no such branch in this archive.'],
      [join(work, 'reversed.csv'), ['--from', '2026-05-01', '--to', '2026-04-01'], 'The period ends (2026-04-01) before it starts (2026-05-01). Swap the dates.'],
      [join(work, 'long.pdf'), [], /^This report has \d+ rows; a printout or PDF holds at most 2000\./],
    ];
    for (const [out, options, message] of failed) {
      const result = await report('completeness', out, ...options);
      expect(result.code, out).toBe(1);
      if (typeof message === 'string') expect(result.err).toBe(message);
      else expect(result.err).toMatch(message);
      expect(existsSync(out), out).toBe(false);
    }
  }, 120_000);
});
