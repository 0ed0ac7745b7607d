import { Empty, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ingestsFiles, managesQuarantine, reviewsInbox } from '../../../../shared/domain/access.js';
import type { Role } from '../../../../shared/domain/roles.js';
import { navigate } from '../../shell/use-hash-route.js';
import { BatchesPage } from '../ingest/BatchesPage.js';
import { QuarantinePage } from '../quarantine/QuarantinePage.js';
import { InboxPage } from './InboxPage.js';

/**
 * The Inbox section: unfiled documents (`#/inbox`), batches (`#/inbox/batches`) and, for
 * archivists, the quarantine (`#/inbox/quarantine`), as the role allows.
 */
export function InboxSection({ tab, role }: { tab: string; role: Role }) {
  const { t } = useTranslation();
  const tabs = [
    ...(reviewsInbox(role) ? [{ key: 'inbox', path: '', label: t('inbox.tab'), children: <InboxPage /> }] : []),
    ...(ingestsFiles(role) ? [{ key: 'batches', path: 'batches', label: t('ingest.tab'), children: <BatchesPage role={role} /> }] : []),
    ...(managesQuarantine(role) ? [{ key: 'quarantine', path: 'quarantine', label: t('quarantine.tab'), children: <QuarantinePage /> }] : []),
  ];
  const active = tabs.find((item) => item.path === tab) ?? tabs[0];
  return (
    <div data-testid="page-inbox">
      <Typography.Title level={3}>{t('pages.inbox.title')}</Typography.Title>
      {active ? (
        <Tabs
          activeKey={active.key}
          onChange={(key) => navigate('inbox', tabs.find((item) => item.key === key)?.path)}
          destroyOnHidden
          items={tabs.map(({ key, label, children }) => ({ key, label: <span data-testid={`tab-${key}`}>{label}</span>, children }))}
        />
      ) : (
        <Empty description={t('inbox.notForRole')} />
      )}
    </div>
  );
}
