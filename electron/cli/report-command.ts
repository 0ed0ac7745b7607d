import { type FileHandle, open, rm, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type ExportFormat, exportFormats, type ReportId, reportIds, reportParametersSchema } from '../../shared/ipc/methods/reports.js';
import { openArchive } from '../archive/archive.js';
import { reportFile } from '../reports/output.js';
import { chromiumPrinter } from '../reports/pdf.js';
import { reports } from '../reports/registry.js';
import { archiveOptions, type CommandContext, readPassword, required } from './archive-commands.js';
import { exitCodes, UsageError } from './io.js';

export const reportOptions = {
  ...archiveOptions,
  list: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  branch: { type: 'string' },
  agent: { type: 'string' },
  type: { type: 'string' },
  out: { type: 'string' },
} as const;

/**
 * `dossier report NAME --data DIR --user U --out FILE.pdf|.xlsx|.csv`: makes a report as the
 * user, masked for their role and recorded in the audit log as an export, exactly as the app's
 * export does; `dossier report --list` names the reports. PDFs are printed by the installed
 * Chromium or Microsoft Edge.
 */
export async function reportCommand(context: CommandContext, args: string[]): Promise<number> {
  const { t, io, values } = context;
  if (values.list === true) {
    const list = Object.values(reports).map((r) => ({ id: r.id, title: t(r.titleKey), parameters: r.parameters }));
    io.out(context.json ? JSON.stringify(list) : list.map((r) => t('cli.reportList', { id: r.id.padEnd(12), title: r.title })).join('\n'));
    return exitCodes.ok;
  }
  const name = args[0];
  if (!name) throw new UsageError(t('cli.reportNoName'));
  if (!(reportIds as readonly string[]).includes(name)) throw new UsageError(t('cli.reportUnknown', { name }));
  const out = resolve(required(context, 'out'));
  const format = extname(out).slice(1).toLowerCase();
  if (!(exportFormats as readonly string[]).includes(format)) throw new UsageError(t('cli.reportBadOut'));
  const given = (option: string) => (typeof values[option] === 'string' ? (values[option] as string) : undefined);
  // --branch and --agent take names as well as ids: they are turned into ids once the archive is open.
  const raw = { from: given('from'), to: given('to'), customerType: given('type') };
  const parsed = reportParametersSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    const option = { from: '--from', to: '--to', customerType: '--type' }[field] ?? field;
    throw new UsageError(t('cli.reportBadOption', { option }));
  }
  const file = await createOut(out, t);
  let rows: number;
  let written = false;
  const printer = chromiumPrinter();
  try {
    const session = await openArchive(resolve(required(context, 'data')), required(context, 'user'), await readPassword(context));
    try {
      const scope = await session.db.call('reports.scopeIds', { actorId: session.user.id, branch: given('branch'), agent: given('agent') });
      const result = await session.db.call('reports.run', {
        actorId: session.user.id,
        reportId: name as ReportId,
        parameters: { ...parsed.data, ...scope },
        language: context.language,
        action: 'export',
        format: format as ExportFormat,
      });
      const made = await reportFile(result, format as ExportFormat, t, context.language, printer.print);
      await file.writeFile(made.bytes);
      written = true;
      rows = result.rowCount;
    } finally {
      await session.close();
    }
  } finally {
    await printer.close();
    await file.close();
    // The file was made empty for this report: one that failed leaves nothing behind.
    if (!written) await rm(out, { force: true });
  }
  const title = t(reports[name as ReportId].titleKey);
  io.out(context.json ? JSON.stringify({ report: name, format, rows, file: out }) : t('cli.reportWritten', { title, rows, file: out }));
  return exitCodes.ok;
}

/**
 * Makes the --out file before anything else, so that a path that is taken, a folder or not
 * writable is refused before the archive is opened (and no export is recorded). An existing file
 * is never overwritten: it may be last month's report.
 */
async function createOut(out: string, t: CommandContext['t']): Promise<FileHandle> {
  const existing = await stat(out).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(t('cli.reportOutIsFolder', { file: out }));
  if (existing) throw new UsageError(t('cli.reportOutExists', { file: out }));
  try {
    return await open(out, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(t('cli.reportOutExists', { file: out }));
    throw new UsageError(t('cli.reportOutUnwritable', { file: out, reason: code ?? String(error) }));
  }
}
