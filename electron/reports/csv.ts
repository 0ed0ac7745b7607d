import type { TFunction } from 'i18next';
import type { ColumnType, ReportResult } from '../../shared/ipc/methods/reports.js';
import type { ReportCell } from '../../shared/reports/format.js';

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, or a leading tab/CR) gets a leading apostrophe. */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time as Excel reads it: 2026-11-22 10:05:00. */
function localDateTime(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function csvCell(value: ReportCell | undefined, type: ColumnType, t: TFunction): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return t(value ? 'reports.yes' : 'reports.no');
  if (typeof value === 'number') {
    // Rates as percentages Excel reads as numbers (85.0%); other numbers plain, never guarded.
    if (type === 'percent') return `${(value * 100).toFixed(1)}%`;
    return String(value);
  }
  if (type === 'datetime') return localDateTime(value);
  return quoteField(guardFormula(value));
}

/**
 * The report's table as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese correctly),
 * CRLF line ends, the column headings in the user's language, one line per row. Title, scope and
 * totals are in the XLSX and PDF; a CSV is only the table, for other programs to read.
 */
export function reportCsv(result: ReportResult, t: TFunction): Buffer {
  const lines = [result.columns.map((c) => quoteField(guardFormula(t(c.labelKey)))).join(',')];
  for (const row of result.rows) lines.push(result.columns.map((c) => csvCell(row[c.key], c.type, t)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
