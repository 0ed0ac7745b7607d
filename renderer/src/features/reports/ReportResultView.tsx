import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { printRowLimit, reportParameterNames, type ReportResult } from '../../../../shared/ipc/methods/reports.js';
import { useFormats } from '../customers/form-support.js';
import { useCellFormat } from './format-cell.js';
import { ReportActions } from './ReportActions.js';
import { ReportTable } from './ReportTable.js';

/**
 * A report's result on screen: when and by whom it was made, its scope, the audit chain's state
 * for the access audit, the table with its totals, and the roll-ups as small tables below.
 */
export function ReportResultView({ result }: { result: ReportResult }) {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const format = useCellFormat();
  const period =
    result.parameters.from || result.parameters.to
      ? t('reportsUi.periodValue', { from: format('date', result.parameters.from) || '…', to: format('date', result.parameters.to) || '…' })
      : null;
  const scope = Object.entries(result.scope);
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);

  return (
    <div data-testid="report-result" data-report-id={result.id}>
      <Flex justify="space-between" align="flex-start" wrap gap={8} style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          data-testid="report-meta"
          items={[
            { key: 'generatedAt', label: t('reportsUi.generatedAt'), children: formats.dateTime(result.generatedAt) },
            { key: 'generatedBy', label: t('reportsUi.generatedBy'), children: result.generatedBy },
            ...(period ? [{ key: 'period', label: t('reports.parameters.period'), children: period }] : []),
            ...scope.map(([name, value]) => ({ key: name, label: parameterLabel(t, name), children: value })),
            ...(result.parameters.customerType && !('customerType' in result.scope)
              ? [{ key: 'customerType', label: t('reports.parameters.customerType'), children: t(`enums.customerTypes.${result.parameters.customerType}`) }]
              : []),
          ]}
        />
        <ReportActions result={result} />
      </Flex>
      {result.auditChain && (
        <Alert
          type={result.auditChain.ok ? 'success' : 'error'}
          showIcon
          icon={result.auditChain.ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
          style={{ marginBottom: 12 }}
          data-testid="report-audit-chain"
          data-ok={String(result.auditChain.ok)}
          title={t(result.auditChain.ok ? 'reportsUi.chainOk' : 'reportsUi.chainBroken', {
            entries: new Intl.NumberFormat(i18n.language).format(result.auditChain.entries),
            checkedAt: formats.dateTime(result.auditChain.checkedAt),
          })}
        />
      )}
      {result.summary.length > 0 && (
        <Flex wrap gap={32} style={{ marginBottom: 16 }} data-testid="report-summary">
          {result.summary.map((figure) => (
            <Statistic key={figure.key} title={t(figure.labelKey)} value={format(figure.type, figure.value) || '—'} data-key={figure.key} data-testid="report-summary-figure" />
          ))}
        </Flex>
      )}
      {result.rowCount > result.rows.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-partial"
          title={t('reportsUi.partial', { shown: count(result.rows.length), count: count(result.rowCount), limit: count(printRowLimit) })}
        />
      )}
      <ReportTable columns={result.columns} rows={result.rows} totals={result.totals} testId="report-table" />
      {result.groups.map((group) => (
        <section key={group.titleKey} style={{ marginTop: 24 }} data-testid="report-group">
          <Typography.Title level={5}>{t(group.titleKey)}</Typography.Title>
          <ReportTable columns={group.columns} rows={group.rows} testId="report-group-table" size="small" pageSize={20} />
        </section>
      ))}
    </div>
  );
}

/** The label of a scope entry: scope is keyed by parameter name (`branchId`, `agentId`…). */
function parameterLabel(t: (key: string) => string, name: string): string {
  return (reportParameterNames as readonly string[]).includes(name) ? t(`reports.parameters.${name}`) : name;
}
