import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverSheet as CoverSheetContent } from '../../../../shared/ipc/methods/ingest.js';
import type { PolicyView } from '../../../../shared/ipc/methods/records.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { PrintArea } from '../../shell/PrintArea.js';
import { useDocumentTypes } from '../document-types/use-document-types.js';
import { CoverSheet } from './CoverSheet.js';

interface Choice {
  documentTypeId: string;
  policyId: string | null;
}

/**
 * "Print cover sheet" for a customer, or for one of their policies: choose what the bundle is,
 * then print the sheet that goes on top of it.
 */
export function CoverSheetAction({ customerId, policies, policyId = null, small = false }: { customerId: string; policies: PolicyView[]; policyId?: string | null; small?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    // React passes events up through portals: clicks in the dialog must not reach the policy row around it.
    <span onClick={(event) => event.stopPropagation()}>
      <Button size={small ? 'small' : undefined} icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="cover-sheet-open">
        {t('coverSheet.action')}
      </Button>
      {open && <CoverSheetDialog customerId={customerId} policies={policies} policyId={policyId} onClose={() => setOpen(false)} />}
    </span>
  );
}

function CoverSheetDialog({ customerId, policies, policyId, onClose }: { customerId: string; policies: PolicyView[]; policyId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const types = useDocumentTypes();
  const [form] = Form.useForm<Choice>();
  const [creating, setCreating] = useState(false);
  const [sheet, setSheet] = useState<CoverSheetContent | null>(null);

  const create = async (choice: Choice) => {
    setCreating(true);
    try {
      setSheet(await invoke('coverSheets.create', { customerId, policyId: choice.policyId ?? null, documentTypeId: choice.documentTypeId }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  const content = sheet && <CoverSheet sheet={sheet} typeName={types.name(sheet.documentTypeId) ?? sheet.documentTypeCode} />;
  return (
    <Modal
      open
      width={sheet ? 760 : 520}
      title={t('coverSheet.action')}
      onCancel={onClose}
      footer={
        sheet ? (
          <>
            <Button onClick={() => setSheet(null)}>{t('coverSheet.back')}</Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="cover-sheet-print">
              {t('coverSheet.print')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>{t('coverSheet.cancel')}</Button>
            <Button type="primary" loading={creating} onClick={() => form.submit()} data-testid="cover-sheet-create">
              {t('coverSheet.create')}
            </Button>
          </>
        )
      }
    >
      {sheet ? (
        <>
          <div data-testid="cover-sheet-preview">{content}</div>
          <PrintArea>
            <div className="print-sheet">{content}</div>
          </PrintArea>
        </>
      ) : (
        <Form<Choice> form={form} layout="vertical" requiredMark={false} initialValues={{ policyId }} onFinish={(choice) => void create(choice)} data-testid="cover-sheet-form">
          <Form.Item name="documentTypeId" label={t('inbox.documentType')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select<string> showSearch={{ optionFilterProp: 'label' }} options={types.options} placeholder={t('inbox.chooseType')} data-testid="cover-sheet-type" />
          </Form.Item>
          <Form.Item name="policyId" label={t('inbox.policy')}>
            <Select<string | null>
              allowClear
              placeholder={t('inbox.noPolicy')}
              options={policies.map((p) => ({ value: p.id, label: `${p.policyNumber} · ${p.productName}` }))}
              data-testid="cover-sheet-policy"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
