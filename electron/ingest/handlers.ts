import { ingestsFiles, managesSources } from '../../shared/domain/access.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { Handlers } from '../ipc/router.js';
import type { SessionManager } from '../services/sessions.js';
import { exportDocumentPdf } from '../documents/export-pdf.js';
import { rereadDocument } from '../documents/reread.js';
import { coverSheetQrSvg, encodeCoverSheet } from './recognise/cover-sheet.js';
import type { IngestRuntime } from './runtime.js';

type IngestMethod = Extract<
  keyof Handlers,
  `ingest.${string}` | `scanners.${string}` | `hotFolders.${string}` | `inbox.${string}` | `pages.${string}` | `documents.${string}` | `coverSheets.${string}` | `quarantine.${string}`
>;

/** A saved file's kind: the save dialog's filter, the download's content type. */
export interface SavedFileType {
  extension: string;
  mime: string;
  label: string;
}

/** What only the host can do: native dialogs (desktop) or a download link (browser host). */
export interface HostFiles {
  openFiles?(): Promise<string[]>;
  openFolder?(): Promise<string | null>;
  /** Saves bytes where the user chooses; false when they cancel. Without a type, a PDF. */
  saveFile?(suggestedName: string, bytes: Buffer, type?: SavedFileType): Promise<boolean>;
  /** Offers bytes for download once; returns the address. Without a content type, a PDF. */
  offerDownload?(name: string, bytes: Buffer, mime?: string): string;
}

