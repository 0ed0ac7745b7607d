import { App, type ButtonProps, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';
import { CustomerPicker } from '../customers/CustomerPicker.js';
import { reasonText } from './ProposalSummary.js';

interface Filing {
  customerId?: string;
  policyId?: string | null;
  documentTypeId?: string;
}

/**
 * "Correct": files an inbox document under the customer, policy and type the user chooses,
 * starting from the proposal. The proposed customer and the other candidates are offered first,
 * each with why it was found.
 */
export function FilingModal({
  item,
  typeOptions,
  onClose,
  onFiled,
}: {
  item: InboxItem;
  typeOptions: { value: string; label: string }[];
  onClose: () => void;
  onFiled: (customerName: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Filing>();
  const [saving, setSaving] = useState(false);
  const { proposal } = item;
  const candidates = [...(proposal.customer ? [proposal.customer] : []), ...proposal.alternatives].map((c) => ({ id: c.id, name: c.name, detail: reasonText(t, c.reason) }));
  const customerId = Form.useWatch('customerId', form);
  const policies = useInvoke('policies.forCustomer', customerId ? { customerId } : null);

  const file = async ({ customerId: customer, policyId, documentTypeId }: Filing) => {
    setSaving(true);
    try {
      const filed = await invoke('inbox.confirm', { documentId: item.documentId, customerId: customer!, policyId: policyId ?? null, documentTypeId: documentTypeId! });
      onFiled(filed.customerName ?? '');
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('inbox.correctTitle', { name: item.fileName ?? t('inbox.untitled') })}
      okText={t('inbox.file')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'filing-save' } as ButtonProps}
      width={560}
    >
      <Form<Filing>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ customerId: proposal.customer?.id, policyId: proposal.policy?.id ?? null, documentTypeId: proposal.documentType?.id }}
        onValuesChange={(changed: Filing) => {
          // A policy belongs to one customer: choosing another customer clears it.
          if ('customerId' in changed) form.setFieldValue('policyId', null);
        }}
        onFinish={(values) => void file(values)}
        data-testid="filing-form"
      >
        <Form.Item name="customerId" label={t('inbox.customer')} rules={required}>
          <CustomerPicker known={candidates} testId="filing-customer" />
        </Form.Item>
        <Form.Item name="policyId" label={t('inbox.policy')}>
          <Select<string | null>
            allowClear
            disabled={!customerId}
            loading={policies.loading}
            placeholder={t('inbox.noPolicy')}
            options={(policies.value ?? []).map((p) => ({ value: p.id, label: `${p.policyNumber} · ${p.productName}` }))}
            data-testid="filing-policy"
          />
        </Form.Item>
        <Form.Item name="documentTypeId" label={t('inbox.documentType')} rules={required}>
          <Select<string> showSearch={{ optionFilterProp: 'label' }} options={typeOptions} placeholder={t('inbox.chooseType')} data-testid="filing-type" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
