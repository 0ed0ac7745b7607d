import { App, Button, Card, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityPolicy } from '../../../../shared/domain/security-policy.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

const fields = [
  { name: 'idleLockMinutes', min: 0, max: 1440 },
  { name: 'minPasswordLength', min: 8, max: 128 },
  { name: 'slowAfterFailures', min: 0, max: 100 },
  { name: 'lockAfterFailures', min: 1, max: 100 },
  { name: 'lockMinutes', min: 0, max: 1440 },
] as const;

/** The administrator's settings for sign-in slow-down, lock-out and the idle lock. */
export function SecurityPolicyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<SecurityPolicy>();

  useEffect(() => {
    invoke('security.policy', {}).then((policy) => form.setFieldsValue(policy), (e: unknown) => void message.error(errorMessage(e)));
  }, [form, message, errorMessage]);

  const save = async (values: Partial<SecurityPolicy>) => {
    try {
      form.setFieldsValue(await invoke('security.setPolicy', values));
      void message.success(t('users.saved'));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <Card title={t('policy.title')} style={{ maxWidth: 560 }} data-testid="security-policy">
      <Form form={form} layout="vertical" onFinish={save}>
        {fields.map(({ name, min, max }) => (
          <Form.Item key={name} name={name} label={t(`policy.${name}`)} rules={[{ required: true, message: t('wizard.required') }]}>
            <InputNumber min={min} max={max} precision={0} data-testid={`policy-${name}`} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" data-testid="policy-save">
          {t('policy.save')}
        </Button>
      </Form>
    </Card>
  );
}
