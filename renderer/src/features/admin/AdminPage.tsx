import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/ipc/contract.js';
import { DocumentTypesPage } from '../document-types/DocumentTypesPage.js';
import { SecurityPolicyCard } from './SecurityPolicyCard.js';
import { UsersPage } from './UsersPage.js';

/** Administration: users and security for administrators; document types also for archivists. */
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
  ];
  return (
    <div data-testid="page-admin">
      <Typography.Title level={3}>{t('pages.admin.title')}</Typography.Title>
      <Tabs items={items} />
    </div>
  );
}
