import { DeleteOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarantineItem } from '../../../../shared/ipc/methods/ingest.js';
import { invoke, on } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { useFormats } from '../customers/form-support.js';
import { useIngestFormats } from '../ingest/use-ingest-formats.js';
import { useRejectMessage } from '../ingest/use-reject-message.js';

/**
 * Inbox → quarantine (`#/inbox/quarantine`, archivists): files refused on arrival, kept encrypted
 * until an archivist releases them for processing under relaxed limits or deletes them for good.
 */
export function QuarantinePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const sizes = useIngestFormats();
  const rejectMessage = useRejectMessage();
  const list = useInvoke('quarantine.list', {});
  const { reload } = list;
  // A batch that ends with refused files has added to the quarantine.
  useEffect(
    () =>
      on('ingest.progress', (batch) => {
        if (batch.state === 'done' && batch.rejected > 0) reload();
      }),
    [reload],
  );

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <div data-testid="page-quarantine">
      <Typography.Paragraph type="secondary">{t('quarantine.intro')}</Typography.Paragraph>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<QuarantineItem>
        rowKey="fileId"
        size="small"
        loading={list.loading}
        dataSource={list.value ?? []}
        pagination={false}
        locale={{ emptyText: t('quarantine.empty') }}
        onRow={(item) => ({ 'data-testid': 'quarantine-row', 'data-file-id': item.fileId }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 900 }}
        columns={[
          { title: t('quarantine.fileName'), dataIndex: 'fileName', ellipsis: true },
          { title: t('quarantine.size'), dataIndex: 'size', width: 100, align: 'right', render: (size: number) => sizes.size(size) },
          { title: t('quarantine.source'), dataIndex: 'source', width: 110, render: (source: QuarantineItem['source']) => t(`ingest.sources.${source}`) },
          { title: t('quarantine.date'), dataIndex: 'createdAt', width: 170, render: (date: string) => formats.dateTime(date) },
          {
            title: t('quarantine.reason'),
            key: 'reason',
            render: (_, item) => <Typography.Text type="danger">{rejectMessage(item.reason, item.reasonValues)}</Typography.Text>,
          },
          {
            title: t('quarantine.actions'),
            key: 'actions',
            width: 200,
            render: (_, item) => (
              <Space>
                <Tooltip title={t('quarantine.releaseHint')}>
                  <Button
                    size="small"
                    icon={<RedoOutlined />}
                    onClick={() => void run(() => invoke('quarantine.release', { fileId: item.fileId }), t('quarantine.released'))}
                    data-testid="quarantine-release"
                  >
                    {t('quarantine.release')}
                  </Button>
                </Tooltip>
                <Popconfirm
                  title={t('quarantine.deleteConfirm')}
                  okText={t('quarantine.delete')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => run(() => invoke('quarantine.delete', { fileId: item.fileId }), t('quarantine.deleted'))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} data-testid="quarantine-delete">
                    {t('quarantine.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
