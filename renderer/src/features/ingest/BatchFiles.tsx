import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchProgress, FileOutcome, FileReport } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { useDocumentTypes } from '../document-types/use-document-types.js';
import { minimumDpi, QualityFlags } from './QualityFlags.js';
import { useRejectMessage } from './use-reject-message.js';

const outcomeColours: Record<FileOutcome, string> = { filed: 'green', inbox: 'blue', mixed: 'cyan', rejected: 'red', duplicate: 'default', cancelled: 'default' };
/** Progress events can come several times a second; the file list follows at most this often. */
const refreshDelayMs = 500;

/** One batch's files: what became of each, why a file was refused, and the documents it made (links to the viewer with `opensDocuments`). */
export function BatchFiles({ batch, opensDocuments }: { batch: BatchProgress; opensDocuments: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const types = useDocumentTypes();
  const rejectMessage = useRejectMessage();
  const [files, setFiles] = useState<FileReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progressKey = `${batch.state}:${batch.filesDone}:${batch.pagesDone}`;
  const loaded = useRef(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      invoke('ingest.files', { batchId: batch.batchId }).then(
        (list) => {
          if (!current) return;
          loaded.current = true;
          setFiles(list);
          setError(null);
        },
        (e: unknown) => {
          if (current) setError(e);
        },
      );
    }, loaded.current ? refreshDelayMs : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [batch.batchId, progressKey]);

  if (error !== null) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Table<FileReport>
      rowKey="fileId"
      size="small"
      loading={files === null}
      dataSource={files ?? []}
      pagination={false}
      data-testid="batch-files"
      onRow={(file) => ({ 'data-testid': 'batch-file', 'data-outcome': file.outcome ?? file.state }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('ingest.fileName'), dataIndex: 'fileName', ellipsis: true },
        {
          title: t('ingest.result'),
          key: 'result',
          width: 300,
          render: (_, file) => (
            <Flex vertical gap={2}>
              <span>
                {file.outcome ? <Tag color={outcomeColours[file.outcome]}>{t(`ingest.outcomes.${file.outcome}`)}</Tag> : <Tag>{t(`ingest.fileStates.${file.state}`)}</Tag>}
              </span>
              {file.reason && (
                <Typography.Text type="danger" data-testid="batch-file-reason">
                  {rejectMessage(file.reason, file.reasonValues)}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: t('ingest.pages'),
          key: 'pages',
          width: 90,
          render: (_, file) => (file.state === 'processing' ? `${file.pagesDone} / ${file.pages ?? '?'}` : (file.pages ?? '')),
        },
        {
          title: t('ingest.minDpi'),
          dataIndex: 'minDpi',
          width: 90,
          render: (dpi: number | null) => (dpi === null ? '' : <Typography.Text type={dpi < minimumDpi ? 'warning' : undefined}>{dpi}</Typography.Text>),
        },
        { title: t('ingest.flagsTitle'), dataIndex: 'flags', width: 160, render: (_, file) => <QualityFlags flags={file.flags} /> },
        {
          title: t('ingest.documents'),
          key: 'documents',
          render: (_, file) => (
            <Flex vertical align="start">
              {file.documents.map((doc) => (
                <Button
                  key={doc.documentId}
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  disabled={!opensDocuments || doc.state === 'destroyed'}
                  onClick={() => navigate('documents', doc.documentId)}
                >
                  {[doc.customerName ?? t('ingest.noCustomer'), types.name(doc.documentTypeCode) ?? doc.documentTypeCode].filter(Boolean).join(' · ')}
                </Button>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
