import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Popover, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchProgress } from '../../../../shared/ipc/methods/ingest.js';
import { navigate } from '../../shell/use-hash-route.js';
import { BatchProgressBar } from './BatchProgressBar.js';
import { isActive } from './use-batches.js';

/** How many recent batches the status bar's pop-over lists; the batches page has them all. */
const shownInPopover = 5;

/**
 * The status bar's share of ingest: pages done of all pages in the batches still running, with the
 * recent batches in a pop-over and a way to the batches page. Nothing while no batch runs.
 */
export function IngestStatus({ batches }: { batches: BatchProgress[] }) {
  const { t } = useTranslation();
  const running = batches.filter(isActive);
  if (running.length === 0) return null;
  const done = running.reduce((sum, b) => sum + b.pagesDone, 0);
  const total = running.reduce((sum, b) => sum + b.pages, 0);
  const openBatches = () => navigate('inbox', 'batches');

  const recent = (
    <Flex vertical style={{ width: 300 }} data-testid="ingest-popover">
      {batches.slice(0, shownInPopover).map((batch) => (
        <Flex key={batch.batchId} vertical style={{ marginBottom: 8 }}>
          <Typography.Text ellipsis>{batch.label ?? t(`ingest.sources.${batch.source}`)}</Typography.Text>
          <BatchProgressBar batch={batch} width={300} />
        </Flex>
      ))}
      <Divider style={{ margin: '4px 0' }} />
      <Button type="link" size="small" onClick={openBatches} style={{ alignSelf: 'flex-end' }}>
        {t('ingest.allBatches')}
      </Button>
    </Flex>
  );

  return (
    <Popover content={recent} title={t('ingest.recentBatches')} placement="topLeft">
      <Button type="text" size="small" icon={<CloudUploadOutlined />} onClick={openBatches} data-testid="ingest-status" data-done={done} data-total={total}>
        {t('ingest.statusRunning', { done, total })}
        <Progress size="small" style={{ width: 100, margin: 0 }} percent={total > 0 ? Math.floor((done / total) * 100) : 0} showInfo={false} />
      </Button>
    </Popover>
  );
}
