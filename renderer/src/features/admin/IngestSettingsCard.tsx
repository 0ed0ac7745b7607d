import { Alert, App, Card, Form, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IngestSettings } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';

const switches = ['ocr', 'traditionalChinese'] as const;

/** Whether scans are read by OCR, and in which languages; each switch is saved as it is flipped. */
export function IngestSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const stored = useInvoke('ingest.settings', {});
  /** The settings as main returned them after the last change here. */
  const [saved, setSaved] = useState<IngestSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const settings = saved ?? stored.value;

  const change = async (changes: Partial<IngestSettings>) => {
    setSaving(true);
    try {
      setSaved(await invoke('ingest.setSettings', changes));
      void message.success(t('ingest.settings.saved'));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('ingest.settings.title')} style={{ maxWidth: 560 }} loading={stored.loading} data-testid="ingest-settings">
      {stored.error !== null && <Alert type="error" showIcon title={errorMessage(stored.error)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        {switches.map((name) => (
          <Form.Item key={name} label={t(`ingest.settings.${name}`)} extra={t(`ingest.settings.${name}Hint`)}>
            <Switch
              checked={settings?.[name] ?? false}
              disabled={saving || (name === 'traditionalChinese' && settings?.ocr === false)}
              onChange={(checked) => void change({ [name]: checked })}
              data-testid={`ingest-setting-${name}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Card>
  );
}
