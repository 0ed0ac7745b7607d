import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageInfo } from '../../../../shared/ipc/methods/ingest.js';
import { minimumDpi, QualityFlags } from '../ingest/QualityFlags.js';

/** What is known about one page: resolution, size, colour, where its text came from, quality. */
export function PageDetails({ page }: { page: PageInfo }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">-</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="page-details"
      items={[
        {
          key: 'dpi',
          label: t('viewer.dpi'),
          children: page.dpi === null ? none : <Typography.Text type={page.dpi < minimumDpi ? 'warning' : undefined}>{t('scanners.dpi', { dpi: page.dpi })}</Typography.Text>,
        },
        { key: 'size', label: t('viewer.pixels'), children: page.width && page.height ? `${page.width} × ${page.height}` : none },
        { key: 'colorMode', label: t('viewer.colorMode'), children: page.colorMode ? t(`ingest.colorModes.${page.colorMode}`) : none },
        { key: 'text', label: t('viewer.textSource'), children: page.textSource ? t(`viewer.textSources.${page.textSource}`) : none },
        { key: 'flags', label: t('ingest.flagsTitle'), children: page.flags.length > 0 ? <QualityFlags flags={page.flags} /> : none },
      ]}
    />
  );
}
