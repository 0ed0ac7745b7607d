import type { TFunction } from 'i18next';
import type { Language } from '../i18n/languages.js';
import type { ReportColumn, ReportResult } from '../ipc/methods/reports.js';
import { alignRight, cellFormatter, type ReportCell } from './format.js';

/*
 * The printed report: ONE pure function from a report result to a complete HTML document, used
 * both by the renderer (shown in an iframe and printed with window.print) and by main (turned
 * into a PDF by Chromium: Electron's printToPDF, or playwright-core under Node).
 *
 * Page numbers. Chromium's PDF printing draws its own header and footer from templates with
 * `pageNumber` and `totalPages` (reportPdfTemplates below): main's PDFs use those, and pass
 * `{ pageBoxes: false }` here. For window.print the same document puts a footer in the @page
 * margin boxes (title, confidentiality, page x of y through counter(page) / counter(pages));
 * Chromium draws margin boxes since version 131, and where a browser does not, the printout
 * simply has no footer line: the confidentiality line is also printed under the report.
 */

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapeMap[c]!);
/** A string as a CSS string literal (for margin-box `content`). */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;

const fonts: Record<Language, string> = {
  'zh-CN': '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Serif CJK SC", sans-serif',
  'zh-TW': '"Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC", "Noto Serif CJK TC", sans-serif',
  en: '"Segoe UI", Arial, "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
};

export interface PrintOptions {
  /** Footer with page numbers in the @page margin boxes (window.print). Default true. */
  pageBoxes?: boolean;
  /** Time zone for times (the computer's own when not given). */
  timeZone?: string;
}

/** The parameters as printed lines: period, branch, agent, customer type, user, customer. */
export function parameterLines(result: ReportResult, t: TFunction, language: Language): string[] {
  const format = cellFormatter(language, t);
  const p = result.parameters;
  const lines: string[] = [];
  if (p.from || p.to) lines.push(`${t('reports.parameters.period')}: ${p.from ? format(p.from, 'date') : '…'} – ${p.to ? format(p.to, 'date') : '…'}`);
  for (const name of ['branchId', 'agentId', 'customerType', 'userId', 'customerId'] as const) {
    const value = p[name];
    if (value !== undefined) lines.push(`${t(`reports.parameters.${name}`)}: ${result.scope[name] ?? value}`);
  }
  return lines;
}

export function generatedLine(result: ReportResult, t: TFunction, language: Language, timeZone?: string): string {
  return t('reports.print.generated', { at: cellFormatter(language, t, timeZone)(result.generatedAt, 'datetime'), by: result.generatedBy });
}

function table(columns: readonly ReportColumn[], rows: readonly Record<string, ReportCell>[], totals: Record<string, ReportCell> | null, t: TFunction, format: ReturnType<typeof cellFormatter>): string {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const cls = (c: ReportColumn) => (alignRight(c.type) ? ' class="num"' : '');
  const head = columns.map((c) => `<th${cls(c)} style="width:${((100 * c.width) / total).toFixed(1)}%">${escapeHtml(t(c.labelKey))}</th>`).join('');
  const body = rows.map((row) => `<tr>${columns.map((c) => `<td${cls(c)}>${escapeHtml(format(row[c.key] ?? null, c.type))}</td>`).join('')}</tr>`).join('\n');
  const foot = totals && Object.keys(totals).length ? `<tfoot><tr>${columns.map((c) => `<td${cls(c)}>${escapeHtml(format(totals[c.key] ?? null, c.type))}</td>`).join('')}</tr></tfoot>` : '';
  const empty = rows.length === 0 ? `<tr><td class="empty" colspan="${columns.length}">${escapeHtml(t('reports.print.noRows'))}</td></tr>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody>${foot}</table>`;
}

