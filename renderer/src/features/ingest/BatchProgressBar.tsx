import { Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchProgress } from '../../../../shared/ipc/methods/ingest.js';
import { isActive } from './use-batches.js';
import { useIngestFormats } from './use-ingest-formats.js';

/** Pages done of all pages, with the speed and the time left while the batch runs. */
export function BatchProgressBar({ batch, width = 220 }: { batch: BatchProgress; width?: number }) {
  const { t } = useTranslation();
  const formats = useIngestFormats();
  const percent = batch.pages > 0 ? Math.floor((batch.pagesDone / batch.pages) * 100) : batch.state === 'done' ? 100 : 0;
  const details = [
    t('ingest.pagesDone', { done: batch.pagesDone, total: batch.pages }),
    ...(isActive(batch) && batch.pagesPerMinute !== null ? [t('ingest.pagesPerMinute', { rate: formats.decimal(batch.pagesPerMinute) })] : []),
    ...(isActive(batch) && batch.secondsLeft !== null ? [t('ingest.timeLeft', { time: formats.duration(batch.secondsLeft) })] : []),
  ];
  return (
    <Flex vertical style={{ width }} data-testid="batch-progress" data-done={batch.pagesDone} data-total={batch.pages}>
      <Progress
        size="small"
        percent={percent}
        status={batch.state === 'cancelled' ? 'exception' : isActive(batch) ? 'active' : 'normal'}
        style={{ margin: 0 }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {details.join(' · ')}
      </Typography.Text>
    </Flex>
  );
}