/** Ingest, inbox, viewer and their sources over IPC. Paths only ever come from main's own dialogs. */
export function ingestHandlers(sessions: SessionManager, runtime: IngestRuntime, host: HostFiles): Pick<Handlers, IngestMethod> {
  const db = () => sessions.current().db;
  const actorId = () => sessions.current().user.id;
  const emitInbox = async () => runtime.hubEmitInbox(await db().call('inbox.count'));

  return {
    'ingest.startBatch': async ({ source, label }) => ({ batchId: await runtime.current().startBatch(source, label ?? null) }),
    'ingest.addFile': ({ batchId, name, bytes }) => runtime.current().addFile(batchId, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    'ingest.closeBatch': async ({ batchId }) => {
      await runtime.current().closeBatch(batchId);
      return {};
    },
    'ingest.pickFiles': async () => {
      if (!host.openFiles) throw new DossierError('NOT_AVAILABLE');
      const paths = await host.openFiles();
      if (paths.length === 0) return { batchId: null };
      // The batch's progress shows each file as it is read; the call does not wait for them all.
      const { batchId, acknowledged } = await runtime.importPaths(paths, null);
      void acknowledged.catch(() => undefined);
      return { batchId };
    },
    'ingest.cancel': async ({ batchId }) => {
      await runtime.current().cancel(batchId);
      return {};
    },
    'ingest.batches': ({ limit }) => runtime.current().batches(limit),
    'ingest.files': ({ batchId }) => db().call('ingest.files', { actorId: actorId(), batchId }),
    'ingest.settings': () => db().call('ingest.settings'),
    'ingest.setSettings': async (changes) => {
      const settings = await db().call('ingest.setSettings', { actorId: actorId(), changes });
      runtime.applySettings(settings);
      return settings;
    },

    'scanners.list': async () => {
      if (!ingestsFiles(sessions.current().user.role)) throw new DossierError('PERMISSION_DENIED');
      return runtime.scanner.list();
    },
    'scanners.scan': async (options) => ({ batchId: await runtime.scan(options) }),

    'hotFolders.list': async () => runtime.hotFolderStates(await db().call('hotFolders.list', { actorId: actorId() })),
    'hotFolders.add': async ({ name, mode }) => {
      requireSources(sessions);
      if (!host.openFolder) throw new DossierError('NOT_AVAILABLE');
      const path = await host.openFolder();
      if (!path) return null;
      const row = await db().call('hotFolders.add', { actorId: actorId(), name, path, mode });
      await runtime.reloadHotFolders();
      return runtime.hotFolderStates([row])[0]!;
    },
    'hotFolders.update': async ({ id, ...changes }) => {
      const row = await db().call('hotFolders.update', { actorId: actorId(), id, changes });
      await runtime.reloadHotFolders();
      return runtime.hotFolderStates([row])[0]!;
    },
    'hotFolders.remove': async ({ id }) => {
      await db().call('hotFolders.remove', { actorId: actorId(), id });
      await runtime.reloadHotFolders();
      return {};
    },

    'inbox.list': (input) => db().call('inbox.list', { actorId: actorId(), ...input }),
    'inbox.get': ({ documentId }) => db().call('inbox.get', { actorId: actorId(), documentId }),
    'inbox.confirm': async (input) => {
      const summary = await db().call('inbox.confirm', { actorId: actorId(), ...input });
      await emitInbox();
      return summary;
    },
    'inbox.split': async (input) => {
      const result = await db().call('inbox.split', { actorId: actorId(), ...input });
      await emitInbox();
      return result;
    },
    'inbox.merge': async (input) => {
      const result = await db().call('inbox.merge', { actorId: actorId(), ...input });
      await emitInbox();
      return result;
    },
    'inbox.reorder': (input) => db().call('inbox.reorder', { actorId: actorId(), ...input }),
    'inbox.deletePage': async ({ pageId }) => {
      const { documentId, free } = await db().call('inbox.deletePage', { actorId: actorId(), pageId });
      await runtime.current().removeBlobs(free);
      await emitInbox();
      return { documentId };
    },
    'inbox.reread': ({ documentId }) => rereadDocument(sessions.current(), runtime, documentId),

    'pages.rotate': (input) => db().call('pages.rotate', { actorId: actorId(), ...input }),
    'pages.text': ({ pageId }) => db().call('pages.text', { actorId: actorId(), pageId }),

    'documents.forCustomer': ({ customerId }) => db().call('documents.forCustomer', { actorId: actorId(), customerId }),
    'documents.open': (input) => db().call('documents.open', { actorId: actorId(), ...input }),
    'documents.recordPrint': async ({ documentId }) => {
      await db().call('documents.recordPrint', { actorId: actorId(), documentId });
      return {};
    },
    'documents.exportPdf': async ({ documentId }) => {
      if (!host.saveFile && !host.offerDownload) throw new DossierError('NOT_AVAILABLE');
      const { name, bytes } = await exportDocumentPdf(sessions.current(), documentId);
      if (host.saveFile) return { saved: await host.saveFile(name, bytes), downloadUrl: null };
      return { saved: false, downloadUrl: host.offerDownload!(name, bytes) };
    },

    'coverSheets.create': async ({ customerId, policyId, documentTypeId }) => {
      const session = sessions.current();
      const sheet = await session.db.call('coverSheets.prepare', { actorId: session.user.id, customerId, policyId, documentTypeId });
      const createdAt = new Date().toISOString();
      // The batch label only helps people sort paper: the date and who printed the sheet.
      const batchLabel = `${createdAt.slice(0, 10)} ${session.user.username}`;
      const payload = encodeCoverSheet({ archiveId: session.archiveId, customerId, policyId, documentTypeCode: sheet.documentTypeCode, batchLabel });
      const qrSvg = await coverSheetQrSvg(payload);
      return { ...sheet, payload, qrSvg, documentTypeId, batchLabel, createdAt };
    },

    'quarantine.list': () => db().call('quarantine.list', { actorId: actorId() }),
    'quarantine.release': async ({ fileId }) => ({ batchId: await runtime.current().releaseFromQuarantine(fileId) }),
    'quarantine.delete': async ({ fileId }) => {
      await runtime.current().deleteFromQuarantine(fileId);
      return {};
    },
  };
}

function requireSources(sessions: SessionManager): void {
  if (!managesSources(sessions.current().user.role)) throw new DossierError('PERMISSION_DENIED');
}
