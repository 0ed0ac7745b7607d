import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { Language } from '../../shared/i18n/languages.js';
import type { ColumnType, ReportColumn, ReportResult } from '../../shared/ipc/methods/reports.js';
import { cellFormatter, type ReportCell } from '../../shared/reports/format.js';
import { generatedLine, parameterLines } from '../../shared/reports/print-html.js';

const numberFormats: Partial<Record<ColumnType, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** Excel has no time zones: an instant is written as the branch's local wall-clock time. */
function localWallClock(value: string): Date | string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/** A typed cell value: numbers as numbers, dates as dates, booleans as booleans. */
function cellValue(value: ReportCell | undefined, type: ColumnType): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'date' && typeof value === 'string') {
    const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  if (type === 'datetime' && typeof value === 'string') return localWallClock(value);
  return value;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string, used: Set<string>) => {
  let base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
  while (used.has(base)) base = `${base.slice(0, 26)}_${used.size}`;
  used.add(base);
  return base;
};

function tableSheet(sheet: ExcelJS.Worksheet, columns: readonly ReportColumn[], rows: readonly Record<string, ReportCell>[], totals: Record<string, ReportCell> | null, t: TFunction): void {
  sheet.columns = columns.map((c) => ({ key: c.key, width: Math.max(8, Math.round(c.width * 1.4)), style: numberFormats[c.type] ? { numFmt: numberFormats[c.type]! } : {} }));
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = t(c.labelKey);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  for (const row of rows) sheet.addRow(columns.map((c) => cellValue(row[c.key], c.type)));
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  if (totals && Object.keys(totals).length) {
    const added = sheet.addRow(columns.map((c) => cellValue(totals[c.key], c.type)));
    added.font = { bold: true };
  }
}

/**
 * The report as an Excel workbook: the table on the first sheet (heading row frozen, auto
 * filter over it, column widths from the definition, typed cells, totals in bold under the
 * filtered range); the title, scope, parameters, generation, audit chain, key figures and the
 * confidentiality line on a second sheet; each roll-up on a sheet of its own.
 */
export async function reportXlsx(result: ReportResult, t: TFunction, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = result.generatedBy;
  workbook.created = new Date(result.generatedAt);
  const used = new Set<string>();
  const title = t(result.titleKey);
  tableSheet(workbook.addWorksheet(sheetName(title, used)), result.columns, result.rows, result.totals, t);

  const about = workbook.addWorksheet(sheetName(t('reports.xlsx.about'), used));
  about.columns = [{ width: 28 }, { width: 60 }];
  about.addRow([title]).font = { bold: true, size: 14 };
  for (const line of parameterLines(result, t, language)) about.addRow([line]);
  if (parameterLines(result, t, language).length === 0) about.addRow([t('reports.print.noFilter')]);
  about.addRow([generatedLine(result, t, language)]);
  if (result.auditChain) {
    about.addRow([
      t(result.auditChain.ok ? 'reports.print.chainOk' : 'reports.print.chainBroken', { entries: result.auditChain.entries, at: cellFormatter(language, t)(result.auditChain.checkedAt, 'datetime') }),
    ]);
  }
  about.addRow([]);
  for (const f of result.summary) {
    const row = about.addRow([t(f.labelKey), cellValue(f.value, f.type)]);
    if (numberFormats[f.type]) row.getCell(2).numFmt = numberFormats[f.type]!;
    row.getCell(2).alignment = { horizontal: 'right' };
  }
  about.addRow([]);
  about.addRow([t('reports.print.confidential')]).font = { italic: true };

  for (const group of result.groups) tableSheet(workbook.addWorksheet(sheetName(t(group.titleKey), used)), group.columns, group.rows, null, t);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
