import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import type { TFunction } from 'i18next';
import type { Language } from '../../shared/i18n/languages.js';
import { createArchive, verifyArchive, type VerifyItem } from '../archive/archive.js';
import { type CliIo, exitCodes, UsageError } from './io.js';

export interface CommandContext {
  t: TFunction;
  language: Language;
  json: boolean;
  io: CliIo;
  values: Record<string, string | boolean | undefined>;
}

/** The options every verb that opens an archive takes. */
export const archiveOptions = {
  data: { type: 'string' },
  user: { type: 'string' },
  'password-file': { type: 'string' },
} as const;

export function required(context: CommandContext, name: string): string {
  const value = context.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(context.t('cli.missingOption', { option: `--${name}` }));
  return value;
}

/** From --password-file, else standard input; one trailing line break is not part of the password. */
export async function readPassword(context: CommandContext): Promise<string> {
  const file = context.values['password-file'];
  let text: string;
  if (typeof file === 'string') {
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new UsageError(context.t('cli.unreadableFile', { file }));
    }
  } else {
    text = await context.io.readStdin();
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new UsageError(context.t('cli.noPassword'));
  return password;
}

export async function initCommand(context: CommandContext): Promise<number> {
  const { t, io } = context;
  const dir = resolve(required(context, 'data'));
  const admin = required(context, 'admin');
  const password = await readPassword(context);
  const displayName = typeof context.values['display-name'] === 'string' ? context.values['display-name'] : admin;
  const branchName = typeof context.values.branch === 'string' ? context.values.branch : t('cli.defaultBranch');
  const created = await createArchive(dir, { username: admin, displayName, password, branchName });
  await created.session.close();
  if (context.json) {
    io.out(JSON.stringify({ ok: true, dataDir: dir, admin, recoveryKey: created.recoveryKey, sqlcipherPragma: created.sqlcipherPragma }));
  } else {
    const qr = await QRCode.toString(created.sqlcipherPragma, { type: 'terminal', small: true });
    io.out([t('cli.created', { dir, admin }), '', t('cli.recoveryIntro'), `  ${created.recoveryKey}`, '', t('cli.recoveryShell'), `  ${created.sqlcipherPragma}`, '', qr].join('\n'));
  }
  return exitCodes.ok;
}

export async function verifyCommand(context: CommandContext): Promise<number> {
  const { t, io } = context;
  const dir = resolve(required(context, 'data'));
  const user = required(context, 'user');
  const report = await verifyArchive(dir, user, await readPassword(context));
  const problem = report.firstProblem ? t(report.firstProblem.messageKey, report.firstProblem.values) : null;
  if (context.json) {
    io.out(JSON.stringify({ ok: report.ok, problem, items: report.items }));
  } else {
    const lines = report.items.map((item) => `${item.ok ? '✓' : '✗'} ${t(`cli.check.${item.check}`, { count: itemCount(item) })}`);
    lines.push('', report.ok ? t('cli.verifyOk') : t('cli.verifyFailed', { problem }));
    (report.ok ? io.out : io.err)(lines.join('\n'));
  }
  return report.ok ? exitCodes.ok : exitCodes.failure;
}

function itemCount(item: VerifyItem): number {
  switch (item.check) {
    case 'databasePages':
      return item.pages;
    case 'databaseIntegrity':
      return item.problems.length;
    case 'auditChain':
      return item.result.entries;
    case 'pageStore':
      return item.pages;
  }
}
