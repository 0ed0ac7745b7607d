import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { managesSources, viewsDocuments } from '../../../../shared/domain/access.js';
import type { Role } from '../../../../shared/domain/roles.js';
import type { BatchProgress } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useFormats } from '../customers/form-support.js';
import { BatchCounts } from './BatchCounts.js';
import { BatchFiles } from './BatchFiles.js';
import { BatchProgressBar } from './BatchProgressBar.js';
import { ImportButton } from './ImportButton.js';
import { ScanButton } from './ScanButton.js';
import { isActive, useBatches } from './use-batches.js';

const stateColours: Record<BatchProgress['state'], string> = { open: 'processing', running: 'processing', done: 'success', cancelled: 'default' };

/**
 * Inbox → batches (`#/inbox/batches`): recent imports and scans, live; each opens to its files.
 * Scanning needs the scanner list, which only those who set up sources may read.
 */
export function BatchesPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const { batches, error } = useBatches();

  const cancel = async (batchId: string) => {
    try {
      await invoke('ingest.cancel', { batchId });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <div data-testid="page-batches">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('ingest.batchesHint')}</Typography.Text>
        <Space>
          <ImportButton />
          {managesSources(role) && <ScanButton />}
        </Space>
      </Flex>
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<BatchProgress>
        rowKey="batchId"
        size="small"
        loading={batches === null && error === null}
        dataSource={batches ?? []}
        pagination={false}
        data-testid="batches-table"
        locale={{ emptyText: t('ingest.noBatches') }}
        expandable={{ expandedRowRender: (batch) => <BatchFiles batch={batch} opensDocuments={viewsDocuments(role, false)} /> }}
        onRow={(batch) => ({ 'data-testid': 'batch-row', 'data-batch-id': batch.batchId, 'data-state': batch.state }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('ingest.batch'),
            key: 'batch',
            render: (_, batch) => (
              <Flex vertical>
                <Typography.Text strong>{batch.label ?? t(`ingest.sources.${batch.source}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[t(`ingest.sources.${batch.source}`), formats.dateTime(batch.createdAt), t('ingest.filesDone', { done: batch.filesDone, total: batch.files })].join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('ingest.state'),
            dataIndex: 'state',
            width: 110,
            render: (state: BatchProgress['state']) => <Tag color={stateColours[state]}>{t(`ingest.batchStates.${state}`)}</Tag>,
          },
          { title: t('ingest.progress'), key: 'progress', width: 250, render: (_, batch) => <BatchProgressBar batch={batch} /> },
          { title: t('ingest.outcome'), key: 'counts', width: 300, render: (_, batch) => <BatchCounts batch={batch} /> },
          {
            title: t('ingest.actions'),
            key: 'actions',
            width: 110,
            render: (_, batch) =>
              isActive(batch) && (
                <Popconfirm title={t('ingest.cancelConfirm')} onConfirm={() => cancel(batch.batchId)} okText={t('ingest.cancel')} cancelText={t('ingest.keepGoing')}>
                  <Button size="small" danger icon={<StopOutlined />} data-testid="batch-cancel">
                    {t('ingest.cancel')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </div>
  );
}