export function reportHtml(result: ReportResult, t: TFunction, language: Language, options: PrintOptions = {}): string {
  const format = cellFormatter(language, t, options.timeZone);
  const title = t(result.titleKey);
  const parameters = parameterLines(result, t, language);
  const chain = result.auditChain
    ? `<p class="chain ${result.auditChain.ok ? 'ok' : 'bad'}">${escapeHtml(
        t(result.auditChain.ok ? 'reports.print.chainOk' : 'reports.print.chainBroken', { entries: format(result.auditChain.entries, 'integer'), at: format(result.auditChain.checkedAt, 'datetime') }),
      )}</p>`
    : '';
  const summary = result.summary.length
    ? `<dl class="summary">${result.summary.map((f) => `<div><dt>${escapeHtml(t(f.labelKey))}</dt><dd>${escapeHtml(format(f.value, f.type) || '—')}</dd></div>`).join('')}</dl>`
    : '';
  const groups = result.groups
    .map((g) => `<section class="group"><h2>${escapeHtml(t(g.titleKey))}</h2>${table(g.columns, g.rows, null, t, format)}</section>`)
    .join('\n');
  const confidential = t('reports.print.confidential');
  const pageBoxes =
    options.pageBoxes === false
      ? ''
      : `@bottom-left { content: ${cssString(`${title} · ${confidential}`)}; font-size: 7.5pt; color: #555; }
    @bottom-right { content: ${cssString(t('reports.print.pageOf', { page: '\u0001', pages: '\u0002' }))
      .replace('\u0001', '" counter(page) "')
      .replace('\u0002', '" counter(pages) "')}; font-size: 7.5pt; color: #555; }`;
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 ${result.orientation}; margin: 16mm 12mm 18mm 12mm; ${pageBoxes} }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: ${fonts[language]}; font-size: 8.5pt; color: #111; margin: 0; }
  h1 { font-size: 15pt; margin: 0 0 2mm; }
  h2 { font-size: 11pt; margin: 6mm 0 2mm; break-after: avoid; }
  .meta { margin: 0 0 1mm; color: #333; }
  .chain { margin: 1mm 0; font-weight: bold; }
  .chain.bad { color: #b00020; }
  .summary { display: flex; flex-wrap: wrap; gap: 1mm 6mm; margin: 3mm 0; }
  .summary div { display: flex; gap: 2mm; }
  .summary dt { color: #444; }
  .summary dd { margin: 0; font-weight: bold; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 2mm; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; font-weight: bold; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border: 0.5pt solid #888; padding: 1mm 1.2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
  th { background: #e8e8e8; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { text-align: center; color: #555; }
  .confidential { margin-top: 5mm; font-size: 7.5pt; color: #444; border-top: 0.5pt solid #888; padding-top: 1.5mm; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(parameters.length ? parameters.join('　') : t('reports.print.noFilter'))}</p>
<p class="meta">${escapeHtml(generatedLine(result, t, language, options.timeZone))}</p>
${chain}
</header>
${summary}
${table(result.columns, result.rows, result.totals, t, format)}
${groups}
<p class="confidential">${escapeHtml(confidential)}</p>
</body>
</html>
`;
}

/**
 * Chromium's PDF page (Electron printToPDF, playwright page.pdf): the report's orientation; title
 * and generation in the header; confidentiality and page x of y at the foot. Templates need their
 * own font size; the spans with classes pageNumber and totalPages are filled by Chromium.
 */
export function reportPdfTemplates(result: ReportResult, t: TFunction, language: Language, timeZone?: string): { headerTemplate: string; footerTemplate: string; landscape: boolean } {
  const style = `font-family: ${fonts[language].replace(/"/g, "'")}; font-size: 7.5pt; color: #555; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;`;
  const pageOf = escapeHtml(t('reports.print.pageOf', { page: '\u0001', pages: '\u0002' }))
    .replace('\u0001', '<span class="pageNumber"></span>')
    .replace('\u0002', '<span class="totalPages"></span>');
  return {
    headerTemplate: `<div style="${style}"><span>${escapeHtml(t(result.titleKey))}</span><span>${escapeHtml(generatedLine(result, t, language, timeZone))}</span></div>`,
    footerTemplate: `<div style="${style}"><span>${escapeHtml(t('reports.print.confidential'))}</span><span>${pageOf}</span></div>`,
    landscape: result.orientation === 'landscape',
  };
}
