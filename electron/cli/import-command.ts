import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { rejectMessage } from '../../shared/i18n/ingest-formats.js';
import type { FileReport } from '../../shared/ipc/methods/ingest.js';
import { openArchive } from '../archive/archive.js';
import { IngestRuntime, type IngestOptions } from '../ingest/runtime.js';
import { EventHub } from '../ipc/router.js';
import { TaskTracker } from '../services/tasks.js';
import { archiveOptions, type CommandContext, readPassword, required } from './archive-commands.js';
import { exitCodes, UsageError } from './io.js';

export const importOptions = { ...archiveOptions, ocr: { type: 'string' } } as const;
const ocrModes = ['auto', 'native', 'wasm', 'off'] as const;

/**
 * `dossier import PATH...`: ingests files and folders (recursively) as one batch through the same
 * pipeline as the app, waits until every file is finished, and reports each: filed, inbox,
 * duplicate or rejected with the reason. Files left unfinished by an earlier run are finished
 * first. Exit status 1 when any file was rejected.
 */
export async function importCommand(context: CommandContext, paths: string[]): Promise<number> {
  const { t, io } = context;
  if (paths.length === 0) throw new UsageError(t('cli.importNoPaths'));
  const ocr = context.values.ocr ?? 'auto';
  if (typeof ocr !== 'string' || !(ocrModes as readonly string[]).includes(ocr)) throw new UsageError(t('cli.importBadOcr', { modes: ocrModes.join(', ') }));
  for (const path of paths) {
    if (!(await stat(path).catch(() => null))) throw new UsageError(t('cli.unreadableFile', { file: path }));
  }
  const dir = resolve(required(context, 'data'));
  const session = await openArchive(dir, required(context, 'user'), await readPassword(context));
  const runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: ocr as IngestOptions['ocr'] });
  let files: FileReport[];
  try {
    await runtime.opened(session);
    const { batchId, acknowledged } = await runtime.importPaths(paths.map((p) => resolve(p)), 'CLI');
    await acknowledged;
    await runtime.current().idle();
    files = await session.db.call('ingest.files', { actorId: session.user.id, batchId });
  } finally {
    await runtime.dispose();
    await session.close();
  }
  if (context.json) io.out(JSON.stringify(files.map(toJson)));
  else io.out(files.map((f) => describe(f, t, context.language)).join('\n'));
  return files.some((f) => f.outcome === 'rejected') ? exitCodes.failure : exitCodes.ok;
}

function toJson(f: FileReport) {
  return {
    file: f.fileName,
    outcome: f.outcome,
    reason: f.reason,
    reasonValues: f.reasonValues,
    pages: f.pages,
    minDpi: f.minDpi,
    flags: f.flags,
    duplicateOf: f.duplicateOf,
    documents: f.documents.map((d) => ({ id: d.documentId, state: d.state, customerId: d.customerId, customer: d.customerName, documentType: d.documentTypeCode, pages: d.pages })),
  };
}

function describe(f: FileReport, t: TFunction, language: string): string {
  const outcome = f.outcome ? t(`ingest.outcomes.${f.outcome}`) : t(`ingest.fileStates.${f.state}`);
  const reason = f.reason ? rejectMessage(t, language, f.reason, f.reasonValues) : '';
  const documents = f.documents.map((d) => [d.customerName ?? '—', d.documentTypeCode ?? '—', t('cli.importPages', { count: d.pages })].join(' '));
  const quality = [f.minDpi ? `${f.minDpi} dpi` : null, ...f.flags.map((flag) => t(`ingest.flags.${flag}`))].filter(Boolean);
  return [f.fileName, outcome, reason, ...documents, ...quality].filter((part) => part !== '').join('  ');
}
