import type { TFunction } from 'i18next';
import type { Language } from '../../shared/i18n/languages.js';
import type { ExportFormat, ReportResult } from '../../shared/ipc/methods/reports.js';
import { reportHtml, reportPdfTemplates } from '../../shared/reports/print-html.js';
import { reportCsv } from './csv.js';
import type { PdfRenderer } from './pdf.js';
import { reportXlsx } from './xlsx.js';

/** What a saved file is, for the save dialog's filter and the download's content type. */
export interface FileType {
  extension: string;
  mime: string;
  label: string;
}

export const fileTypes: Record<ExportFormat, FileType> = {
  pdf: { extension: 'pdf', mime: 'application/pdf', label: 'PDF' },
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  csv: { extension: 'csv', mime: 'text/csv; charset=utf-8', label: 'CSV' },
};

/** The report as a file, built from the (already masked) result only. */
export async function reportFile(result: ReportResult, format: ExportFormat, t: TFunction, language: Language, pdf: PdfRenderer): Promise<{ name: string; bytes: Buffer; type: FileType }> {
  const type = fileTypes[format];
  const day = result.generatedAt.slice(0, 10);
  const name = `${t(result.titleKey).replace(/[\\/:*?"<>|]/g, '_')}-${day}.${type.extension}`;
  let bytes: Buffer;
  if (format === 'csv') bytes = reportCsv(result, t);
  else if (format === 'xlsx') bytes = await reportXlsx(result, t, language);
  else bytes = await pdf(reportHtml(result, t, language, { pageBoxes: false }), reportPdfTemplates(result, t, language));
  return { name, bytes, type };
}
