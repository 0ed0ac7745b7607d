import {
  AuditOutlined,
  FileSearchOutlined,
  InboxOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage, type Language } from '../../../shared/i18n/languages.js';
import { PlaceholderPage } from '../features/PlaceholderPage.js';
import { invoke, on } from '../ipc/client.js';
import { antdLocales } from './antd-locales.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { StatusBar } from './StatusBar.js';
import { type Section, useHashRoute } from './use-hash-route.js';

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
  const [section, navigate] = useHashRoute();

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

  return (
    <ConfigProvider locale={antdLocales[language]}>
      <AntApp>
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
                <LanguageSwitch value={language} onChange={changeLanguage} />
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 24 }}>
              <PlaceholderPage section={section} />
            </Layout.Content>
            <Layout.Footer style={{ padding: '8px 24px' }}>
              <StatusBar version={version} />
            </Layout.Footer>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
