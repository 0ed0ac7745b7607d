import { ScanOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScanForm } from './ScanForm.js';

/** "Scan…" beside the import button: the scan form in a dialog that closes once scanning starts. */
export function ScanButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ScanOutlined />} onClick={() => setOpen(true)} data-testid="scan-open">
        {t('scanners.scanEllipsis')}
      </Button>
      <Modal open={open} title={t('scanners.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ScanForm onStarted={() => setOpen(false)} />
      </Modal>
    </>
  );
}
