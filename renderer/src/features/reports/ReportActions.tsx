import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages.js';
import type { ExportFormat, ReportResult } from '../../../../shared/ipc/methods/reports.js';
import { reportHtml } from '../../../../shared/reports/print-html.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { download, printHtml, removePrintFrame } from './print-report.js';

const exportIcons = { pdf: <FilePdfOutlined />, xlsx: <FileExcelOutlined />, csv: <FileTextOutlined /> } as const;
const formats: ExportFormat[] = ['pdf', 'xlsx', 'csv'];

/**
 * Print and export for a report as it was run (its id and parameters): main records each one
 * first, so a role that may not print or export is refused before anything leaves the archive.
 */
export function ReportActions({ result }: { result: ReportResult }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<'print' | ExportFormat | null>(null);
  const run = { reportId: result.id, parameters: result.parameters };

  useEffect(() => removePrintFrame, []);

  const act = async (what: 'print' | ExportFormat, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const print = () =>
    act('print', async () => {
      await invoke('reports.recordPrint', run);
      await printHtml(reportHtml(result, i18n.t, i18n.language as Language));
    });
  const exportAs = (format: ExportFormat) =>
    act(format, async () => {
      const answer = await invoke('reports.export', { ...run, format });
      if (answer.downloadUrl !== null) download(answer.downloadUrl);
      else if (answer.saved) void message.success(t('reportsUi.saved'));
    });

  return (
    <Space wrap>
      <Button icon={<PrinterOutlined />} onClick={() => void print()} loading={busy === 'print'} disabled={busy !== null && busy !== 'print'} data-testid="report-print">
        {t('reportsUi.print')}
      </Button>
      {formats.map((format) => (
        <Button
          key={format}
          icon={exportIcons[format]}
          onClick={() => void exportAs(format)}
          loading={busy === format}
          disabled={busy !== null && busy !== format}
          data-testid={`report-export-${format}`}
        >
          {t(`reportsUi.export.${format}`)}
        </Button>
      ))}
    </Space>
  );
}
