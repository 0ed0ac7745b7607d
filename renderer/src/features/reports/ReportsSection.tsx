import { DashboardOutlined, FileDoneOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportDefinitionInfo } from '../../../../shared/ipc/methods/reports.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { navigate } from '../../shell/use-hash-route.js';
import { KpiDashboard } from './KpiDashboard.js';
import { ReportPage } from './ReportPage.js';

/**
 * The Reports section: the list of reports with the KPI dashboard under it (`#/reports`), the
 * dashboard alone (`#/reports/kpi`), or one report (`#/reports/<id>`).
 */
export function ReportsSection({ subPath }: { subPath: string }) {
  const { t } = useTranslation();
  const definitions = useInvoke('reports.list', {});
  if (subPath === 'kpi') return <KpiDashboard />;
  if (subPath) {
    const definition = definitions.value?.find((d) => d.id === subPath) ?? null;
    return <ReportPage key={subPath} definition={definition} loading={definitions.loading} />;
  }
  return (
    <div data-testid="page-reports">
      <Typography.Title level={3}>{t('pages.reports.title')}</Typography.Title>
      <ReportList definitions={definitions.value} loading={definitions.loading} error={definitions.error} />
      <div style={{ marginTop: 24 }}>
        <KpiDashboard embedded />
      </div>
    </div>
  );
}

function ReportList({ definitions, loading, error }: { definitions: ReportDefinitionInfo[] | null; loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const open = (id: string) => navigate('reports', id);
  return (
    <Card title={t('reportsUi.listTitle')} size="small">
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      <List<ReportDefinitionInfo>
        loading={loading}
        dataSource={definitions ?? []}
        data-testid="report-list"
        locale={{ emptyText: t('reportsUi.noReports') }}
        footer={
          <a href="#/reports/kpi" data-testid="report-list-kpi">
            <DashboardOutlined /> {t('kpi.title')}
          </a>
        }
        renderItem={(definition) => (
          <List.Item
            data-testid="report-list-item"
            data-report-id={definition.id}
            role="link"
            tabIndex={0}
            style={{ cursor: 'pointer' }}
            onClick={() => open(definition.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                open(definition.id);
              }
            }}
            extra={<RightOutlined aria-hidden />}
          >
            <List.Item.Meta
              avatar={<FileDoneOutlined style={{ fontSize: 20 }} />}
              title={<Typography.Text strong>{t(definition.titleKey)}</Typography.Text>}
              description={t(`reportsUi.descriptions.${definition.id}`)}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
