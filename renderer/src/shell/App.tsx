import { AuditOutlined, FileSearchOutlined, InboxOutlined, LogoutOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ingestsFiles } from '../../../shared/domain/access.js';
import { defaultLanguage, type Language } from '../../../shared/i18n/languages.js';
import type { SessionUser } from '../../../shared/ipc/contract.js';
import { AdminPage } from '../features/admin/AdminPage.js';
import { CustomerDetail } from '../features/customers/CustomerDetail.js';
import { CustomersPage } from '../features/customers/CustomersPage.js';
import { DueListPage } from '../features/due/DueListPage.js';
import { InboxSection } from '../features/inbox/InboxSection.js';
import { DropZone } from '../features/ingest/DropZone.js';
import { PoliciesPage } from '../features/policies/PoliciesPage.js';
import { PlaceholderPage } from '../features/PlaceholderPage.js';
import { ReportsSection } from '../features/reports/ReportsSection.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { DocumentsPage } from '../features/viewer/DocumentsPage.js';
import { ViewerPage } from '../features/viewer/ViewerPage.js';
import { invoke, on } from '../ipc/client.js';
import { SessionGate } from '../session/SessionGate.js';
import { antdLocales } from './antd-locales.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { StatusBar } from './StatusBar.js';
import { navigate, type Section, useHashRoute } from './use-hash-route.js';

const icons: Record<Section, ReactNode> = {
  customers: <TeamOutlined />,
  inbox: <InboxOutlined />,
  documents: <FileSearchOutlined />,
  reports: <AuditOutlined />,
  admin: <SettingOutlined />,
};

export function App() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(defaultLanguage);
  const [version, setVersion] = useState('');

  useEffect(() => {
    void invoke('settings.get', {}).then((settings) => setLanguage(settings.language));
    void invoke('app.info', {}).then((info) => setVersion(info.version));
    return on('settings.changed', (settings) => setLanguage(settings.language));
  }, []);

  useEffect(() => {
    void i18n.changeLanguage(language).then(() => {
      document.documentElement.lang = language;
      document.title = i18n.t('app.name');
    });
  }, [language, i18n]);

  const changeLanguage = (next: Language) => {
    void invoke('settings.setLanguage', { language: next }).then((settings) => setLanguage(settings.language));
  };
  const languageSwitch = <LanguageSwitch value={language} onChange={changeLanguage} />;

  return (
    <ConfigProvider locale={antdLocales[language]}>
      <AntApp>
        <SessionGate
          frame={(content) => (
            <Layout style={{ minHeight: '100vh' }}>
              <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="app-name">
                  {t('app.name')}
                </Typography.Title>
                {languageSwitch}
              </Layout.Header>
              <Layout.Content style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: 24 }}>{content}</Layout.Content>
            </Layout>
          )}
        >
          {(user) => <Shell user={user} version={version} languageSwitch={languageSwitch} />}
        </SessionGate>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell({ user, version, languageSwitch }: { user: SessionUser; version: string; languageSwitch: ReactNode }) {
  const { t } = useTranslation();
  const [section, , subPath] = useHashRoute();
  return (
    <DropZone enabled={ingestsFiles(user.role)}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider theme="light" width={200}>
          <Typography.Title level={4} style={{ padding: '16px 24px', margin: 0 }} data-testid="app-name">
            {t('app.name')}
          </Typography.Title>
          <Menu
            mode="inline"
            selectedKeys={[section]}
            onClick={({ key }) => navigate(key as Section)}
            items={Object.entries(icons).map(([key, icon]) => ({
              key,
              icon,
              label: <span data-testid={`nav-${key}`}>{t(`nav.${key as Section}`)}</span>,
            }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end' }}>
            <Space>
              <SearchBox />
              <Typography.Text data-testid="current-user">
                <UserOutlined /> {user.displayName} · {t(`roles.${user.role}`)}
              </Typography.Text>
              {languageSwitch}
              <Button icon={<LogoutOutlined />} onClick={() => void invoke('session.signOut', {})} data-testid="sign-out">
                {t('session.signOut')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <SectionPage section={section} subPath={subPath} user={user} />
          </Layout.Content>
          <Layout.Footer style={{ padding: '8px 24px' }}>
            <StatusBar version={version} role={user.role} />
          </Layout.Footer>
        </Layout>
      </Layout>
    </DropZone>
  );
}

/**
 * The open section; inside Customers, the list (`#/customers`) or one customer (`#/customers/<id>`);
 * inside Documents, the viewer for one document (`#/documents/<id>`); inside Reports, the list and
 * KPI dashboard (`#/reports`), the dashboard alone (`#/reports/kpi`) or one report (`#/reports/<id>`).
 */
function SectionPage({ section, subPath, user }: { section: Section; subPath: string; user: SessionUser }) {
  if (section === 'customers' && subPath === 'policies') return <PoliciesPage />;
  if (section === 'customers' && subPath === 'due') return <DueListPage role={user.role} onOpenCustomer={(id) => navigate('customers', id)} />;
  if (section === 'customers') return subPath ? <CustomerDetail key={subPath} customerId={subPath} role={user.role} /> : <CustomersPage role={user.role} />;
  if (section === 'inbox') return <InboxSection tab={subPath} role={user.role} />;
  if (section === 'documents') return subPath ? <ViewerPage key={subPath} documentId={subPath} /> : <DocumentsPage />;
  if (section === 'reports') return <ReportsSection subPath={subPath} />;
  if (section === 'admin' && (user.role === 'admin' || user.role === 'archivist')) return <AdminPage user={user} />;
  return <PlaceholderPage section={section} />;
}
