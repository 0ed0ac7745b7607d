import { ArrowLeftOutlined, CloseOutlined, ReloadOutlined, ZoomInOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Kpi, KpiId } from '../../../../shared/ipc/methods/reports.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { navigate } from '../../shell/use-hash-route.js';
import { useFormats } from '../customers/form-support.js';
import { useStaffDirectory } from '../lists/use-staff-directory.js';
import { ReportResultView } from './ReportResultView.js';

/** ECharts is loaded with the dashboard, not with the app: it is a third of the renderer's size. */
const TrendChart = lazy(() => import('./TrendChart.js').then((m) => ({ default: m.TrendChart })));

const colours: Record<KpiId, string> = {
  completenessRate: '#1677ff',
  timelinessRate: '#13a8a8',
  scanQualityRate: '#52c41a',
  documentsFiledPerDay: '#722ed1',
  inboxBacklog: '#fa8c16',
};

/** Number formatting for a KPI's unit, in the user's locale: rates as percentages. */
function useKpiFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    // Rates as the reports print them (one decimal); the axis without decimals.
    const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const wholePercent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
    const count = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
    const month = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    return {
      value: (unit: Kpi['unit'], value: number) => (unit === 'rate' ? percent.format(value) : count.format(value)),
      axis: (unit: Kpi['unit'], value: number) => (unit === 'rate' ? wholePercent.format(value) : count.format(value)),
      month: (yyyyMm: string) => month.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    };
  }, [i18n.language]);
}

/**
 * The KPI dashboard: five cards, each with the current value and its monthly trend; a month
 * (clicked on the chart, or chosen under "Details") opens the rows behind the number below.
 */
