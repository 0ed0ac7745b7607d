import { roles } from '../../shared/domain/roles.js';
import { addDays, daysBetween, getDueRules } from '../records/due-dates.js';
import { column, customerColumns, figure, nameOrder, type ReportDefinition, rate, type Row } from './definition.js';
import { customerScope, maskedIdentifier, maskedPhone, whereClause } from './scope.js';

/**
 * Update timeliness (report 2, H1.3, H2.4): customers due or overdue for re-verification. Without
 * a period, those due up to the rules' "due soon" horizon; with one, those whose due date falls in
 * it. Days overdue count from today. The timeliness rate is the share of all customers in scope
 * not overdue today.
 */
export const timelinessReport: ReportDefinition = {
  id: 'timeliness',
  titleKey: 'reports.titles.timeliness',
  orientation: 'landscape',
  parameters: ['from', 'to', 'branchId', 'agentId', 'customerType'],
  roles,
  columns: [
    ...customerColumns,
    column('phone', 'text', 14),
    column('agent', 'text', 10),
    column('lastVerifiedAt', 'date', 11),
    column('nextUpdateDue', 'date', 11),
    column('daysOverdue', 'integer', 8),
    column('dueStatus', 'text', 8),
  ],
  query(db, parameters, { actor, t, today, limit }) {
    const rules = getDueRules(db);
    const { where, values } = customerScope(parameters, actor);
    const scope = whereClause(where);
    const inScope = db.prepare(`SELECT count(*) FROM customers c ${scope}`).pluck().get(values) as number;
    const overdueToday = db.prepare(`SELECT count(*) FROM customers c ${whereClause([...where, 'c.next_update_due < @today'])}`).pluck().get({ ...values, today }) as number;

    const dueWhere = [...where, 'c.next_update_due IS NOT NULL'];
    const dueValues: Record<string, unknown> = { ...values, today };
    if (parameters.from) {
      dueWhere.push('c.next_update_due >= @dueFrom');
      dueValues.dueFrom = parameters.from;
    }
    dueWhere.push('c.next_update_due <= @dueTo');
    dueValues.dueTo = parameters.to ?? addDays(today, rules.dueSoonDays);
    // Counts per agent in SQL: the listed customers may be tens of thousands, the screen shows the first.
    const unassigned = t('reports.unassigned');
    const byAgent = (
      db
        .prepare(
          `SELECT u.display_name AS agent_name, count(*) AS listed, coalesce(sum(c.next_update_due < @today), 0) AS overdue
             FROM customers c LEFT JOIN users u ON u.id = c.agent_id
             ${whereClause(dueWhere)}
            GROUP BY c.agent_id`,
        )
        .all(dueValues) as { agent_name: string | null; listed: number; overdue: number }[]
    ).map((a) => ({ name: a.agent_name ?? unassigned, listed: a.listed, overdue: a.overdue }));
    const listedCount = byAgent.reduce((sum, a) => sum + a.listed, 0);
    const overdue = byAgent.reduce((sum, a) => sum + a.overdue, 0);
    const listed = db
      .prepare(
        `SELECT c.id, c.name, c.type, c.id_number, c.credit_code, c.mobile, c.landline, u.display_name AS agent_name,
                c.last_verified_at, c.next_update_due
           FROM customers c LEFT JOIN users u ON u.id = c.agent_id
           ${whereClause(dueWhere)}
          ORDER BY c.next_update_due, c.name, c.id
          LIMIT @limit`,
      )
      .all({ ...dueValues, limit: limit ?? -1 }) as {
      id: string;
      name: string;
      type: string;
      id_number: string | null;
      credit_code: string | null;
      mobile: string | null;
      landline: string | null;
      agent_name: string | null;
      last_verified_at: string | null;
      next_update_due: string;
    }[];

    const rows: Row[] = listed.map((c) => {
      const days = daysBetween(c.next_update_due, today);
      return {
        customerId: c.id,
        customer: c.name,
        customerType: t(`enums.customerTypes.${c.type}`),
        idNumber: maskedIdentifier(actor.role, c.id_number, c.credit_code),
        phone: maskedPhone(actor.role, c.mobile, c.landline),
        agent: c.agent_name ?? unassigned,
        lastVerifiedAt: c.last_verified_at ? c.last_verified_at.slice(0, 10) : null,
        nextUpdateDue: c.next_update_due,
        daysOverdue: days,
        dueStatus: t(days > 0 ? 'reports.dueStates.overdue' : 'reports.dueStates.due'),
      };
    });
    return {
      rows,
      rowCount: listedCount,
      totals: { customer: t('reports.total'), daysOverdue: null },
      summary: [
        figure('customers', 'integer', inScope),
        figure('listed', 'integer', listedCount),
        figure('overdue', 'integer', overdue),
        figure('dueSoon', 'integer', listedCount - overdue),
        figure('overdueToday', 'integer', overdueToday),
        figure('timelinessRate', 'percent', rate(inScope - overdueToday, inScope)),
      ],
      groups: [
        {
          titleKey: 'reports.groups.byAgent',
          columns: [column('agent', 'text', 16), column('listed', 'integer', 8), column('overdue', 'integer', 8), column('dueSoon', 'integer', 8)],
          rows: byAgent.sort((a, b) => nameOrder.compare(a.name, b.name)).map((a) => ({ agent: a.name, listed: a.listed, overdue: a.overdue, dueSoon: a.listed - a.overdue })),
        },
      ],
    };
  },
};
