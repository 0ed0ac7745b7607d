import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages.js';
import { type ExportFormat, printRowLimit, type ReportResult } from '../../../../shared/ipc/methods/reports.js';
import { reportHtml } from '../../../../shared/reports/print-html.js';
import { invoke } from '../../ipc/client.js';
import { download } from '../../ipc/download.js';
import { useBusyAction } from '../../ipc/use-busy-action.js';
import { printHtml, removePrintFrame } from './print-report.js';

const exportIcons = { pdf: <FilePdfOutlined />, xlsx: <FileExcelOutlined />, csv: <FileTextOutlined /> } as const;
const formats: ExportFormat[] = ['pdf', 'xlsx', 'csv'];

/**
 * Print and export for a report as it was run (its id and parameters): main runs it again with
 * every row the output takes (the screen has only the first) and records it first, so a role that
 * may not print or export is refused before anything leaves the archive. Print and PDF are off for
 * a report longer than printRowLimit rows (main would refuse it): Excel and CSV take any length.
 */
export function ReportActions({ result }: { result: ReportResult }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, act] = useBusyAction<'print' | ExportFormat>();
  const run = { reportId: result.id, parameters: result.parameters };

  useEffect(() => removePrintFrame, []);

  const print = () =>
    act('print', async () => {
      const printed = await invoke('reports.print', run);
      await printHtml(reportHtml(printed, i18n.t, i18n.language as Language));
    });
  const exportAs = (format: ExportFormat) =>
    act(format, async () => {
      const answer = await invoke('reports.export', { ...run, format });
      if (answer.downloadUrl !== null) download(answer.downloadUrl);
      else if (answer.saved) void message.success(t('reportsUi.saved'));
    });

  const tooLong = result.rowCount > printRowLimit;
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const tooLongHint = tooLong ? t('reportsUi.tooManyToPrint', { count: count(result.rowCount), limit: count(printRowLimit) }) : undefined;
  return (
    <Space wrap>
      <Tooltip title={tooLongHint}>
        <Button icon={<PrinterOutlined />} onClick={() => void print()} loading={busy === 'print'} disabled={tooLong || (busy !== null && busy !== 'print')} data-testid="report-print">
          {t('reportsUi.print')}
        </Button>
      </Tooltip>
      {formats.map((format) => (
        <Tooltip key={format} title={format === 'pdf' ? tooLongHint : undefined}>
          <Button
            icon={exportIcons[format]}
            onClick={() => void exportAs(format)}
            loading={busy === format}
            disabled={(format === 'pdf' && tooLong) || (busy !== null && busy !== format)}
            data-testid={`report-export-${format}`}
          >
            {t(`reportsUi.export.${format}`)}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
}
