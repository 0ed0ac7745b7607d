import { Alert, Button, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './recovery-sheet.css';

export interface RecoveryDetails {
  recoveryKey: string;
  sqlcipherPragma: string;
  qrSvg: string;
  admin: string;
  createdAt: Date;
}

/** The one showing of the recovery key, laid out to print on its own A4 sheet. */
export function RecoverySheet({ details }: { details: RecoveryDetails }) {
  const { t, i18n } = useTranslation();
  const groups = details.recoveryKey.match(/.{1,8}/g)!.join(' ');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(details.createdAt);
  return (
    <div className="recovery-sheet" data-testid="recovery-sheet">
      <Typography.Title level={3}>{t('recovery.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('recovery.createdAt', { date, admin: details.admin })}</Typography.Paragraph>
      <Alert type="warning" showIcon message={t('recovery.warning')} />
      <Typography.Title level={5}>{t('recovery.keyLabel')}</Typography.Title>
      <Typography.Paragraph code copyable={{ text: details.recoveryKey }} data-testid="recovery-key" className="recovery-key">
        {groups}
      </Typography.Paragraph>
      <Typography.Paragraph>{t('recovery.shellLabel')}</Typography.Paragraph>
      <Typography.Paragraph code className="recovery-key">{details.sqlcipherPragma}</Typography.Paragraph>
      <img
        className="recovery-qr"
        alt={t('recovery.keyLabel')}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(details.qrSvg)}`}
        width={220}
        height={220}
      />
      <div className="recovery-actions">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="recovery-print">
          {t('recovery.print')}
        </Button>
      </div>
    </div>
  );
}
