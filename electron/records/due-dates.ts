import type { policyStatuses } from '../../shared/domain/policy.js';
import { type DueFilter, type DueRow, type DueRules, defaultDueRules, dueRulesSchema } from '../../shared/ipc/methods/checklists.js';
import { DossierError } from '../../shared/ipc/errors.js';
import type { Db } from '../db/connection.js';

/*
 * Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no time zone or daylight saving
 * moves a date. Adding months keeps the day of the month where it exists and otherwise clamps to
 * the month's last day: 2026-08-31 + 6 months = 2027-02-28.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})/;

/** The date part of a date or an ISO timestamp (timestamps are stored in UTC). */
export function dateOnly(value: string): string {
  const m = isoDate.exec(value);
  if (!m) throw new DossierError('INVALID_INPUT', { reason: 'date', value: value.slice(0, 40) });
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function parts(date: string): [number, number, number] {
  const m = isoDate.exec(date);
  if (!m) throw new DossierError('INVALID_INPUT', { reason: 'date', value: date.slice(0, 40) });
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(Date.UTC(y, m - 1, d + days));
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const firstOfTarget = Date.UTC(y, m - 1 + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return format(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** Today's date on this computer's calendar (the branch's local day), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

type PolicyStatus = (typeof policyStatuses)[number];

export interface DueCustomer {
  valueLevel: string | null | undefined;
  lastVerifiedAt: string | null | undefined;
  createdAt: string;
}

export interface DuePolicy {
  applicationDate: string;
  status: PolicyStatus;
  /** When the policy reached its status; for a claimed policy this is taken as the claim date. */
  statusDate?: string | null;
}

export type DueEventKind = 'renewal' | 'claim' | 'productChange';
export interface DueEvent {
  kind: DueEventKind;
  date: string;
}

/**
 * When the customer's information must next be re-verified: the earliest of
 * - within `firstVerificationMonths` of each policy's application date, unless verified after it (H1.3);
 * - the periodic refresh, `highValueMonths` for high-value customers and `otherMonths` for the
 *   rest, counted from the last verification or else from creation (H2.4);
 * - within `afterEventDays` of a renewal, claim or product change (a claimed policy counts as a
 *   claim), unless verified on or after it.
 */
export function nextUpdateDue(customer: DueCustomer, policies: readonly DuePolicy[], events: readonly DueEvent[], rules: DueRules = defaultDueRules): string | null {
  const verified = customer.lastVerifiedAt ? dateOnly(customer.lastVerifiedAt) : null;
  const candidates: string[] = [];

  for (const policy of policies) {
    const applied = dateOnly(policy.applicationDate);
    if (verified === null || verified <= applied) candidates.push(addMonths(applied, rules.firstVerificationMonths));
  }

  const base = verified ?? dateOnly(customer.createdAt);
  candidates.push(addMonths(base, customer.valueLevel === 'high' ? rules.highValueMonths : rules.otherMonths));

  const allEvents: DueEvent[] = [...events];
  for (const policy of policies) {
    if (policy.status === 'claimed' && policy.statusDate) allEvents.push({ kind: 'claim', date: policy.statusDate });
  }
  for (const event of allEvents) {
    const on = dateOnly(event.date);
    if (verified === null || verified < on) candidates.push(addDays(on, rules.afterEventDays));
  }

  return candidates.length === 0 ? null : candidates.reduce((a, b) => (b < a ? b : a));
}

const rulesKey = 'records.dueRules';

/** The archive's due-date rules; the handbooks' defaults for any not set. */
export function getDueRules(db: Db): DueRules {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(rulesKey) as string | undefined;
  if (stored === undefined) return { ...defaultDueRules };
  const merged = dueRulesSchema.safeParse({ ...defaultDueRules, ...(JSON.parse(stored) as Partial<DueRules>) });
  return merged.success ? merged.data : { ...defaultDueRules };
}

export function setDueRules(db: Db, rules: DueRules): DueRules {
  const parsed = dueRulesSchema.safeParse(rules);
  if (!parsed.success) {
    throw new DossierError('INVALID_INPUT', { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) });
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(rulesKey, JSON.stringify(parsed.data));
  return parsed.data;
}

/** Policies whose purchase or claim concerns the customer: as policyholder or insured. */
function customerPolicies(db: Db, customerId: string): DuePolicy[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT p.id, p.application_date, p.status, p.updated_at
         FROM policies p JOIN policy_parties pp ON pp.policy_id = p.id
        WHERE pp.customer_id = ? AND pp.role IN ('policyholder', 'insured')`,
    )
    .all(customerId) as { application_date: string; status: PolicyStatus; updated_at: string }[];
  return rows.map((r) => ({ applicationDate: r.application_date, status: r.status, statusDate: r.updated_at }));
}

/**
 * Recomputes and stores the customer's next update due date. Call inside the transaction that
 * verifies the customer or changes one of their policies; `events` adds renewals, claims and
 * product changes the policy rows do not show.
 */
export function refreshDueDate(db: Db, customerId: string, events: readonly DueEvent[] = [], rules: DueRules = getDueRules(db)): string | null {
  const row = db.prepare('SELECT value_level, last_verified_at, created_at FROM customers WHERE id = ?').get(customerId) as
    | { value_level: string | null; last_verified_at: string | null; created_at: string }
    | undefined;
  if (!row) throw new DossierError('NOT_FOUND');
  const due = nextUpdateDue({ valueLevel: row.value_level, lastVerifiedAt: row.last_verified_at, createdAt: row.created_at }, customerPolicies(db, customerId), events, rules);
  db.prepare('UPDATE customers SET next_update_due = ? WHERE id = ? AND next_update_due IS NOT ?').run(due, customerId, due);
  return due;
}

/** After the rules change: every customer's due date. */
export function refreshAllDueDates(db: Db): number {
  const rules = getDueRules(db);
  const ids = db.prepare('SELECT id FROM customers').pluck().all() as string[];
  for (const id of ids) refreshDueDate(db, id, [], rules);
  return ids.length;
}

export interface DueListQuery {
  today: string;
  filter: DueFilter;
  agentId?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Customers due or overdue for update (flow 5, report 2): `overdue` before today, `due` from today
 * to `dueSoonDays` ahead, `all` both. Earliest first.
 */
export function dueList(db: Db, query: DueListQuery, rules: DueRules = getDueRules(db)): { total: number; rows: DueRow[] } {
  const today = dateOnly(query.today);
  const soon = addDays(today, rules.dueSoonDays);
  const where = ['c.next_update_due IS NOT NULL'];
  const params: Record<string, unknown> = { today, soon, limit: query.limit, offset: query.offset };
  if (query.filter === 'overdue') where.push('c.next_update_due < @today');
  else if (query.filter === 'due') where.push('c.next_update_due >= @today AND c.next_update_due <= @soon');
  else where.push('c.next_update_due <= @soon');
  if (query.agentId !== undefined) {
    where.push('c.agent_id = @agentId');
    params.agentId = query.agentId;
  }
  const clause = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM customers c WHERE ${clause}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.agent_id, u.display_name AS agent_name, c.next_update_due, c.last_verified_at
         FROM customers c LEFT JOIN users u ON u.id = c.agent_id
        WHERE ${clause}
        ORDER BY c.next_update_due, c.name, c.id
        LIMIT @limit OFFSET @offset`,
    )
    .all(params) as { id: string; name: string; agent_id: string | null; agent_name: string | null; next_update_due: string; last_verified_at: string | null }[];
  return {
    total,
    rows: rows.map((r) => ({
      customerId: r.id,
      name: r.name,
      agentId: r.agent_id,
      agentName: r.agent_name,
      nextUpdateDue: r.next_update_due,
      daysOverdue: daysBetween(r.next_update_due, today),
      lastVerifiedAt: r.last_verified_at,
    })),
  };
}
