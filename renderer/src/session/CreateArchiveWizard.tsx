import { Alert, Button, Card, Checkbox, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/ipc/contract.js';
import { invoke } from '../ipc/client.js';
import { useErrorMessage } from '../ipc/use-error-message.js';
import { type RecoveryDetails, RecoverySheet } from './RecoverySheet.js';

interface AccountValues {
  username: string;
  displayName: string;
  branchName: string;
  password: string;
  confirm: string;
}

/** First start: the administrator's account, then the recovery sheet, which must be acknowledged. */
export function CreateArchiveWizard({ onCreated }: { onCreated: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ user: SessionUser; sheet: RecoveryDetails } | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);

  const submit = async ({ confirm: _confirm, ...values }: AccountValues) => {
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('archive.create', values);
      setCreated({ user: result.user, sheet: { ...result, admin: result.user.displayName, createdAt: new Date() } });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('wizard.required') };
  return (
    <Card style={{ width: 640 }} data-testid="create-archive">
      <Typography.Title level={3}>{t('wizard.title')}</Typography.Title>
      <Steps current={created ? 1 : 0} items={[{ title: t('wizard.stepAccount') }, { title: t('wizard.stepRecovery') }]} style={{ marginBottom: 24 }} />
      {created ? (
        <>
          <RecoverySheet details={created.sheet} />
          <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="recovery-ack" style={{ margin: '16px 0' }}>
            {t('wizard.done')}
          </Checkbox>
          <Button type="primary" block disabled={!acknowledged} onClick={() => onCreated(created.user)} data-testid="wizard-continue">
            {t('wizard.continue')}
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph>{t('wizard.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="wizard-error" />}
          <Form<AccountValues> layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('wizard.username')} rules={[required, { pattern: /^[\p{L}\p{N}._-]+$/u, message: t('wizard.usernameRule') }]}>
              <Input autoComplete="username" data-testid="wizard-username" />
            </Form.Item>
            <Form.Item name="displayName" label={t('wizard.displayName')} rules={[required]}>
              <Input data-testid="wizard-display-name" />
            </Form.Item>
            <Form.Item name="branchName" label={t('wizard.branchName')} rules={[required]}>
              <Input data-testid="wizard-branch" />
            </Form.Item>
            <Form.Item name="password" label={t('wizard.password')} extra={t('wizard.passwordHint')} rules={[{ required: true, message: t('wizard.required') }]}>
              <Input.Password autoComplete="new-password" data-testid="wizard-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('wizard.confirm')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('wizard.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('wizard.mismatch')))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="wizard-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="wizard-create">
              {t('wizard.create')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
