import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/ipc/contract.js';
import { invoke } from '../ipc/client.js';
import { useErrorMessage } from '../ipc/use-error-message.js';

export function SignInForm({ notice, onSignedIn }: { notice?: string; onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await invoke('session.signIn', values));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('signIn.title')} style={{ width: 400 }} data-testid="sign-in">
      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('wizard.required') }]}>
          <Input autoComplete="username" autoFocus data-testid="sign-in-username" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('wizard.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </Card>
  );
}
