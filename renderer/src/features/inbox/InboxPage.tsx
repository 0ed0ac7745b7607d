import { CheckOutlined, EditOutlined, EyeOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../../shared/ipc/methods/ingest.js';
import { invoke, on } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { navigate } from '../../shell/use-hash-route.js';
import { useFormats } from '../customers/form-support.js';
import { useDocumentTypes } from '../document-types/use-document-types.js';
import { QualityFlags } from '../ingest/QualityFlags.js';
import { PageThumb } from '../viewer/PageThumb.js';
import { FilingModal } from './FilingModal.js';
import { PagesEditor } from './PagesEditor.js';
import { ProposalSummary } from './ProposalSummary.js';

const pageSize = 20;

/**
 * The inbox (`#/inbox`, flow 2): documents Dossier could not file on its own, each with what it
 * proposes and why. Confirm files it as proposed in one click; Correct chooses otherwise. Opening
 * a row shows its pages to reorder, turn, split or delete; selected documents can be merged.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const types = useDocumentTypes();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [correcting, setCorrecting] = useState<InboxItem | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useInvoke('inbox.list', { limit: pageSize, offset: (page - 1) * pageSize });
  const { reload } = list;
  const items = list.value?.items ?? [];
  const total = list.value?.total ?? 0;

  useEffect(() => on('inbox.changed', reload), [reload]);
  // Filing the last documents of the last page leaves it empty: show the page before.
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  if (list.value !== null && page > lastPage) setPage(lastPage);

  const filed = (name: string) => {
    void message.success(t('inbox.filed', { name }));
    reload();
  };
  const confirm = async (item: InboxItem) => {
    const { customer, policy, documentType } = item.proposal;
    if (!customer || !documentType) return;
    setConfirming(item.documentId);
    try {
      await invoke('inbox.confirm', { documentId: item.documentId, customerId: customer.id, policyId: policy?.id ?? null, documentTypeId: documentType.id });
      filed(customer.name);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setConfirming(null);
    }
  };
  // In the order the list shows them: the first keeps its pages in front.
  const chosen = items.filter((item) => selected.includes(item.documentId)).map((item) => item.documentId);
  const merge = async (documentIds: string[]) => {
    try {
      await invoke('inbox.merge', { documentIds });
      setSelected([]);
      void message.success(t('inbox.merged', { count: documentIds.length }));
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <div data-testid="inbox-list" data-total={total}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" data-testid="inbox-total">
          {t('inbox.total', { total })}
        </Typography.Text>
        <Tooltip title={t('inbox.mergeHint')}>
          <Button icon={<MergeCellsOutlined />} disabled={chosen.length < 2} onClick={() => void merge(chosen)} data-testid="inbox-merge">
            {t('inbox.merge', { count: chosen.length })}
          </Button>
        </Tooltip>
      </Flex>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<InboxItem>
        rowKey="documentId"
        size="small"
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: t('pages.inbox.empty') }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        expandable={{ expandedRowRender: (item) => <PagesEditor item={item} onChanged={reload} /> }}
        pagination={{ current: page, pageSize, total, showSizeChanger: false, onChange: setPage, hideOnSinglePage: true }}
        onRow={(item) => ({ 'data-testid': 'inbox-item', 'data-document-id': item.documentId }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('inbox.firstPage'),
            key: 'thumb',
            width: 100,
            render: (_, item) => item.pages[0] && <PageThumb page={item.pages[0]} alt={t('inbox.pageNo', { page: 1 })} height={88} />,
          },
          {
            title: t('inbox.document'),
            key: 'document',
            render: (_, item) => (
              <Flex vertical gap={2}>
                <Typography.Text strong ellipsis>
                  {item.fileName ?? t('inbox.untitled')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[t('inbox.pageCount', { count: item.pages.length }), t(`ingest.sources.${item.source}`, { defaultValue: item.source }), formats.dateTime(item.createdAt)].join(' · ')}
                </Typography.Text>
                <div>
                  <QualityFlags flags={item.pages.flatMap((p) => p.flags)} />
                </div>
              </Flex>
            ),
          },
          { title: t('inbox.proposal'), key: 'proposal', width: 380, render: (_, item) => <ProposalSummary proposal={item.proposal} typeName={types.name} /> },
          {
            title: t('inbox.actions'),
            key: 'actions',
            width: 130,
            render: (_, item) => (
              <Space orientation="vertical" size={4}>
                <Tooltip title={item.proposal.customer && item.proposal.documentType ? null : t('inbox.confirmNeeds')}>
                  <Button
                    type="primary"
                    size="small"
                    icon={<CheckOutlined />}
                    disabled={!item.proposal.customer || !item.proposal.documentType}
                    loading={confirming === item.documentId}
                    onClick={() => void confirm(item)}
                    data-testid="inbox-confirm"
                  >
                    {t('inbox.confirm')}
                  </Button>
                </Tooltip>
                <Button size="small" icon={<EditOutlined />} onClick={() => setCorrecting(item)} data-testid="inbox-correct">
                  {t('inbox.correct')}
                </Button>
                <Button size="small" icon={<EyeOutlined />} onClick={() => navigate('documents', item.documentId)} data-testid="inbox-open">
                  {t('inbox.open')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {correcting && (
        <FilingModal
          key={correcting.documentId}
          item={correcting}
          typeOptions={types.options}
          onClose={() => setCorrecting(null)}
          onFiled={(name) => {
            setCorrecting(null);
            filed(name);
          }}
        />
      )}
    </div>
  );
}