export function KpiDashboard({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const { branches } = useStaffDirectory();
  const [branchId, setBranchId] = useState<string | undefined>();
  const [drill, setDrill] = useState<{ kpi: KpiId; month: string } | null>(null);
  const dashboard = useInvoke('kpi.dashboard', { months: 12, ...(branchId ? { branchId } : {}) });
  const format = useKpiFormat();

  return (
    <div data-testid="page-kpi">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space>
          {!embedded && (
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('reports')} data-testid="kpi-back">
              {t('reportsUi.back')}
            </Button>
          )}
          <Typography.Title level={embedded ? 4 : 3} style={{ margin: 0 }} data-testid="kpi-title">
            {t('kpi.title')}
          </Typography.Title>
        </Space>
        <Space wrap>
          {dashboard.value && (
            <Typography.Text type="secondary" data-testid="kpi-generated-at">
              {t('kpi.asOf', { time: formats.dateTime(dashboard.value.generatedAt) })}
            </Typography.Text>
          )}
          {branches.length > 1 && (
            <Select<string>
              allowClear
              style={{ width: 180 }}
              placeholder={t('kpi.allBranches')}
              aria-label={t('reports.parameters.branchId')}
              value={branchId}
              onChange={(value) => {
                setBranchId(value);
                setDrill(null);
              }}
              options={branches.map((b) => ({ value: b.id, label: b.name }))}
              data-testid="kpi-branch"
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={dashboard.reload} aria-label={t('kpi.refresh')} data-testid="kpi-refresh" />
        </Space>
      </Flex>
      {dashboard.error !== null && <Alert type="error" showIcon title={errorMessage(dashboard.error)} style={{ marginBottom: 16 }} />}
      {dashboard.value === null && dashboard.error === null && <Skeleton active />}
      {dashboard.value && (
        <Row gutter={[16, 16]}>
          {dashboard.value.kpis.map((kpi) => (
            <Col key={kpi.id} xs={24} md={12} xl={8}>
              <KpiCard kpi={kpi} format={format} selected={drill?.kpi === kpi.id ? drill.month : null} onDrill={(month) => setDrill({ kpi: kpi.id, month })} />
            </Col>
          ))}
        </Row>
      )}
      {drill && dashboard.value && (
        <KpiDrill
          drill={drill}
          months={dashboard.value.kpis.find((k) => k.id === drill.kpi)?.trend.map((p) => p.month) ?? [drill.month]}
          branchId={branchId}
          monthLabel={format.month}
          onMonth={(month) => setDrill({ ...drill, month })}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}

function KpiCard({
  kpi,
  format,
  selected,
  onDrill,
}: {
  kpi: Kpi;
  format: ReturnType<typeof useKpiFormat>;
  selected: string | null;
  onDrill: (month: string) => void;
}) {
  const { t } = useTranslation();
  const name = t(`kpi.names.${kpi.id}`);
  const valueLabel = useCallback((value: number) => format.value(kpi.unit, value), [format, kpi.unit]);
  const axisLabel = useCallback((value: number) => format.axis(kpi.unit, value), [format, kpi.unit]);
  const lastMonth = [...kpi.trend].reverse().find((p) => p.value !== null)?.month ?? kpi.trend.at(-1)?.month;
  const described = kpi.trend
    .filter((p) => p.value !== null)
    .map((p) => `${format.month(p.month)} ${valueLabel(p.value!)}`)
    .join(', ');
  return (
    <Card
      size="small"
      title={name}
      data-testid="kpi-card"
      data-kpi={kpi.id}
      style={selected ? { borderColor: colours[kpi.id] } : undefined}
      extra={
        lastMonth && (
          <Button type="link" size="small" icon={<ZoomInOutlined />} onClick={() => onDrill(lastMonth)} data-testid="kpi-details">
            {t('kpi.details')}
          </Button>
        )
      }
    >
      <Typography.Text style={{ fontSize: 28, fontWeight: 600, color: colours[kpi.id] }} data-testid="kpi-value">
        {kpi.value === null ? '—' : format.value(kpi.unit, kpi.value)}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t(`kpi.hints.${kpi.id}`)}
      </Typography.Paragraph>
      <Suspense fallback={<div style={{ height: 160 }} />}>
        <TrendChart
          points={kpi.trend}
          monthLabel={format.month}
          valueLabel={valueLabel}
          axisLabel={axisLabel}
          seriesName={name}
          color={colours[kpi.id]}
          onPick={onDrill}
          testId="kpi-chart"
          max={kpi.unit === 'rate' ? 1 : undefined}
          ariaLabel={t('kpi.chartLabel', { name, points: described || t('kpi.noData') })}
        />
      </Suspense>
    </Card>
  );
}

/** The rows behind one KPI in one month, in the same table as the reports (with print and export). */
function KpiDrill({
  drill,
  months,
  branchId,
  monthLabel,
  onMonth,
  onClose,
}: {
  drill: { kpi: KpiId; month: string };
  months: string[];
  branchId: string | undefined;
  monthLabel: (month: string) => string;
  onMonth: (month: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const rows = useInvoke('kpi.drill', { kpi: drill.kpi, month: drill.month, ...(branchId ? { branchId } : {}) });
  return (
    <Card
      style={{ marginTop: 24 }}
      data-testid="kpi-drill"
      data-kpi={drill.kpi}
      data-month={drill.month}
      title={
        <Space wrap>
          <span>{t('kpi.drillTitle', { name: t(`kpi.names.${drill.kpi}`) })}</span>
          <Select<string>
            size="small"
            style={{ width: 140 }}
            value={drill.month}
            onChange={onMonth}
            aria-label={t('kpi.month')}
            options={[...months].reverse().map((month) => ({ value: month, label: monthLabel(month) }))}
            data-testid="kpi-drill-month"
          />
        </Space>
      }
      extra={<Button type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('kpi.closeDrill')} data-testid="kpi-drill-close" />}
    >
      {rows.error !== null && <Alert type="error" showIcon title={errorMessage(rows.error)} />}
      {rows.loading && rows.value === null && <Skeleton active />}
      {rows.value && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(rows.value.titleKey)}
          </Typography.Title>
          <ReportResultView result={rows.value} />
        </>
      )}
    </Card>
  );
}
