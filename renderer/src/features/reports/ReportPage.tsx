import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Result, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDefinitionInfo, ReportParameters, ReportResult } from '../../../../shared/ipc/methods/reports.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { ReportParametersForm } from './ReportParametersForm.js';
import { ReportResultView } from './ReportResultView.js';

/** One report (`#/reports/<id>`): its parameters, Run, and the result with print and export. */
export function ReportPage({ definition, loading }: { definition: ReportDefinitionInfo | null; loading: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [result, setResult] = useState<ReportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const latest = useRef(0);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('reports')} data-testid="report-back">
      {t('reportsUi.back')}
    </Button>
  );
  if (definition === null) {
    return (
      <div data-testid="page-report">
        {back}
        {loading ? <Skeleton active style={{ marginTop: 24 }} /> : <Result status="404" title={t('reportsUi.notFound')} />}
      </div>
    );
  }

  const run = (parameters: ReportParameters) => {
    const request = ++latest.current;
    setRunning(true);
    setError(null);
    invoke('reports.run', { reportId: definition.id, parameters })
      .then(
        (answer) => {
          if (request === latest.current) setResult(answer);
        },
        (e: unknown) => {
          if (request === latest.current) setError(e);
        },
      )
      .finally(() => {
        if (request === latest.current) setRunning(false);
      });
  };

  return (
    <div data-testid="page-report" data-report-id={definition.id}>
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        {back}
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="report-title">
          {t(definition.titleKey)}
        </Typography.Title>
      </Flex>
      <ReportParametersForm definition={definition} initial={result?.parameters ?? {}} running={running} onRun={run} />
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginTop: 16 }} data-testid="report-error" />}
      <div style={{ marginTop: 24 }}>
        {result !== null ? (
          <ReportResultView result={result} />
        ) : (
          !running && <Typography.Text type="secondary">{t('reportsUi.runHint')}</Typography.Text>
        )}
        {result === null && running && <Skeleton active />}
      </div>
    </div>
  );
}
