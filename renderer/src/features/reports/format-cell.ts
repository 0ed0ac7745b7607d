import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnType } from '../../../../shared/ipc/methods/reports.js';
import { alignRight, cellFormatter, type ReportCell } from '../../../../shared/reports/format.js';

/** Numeric columns are right-aligned on screen, as in print and XLSX. */
export const isNumeric = alignRight;

/**
 * A report cell as text in the user's locale, by the column's type, exactly as print and the
 * exports write it (shared/reports/format.ts): numbers grouped, rates as percentages, dates in
 * the locale's order.
 */
export function useCellFormat(): (type: ColumnType, value: ReportCell | undefined) => string {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const format = cellFormatter(i18n.language, t);
    return (type: ColumnType, value: ReportCell | undefined) => format(value, type);
  }, [i18n.language, t]);
}

/** Orders two cells of one column: numbers and booleans by value, text in the locale's collation; blanks last. */
export function compareCells(a: ReportCell | undefined, b: ReportCell | undefined, collator: Intl.Collator): number {
  const blankA = a === null || a === undefined || a === '';
  const blankB = b === null || b === undefined || b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}
