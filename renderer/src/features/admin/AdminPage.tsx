import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SecurityPolicyCard } from './SecurityPolicyCard.js';
import { UsersPage } from './UsersPage.js';

export function AdminPage({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="page-admin">
      <Typography.Title level={3}>{t('pages.admin.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'users', label: t('adminTabs.users'), children: <UsersPage currentUserId={currentUserId} /> },
          { key: 'security', label: <span data-testid="tab-security">{t('adminTabs.security')}</span>, children: <SecurityPolicyCard /> },
        ]}
      />
    </div>
  );
}
