import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchProgress } from '../../../../shared/ipc/methods/ingest.js';

const counts = [
  { key: 'filed', colour: 'green' },
  { key: 'inbox', colour: 'blue' },
  { key: 'rejected', colour: 'red' },
  { key: 'duplicates', colour: 'default' },
] as const;

/** What became of a batch's files so far: filed, waiting in the inbox, refused, already there. */
export function BatchCounts({ batch }: { batch: BatchProgress }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap data-testid="batch-counts">
      {counts.map(({ key, colour }) => (
        <Tag key={key} color={batch[key] > 0 ? colour : 'default'} data-testid={`batch-count-${key}`} data-count={batch[key]}>
          {t(`ingest.counts.${key}`, { count: batch[key] })}
        </Tag>
      ))}
    </Space>
  );
}
