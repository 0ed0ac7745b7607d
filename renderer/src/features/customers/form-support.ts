import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IpcCallError } from '../../ipc/client.js';

/** One field problem from main's INVALID_INPUT: the field's path and the i18n key of its message. */
export interface FieldIssue {
  path: string[];
  messageKey: string;
}

/** The field issues of an INVALID_INPUT refusal, or null for any other error. */
export function invalidInputIssues(error: unknown): FieldIssue[] | null {
  if (!(error instanceof IpcCallError) || error.error.code !== 'INVALID_INPUT') return null;
  const issues = error.error.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, messageKey } = issue as { path?: unknown; messageKey?: unknown };
    if (!Array.isArray(path) || typeof messageKey !== 'string') return [];
    return [{ path: path.map(String), messageKey }];
  });
}

/** The customer that a DUPLICATE_CUSTOMER refusal names, or null. */
export function duplicateCustomer(error: unknown): { customerId: string; name: string } | null {
  if (!(error instanceof IpcCallError) || error.error.code !== 'DUPLICATE_CUSTOMER') return null;
  const { customerId, name } = error.error.details ?? {};
  return typeof customerId === 'string' ? { customerId, name: typeof name === 'string' ? name : '' } : null;
}

/**
 * Puts main's messages on the form fields they name, in the user's language. `toField` maps an
 * issue path to a form field name (or null when the form has no such field); the messages of
 * issues without a field are returned, for an alert above the form.
 */
export function showIssues(
  form: FormInstance,
  issues: FieldIssue[],
  t: TFunction,
  toField: (path: string[]) => (string | number)[] | null,
): string[] {
  const unplaced: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const name = toField(issue.path);
    const text = t(issue.messageKey);
    if (name === null) {
      unplaced.push(text);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  if (byField.size > 0) void form.scrollToField([...byField.values()][0]!.name);
  return unplaced;
}

/** Date pickers hold dayjs values; the contract carries dates as YYYY-MM-DD. */
export const toIsoDate = (value: Dayjs | null | undefined): string | undefined => (value ? value.format('YYYY-MM-DD') : undefined);
export const fromIsoDate = (value: string | null | undefined): Dayjs | undefined => (value ? dayjs(value) : undefined);

/** Select options for an enumeration, labelled from `enums.<group>.<code>`. */
export function enumOptions(t: TFunction, group: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: t(`enums.${group}.${value}`) }));
}

/** Dates, times and money in the user's locale. */
export function useFormats() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const money = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
  return {
    /** A calendar date (YYYY-MM-DD), the same day wherever the computer is. */
    date: (value: string | null | undefined) => (value ? day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : ''),
    /** A point in time (ISO timestamp), in local time. */
    dateTime: (value: string | null | undefined) => (value ? moment.format(new Date(value)) : ''),
    money: (yuan: number) => money.format(yuan),
  };
}

/** Today (or that many days ahead) as YYYY-MM-DD in local time. */
export function localToday(daysAhead = 0): string {
  return dayjs().add(daysAhead, 'day').format('YYYY-MM-DD');
}

/** Only the fields that differ from what was loaded: main merges them into the stored record. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    // null clears a field in main's merge.
    changes[key] = key in after ? after[key] : null;
  }
  return changes;
}
