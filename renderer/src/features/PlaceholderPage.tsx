import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Section } from '../shell/use-hash-route.js';

/** Stands in for a section until its issue builds it. */
export function PlaceholderPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`page-${section}`}>
      <Typography.Title level={3}>{t(`pages.${section}.title`)}</Typography.Title>
      <Empty description={t(`pages.${section}.empty`)} />
    </div>
  );
}
