import { TeamOutlined } from '@ant-design/icons';
import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../shell/use-hash-route.js';

/**
 * The Documents section (`#/documents`): there is no archive-wide document list; documents are
 * found with the search box or through their customer, and open in the viewer.
 */
export function DocumentsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="page-documents">
      <Typography.Title level={3}>{t('pages.documents.title')}</Typography.Title>
      <Result
        status="info"
        title={t('viewer.findTitle')}
        subTitle={t('viewer.findHint')}
        extra={
          <Button icon={<TeamOutlined />} onClick={() => navigate('customers')} data-testid="documents-open-customers">
            {t('viewer.openCustomers')}
          </Button>
        }
      />
    </div>
  );
}
