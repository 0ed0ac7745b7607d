import type { Kpi, KpiId, ReportId, ReportParameters } from '../../shared/ipc/methods/reports.js';
import type { User } from '../archive/users.js';
import type { Db } from '../db/connection.js';
import { localToday } from '../records/due-dates.js';
import { rate } from './definition.js';
import { ownCustomersOnly } from './scope.js';

/*
 * Archive KPIs (REQUIREMENTS §5.10, H8), now and per month, computed from what is stored:
 *
 * - completeness rate: complete files (checklist 100 %) among the customers that existed at the
 *   month's end. The checklist's history is not kept, so past months use today's completeness of
 *   the customers who existed then: an approximation that moves as old files are completed.
 * - update timeliness rate: customers existing at the month's end whose stored next update due
 *   date was not before the month's last day. A due date only moves forward when a customer is
 *   verified, so a customer counted overdue was overdue then; one verified since may have been
 *   overdue then and is counted timely (past months are an upper bound).
 * - scan quality rate: pages created in the month that meet the resolution rule (≥ 200 dpi, or a
 *   PDF page with a text layer and no resolution) and have text (OCR or text layer), over all
 *   pages created in the month (destroyed documents excluded).
 * - documents filed per day: documents filed in the month over its days (days so far for the
 *   current month); the current value over the last 30 days.
 * - inbox backlog: documents in the inbox now; at a past month's end, those created by then and
 *   still in the inbox or filed later (inbox documents deleted or merged since are not counted).
 *
 * Months are the branch's local calendar months. Agents' customer KPIs cover their own customers.
 */

interface Month {
  month: string;
  startAt: string;
  endAt: string;
  lastDay: string;
  days: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthsBack(count: number, now: Date): Month[] {
  const months: Month[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(now.getFullYear(), now.getMonth() - i, 1);
    const next = new Date(now.getFullYear(), now.getMonth() - i + 1, 1);
    const current = i === 0;
    const end = current ? now : next;
    const lastDay = current ? localToday(now) : localToday(new Date(next.getTime() - 12 * 3_600_000));
    const days = current ? now.getDate() : Math.round((next.getTime() - start.getTime()) / 86_400_000);
    months.push({ month: `${start.getFullYear()}-${pad(start.getMonth() + 1)}`, startAt: start.toISOString(), endAt: end.toISOString(), lastDay, days });
  }
  return months;
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(y, m, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

const pageMeets = "((p.dpi >= 200 OR (p.dpi IS NULL AND p.text_source = 'pdf')) AND p.text_source IN ('ocr', 'pdf') AND length(trim(coalesce(p.text, ''))) > 0)";

export function dashboard(db: Db, actor: User, monthCount: number, branchId?: string, now = new Date()): { generatedAt: string; kpis: Kpi[] } {
  const months = monthsBack(monthCount, now);
  const today = localToday(now);
  const customerWhere: string[] = [];
  const values: Record<string, unknown> = {};
  if (branchId) {
    customerWhere.push('branch_id = @branchId');
    values.branchId = branchId;
  }
  if (ownCustomersOnly(actor.role)) {
    customerWhere.push('agent_id = @agentId');
    values.agentId = actor.id;
  }
  const cw = customerWhere.map((w) => ` AND ${w}`).join('');
  const dw = branchId ? ' AND d.branch_id = @branchId' : '';

  const customersAt = db.prepare(`SELECT count(*) AS n, coalesce(sum(completeness = 100), 0) AS complete FROM customers WHERE created_at < @end${cw}`);
  const overdueAt = db.prepare(`SELECT count(*) FROM customers WHERE created_at < @end AND next_update_due < @day${cw}`).pluck();
  const pagesIn = db.prepare(
    `SELECT count(*) AS n, coalesce(sum(${pageMeets}), 0) AS ok FROM pages p JOIN documents d ON d.id = p.document_id
      WHERE d.state <> 'destroyed' AND p.created_at >= @start AND p.created_at < @end${dw}`,
  );
  const filedIn = db.prepare(`SELECT count(*) FROM documents d WHERE d.filed_at >= @start AND d.filed_at < @end${dw}`).pluck();
  const backlogAt = db.prepare(`SELECT count(*) FROM documents d WHERE d.created_at < @end AND (d.state = 'inbox' OR (d.state = 'filed' AND d.filed_at >= @end))${dw}`).pluck();

  const completeness = (end: string) => {
    const r = customersAt.get({ ...values, end }) as { n: number; complete: number };
    return rate(r.complete, r.n);
  };
  const timeliness = (end: string, day: string) => {
    const r = customersAt.get({ ...values, end }) as { n: number };
    return rate(r.n - (overdueAt.get({ ...values, end, day }) as number), r.n);
  };
  const quality = (start: string, end: string) => {
    const r = pagesIn.get({ ...values, start, end }) as { n: number; ok: number };
    return rate(r.ok, r.n);
  };
  const nowAt = now.toISOString();
  const kpis: Kpi[] = [
    {
      id: 'completenessRate',
      unit: 'rate',
      value: completeness(nowAt),
      trend: months.map((m) => ({ month: m.month, value: completeness(m.endAt) })),
    },
    {
      id: 'timelinessRate',
      unit: 'rate',
      value: timeliness(nowAt, today),
      trend: months.map((m) => ({ month: m.month, value: timeliness(m.endAt, m.lastDay) })),
    },
    {
      id: 'scanQualityRate',
      unit: 'rate',
      value: quality('', nowAt),
      trend: months.map((m) => ({ month: m.month, value: quality(m.startAt, m.endAt) })),
    },
    {
      id: 'documentsFiledPerDay',
      unit: 'count',
      value: (filedIn.get({ ...values, start: new Date(now.getTime() - 30 * 86_400_000).toISOString(), end: nowAt }) as number) / 30,
      trend: months.map((m) => ({ month: m.month, value: (filedIn.get({ ...values, start: m.startAt, end: m.endAt }) as number) / Math.max(1, m.days) })),
    },
    {
      id: 'inboxBacklog',
      unit: 'count',
      value: db.prepare(`SELECT count(*) FROM documents d WHERE d.state = 'inbox'${dw}`).pluck().get(values) as number,
      trend: months.map((m) => ({ month: m.month, value: backlogAt.get({ ...values, end: m.endAt }) as number })),
    },
  ];
  return { generatedAt: nowAt, kpis };
}

/**
 * The report behind a KPI's month: customers' files as of the month's end for completeness,
 * customers due by its last day for timeliness, and the month's digitisation batches for the
 * scan and filing KPIs.
 */
export function drillTarget(kpi: KpiId, month: string, branchId?: string): { reportId: ReportId; parameters: ReportParameters } {
  const { from, to } = monthRange(month);
  const branch = branchId ? { branchId } : {};
  switch (kpi) {
    case 'completenessRate':
      return { reportId: 'completeness', parameters: { to, ...branch } };
    case 'timelinessRate':
      return { reportId: 'timeliness', parameters: { to, ...branch } };
    default:
      return { reportId: 'batches', parameters: { from, to, ...branch } };
  }
}
