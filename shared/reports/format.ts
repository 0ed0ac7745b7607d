import type { TFunction } from 'i18next';
import type { ColumnType } from '../ipc/methods/reports.js';

export type ReportCell = string | number | boolean | null;

/**
 * One cell as text in a language: numbers grouped, rates as percentages, dates in the locale's
 * order. Report dates are calendar days (YYYY-MM-DD); datetimes are instants shown in `timeZone`
 * (the computer's own when not given).
 */
export function cellFormatter(language: string, t: TFunction, timeZone?: string) {
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
  const datetime = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, ...(timeZone ? { timeZone } : {}) });
  return (value: ReportCell | undefined, type: ColumnType): string => {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'boolean') return t(value ? 'reports.yes' : 'reports.no');
    switch (type) {
      case 'integer':
        return typeof value === 'number' ? integer.format(value) : String(value);
      case 'decimal':
        return typeof value === 'number' ? decimal.format(value) : String(value);
      case 'percent':
        return typeof value === 'number' ? percent.format(value) : String(value);
      case 'date': {
        const d = new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? String(value) : date.format(d);
      }
      case 'datetime': {
        const d = new Date(String(value));
        return Number.isNaN(d.getTime()) ? String(value) : datetime.format(d);
      }
      default:
        return String(value);
    }
  };
}

/** Numbers are right-aligned in every output. */
export const alignRight = (type: ColumnType) => type === 'integer' || type === 'decimal' || type === 'percent';
