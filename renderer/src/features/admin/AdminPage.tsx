import { Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/ipc/contract.js';
import { DocumentTypesPage } from '../document-types/DocumentTypesPage.js';
import { ScanForm } from '../ingest/ScanForm.js';
import { HotFoldersCard } from './HotFoldersCard.js';
import { IngestSettingsCard } from './IngestSettingsCard.js';
import { SecurityPolicyCard } from './SecurityPolicyCard.js';
import { UsersPage } from './UsersPage.js';

/** Administration: users and security for administrators; document types and scanning also for archivists. */
export function AdminPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const admin = user.role === 'admin';
  const items = [
    ...(admin
      ? [
          { key: 'users', label: t('adminTabs.users'), children: <UsersPage currentUserId={user.id} /> },
          { key: 'security', label: <span data-testid="tab-security">{t('adminTabs.security')}</span>, children: <SecurityPolicyCard /> },
        ]
      : []),
    { key: 'documentTypes', label: <span data-testid="tab-document-types">{t('adminTabs.documentTypes')}</span>, children: <DocumentTypesPage role={user.role} /> },
    {
      key: 'scanning',
      label: <span data-testid="tab-scanning">{t('scanners.adminTab')}</span>,
      children: (
        <Flex vertical gap={16}>
          <HotFoldersCard />
          <IngestSettingsCard />
          <Card size="small" title={t('scanners.title')} style={{ maxWidth: 560 }} data-testid="scanners">
            <ScanForm />
          </Card>
        </Flex>
      ),
    },
  ];
  return (
    <div data-testid="page-admin">
      <Typography.Title level={3}>{t('pages.admin.title')}</Typography.Title>
      <Tabs items={items} />
    </div>
  );
}
