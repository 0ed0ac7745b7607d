import { DossierError } from '../../shared/ipc/errors.js';
import type { HostFiles } from '../ingest/handlers.js';
import { translator } from '../i18n.js';
import type { Handlers } from '../ipc/router.js';
import type { SessionManager } from '../services/sessions.js';
import type { SettingsStore } from '../services/settings.js';
import { reportFile } from './output.js';
import type { PdfPrinter } from './pdf.js';

type ReportMethod = Extract<keyof Handlers, `reports.${string}` | `kpi.${string}`>;

/**
 * Reports and KPIs over IPC. Reports are made in the user's language (the app's setting); rows
 * are masked for the user's role on the database worker, before any output is built from them.
 * Exports are saved through the host: a native save dialog (desktop) or a one-time download.
 */
export function reportHandlers(sessions: SessionManager, settings: SettingsStore, host: HostFiles, pdf: PdfPrinter): Pick<Handlers, ReportMethod> {
  const db = () => sessions.current().db;
  const actorId = () => sessions.current().user.id;
  const language = () => settings.get().language;

  return {
    'reports.list': () => db().call('reports.list', { actorId: actorId() }),
    'reports.run': ({ reportId, parameters }) => db().call('reports.run', { actorId: actorId(), reportId, parameters, language: language(), action: 'generate' }),
    'reports.print': ({ reportId, parameters }) => db().call('reports.run', { actorId: actorId(), reportId, parameters, language: language(), action: 'print' }),
    'reports.export': async ({ reportId, parameters, format }) => {
      if (!host.saveFile && !host.offerDownload) throw new DossierError('NOT_AVAILABLE');
      const lang = language();
      const result = await db().call('reports.run', { actorId: actorId(), reportId, parameters, language: lang, action: 'export', format });
      const file = await reportFile(result, format, translator(lang), lang, pdf.print);
      if (host.saveFile) return { saved: await host.saveFile(file.name, file.bytes, file.type), downloadUrl: null };
      return { saved: false, downloadUrl: host.offerDownload!(file.name, file.bytes, file.type.mime) };
    },
    'kpi.dashboard': ({ months, branchId }) => db().call('kpi.dashboard', { actorId: actorId(), months, branchId }),
    'kpi.drill': ({ kpi, month, branchId }) => db().call('kpi.drill', { actorId: actorId(), kpi, month, branchId, language: language() }),
  };
}
