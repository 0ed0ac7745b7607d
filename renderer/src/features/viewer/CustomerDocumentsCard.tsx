import { Alert, Button, Card, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/ipc/methods/ingest.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { navigate } from '../../shell/use-hash-route.js';
import { useFormats } from '../customers/form-support.js';
import { useDocumentTypes } from '../document-types/use-document-types.js';
import { QualityFlags } from '../ingest/QualityFlags.js';

/** A customer's filed documents on their detail page; each opens in the viewer. */
export function CustomerDocumentsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const types = useDocumentTypes();
  const documents = useInvoke('documents.forCustomer', { customerId });
  const open = (doc: DocumentSummary) => navigate('documents', doc.documentId);

  return (
    <Card size="small" title={t('viewer.customerDocuments')} style={{ marginTop: 16 }} data-testid="customer-documents">
      {documents.error !== null && <Alert type="error" showIcon title={errorMessage(documents.error)} style={{ marginBottom: 12 }} />}
      <Table<DocumentSummary>
        rowKey="documentId"
        size="small"
        loading={documents.loading}
        dataSource={documents.value ?? []}
        pagination={false}
        locale={{ emptyText: t('viewer.noDocuments') }}
        onRow={(doc) => ({ onClick: () => open(doc), style: { cursor: 'pointer' }, 'data-testid': 'customer-document' }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('inbox.documentType'),
            key: 'type',
            render: (_, doc) => (
              // A real button, so that the keyboard reaches the document too.
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(doc)}>
                {types.name(doc.documentTypeId) ?? doc.documentTypeCode ?? doc.fileName ?? t('inbox.untitled')}
              </Button>
            ),
          },
          { title: t('inbox.policy'), dataIndex: 'policyNumber', width: 160, render: (v: string | null) => v && <Typography.Text code>{v}</Typography.Text> },
          { title: t('ingest.pages'), key: 'pages', width: 70, align: 'right', render: (_, doc) => doc.pages.length },
          { title: t('ingest.flagsTitle'), key: 'flags', width: 170, render: (_, doc) => <QualityFlags flags={doc.pages.flatMap((p) => p.flags)} /> },
          { title: t('viewer.filedAt'), key: 'filedAt', width: 170, render: (_, doc) => formats.dateTime(doc.filedAt ?? doc.createdAt) },
        ]}
      />
    </Card>
  );
}
