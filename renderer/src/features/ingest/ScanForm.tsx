import { ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Radio, Select, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { colorModes, type Scanner, type ScanOptions } from '../../../../shared/ipc/methods/ingest.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { minimumDpi } from './QualityFlags.js';

const resolutions: ScanOptions['resolution'][] = [150, 200, 300, 400, 600];

/**
 * Scans from a device attached to this computer: the pages arrive as a batch and show in the
 * batches list like any other. Warns below 200 dpi, which DA/T 31-2017 asks archives not to go.
 */
export function ScanForm({ onStarted }: { onStarted?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<ScanOptions>();
  const [scanners, setScanners] = useState<Scanner[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [scanning, setScanning] = useState(false);
  const deviceId = Form.useWatch('deviceId', form);
  const resolution = Form.useWatch('resolution', form);
  const source = Form.useWatch('source', form);
  const device = scanners?.find((s) => s.id === deviceId);

  const load = useCallback(
    () =>
      invoke('scanners.list', {}).then(
        (found) => {
          setScanners(found);
          setError(null);
          if (found.length === 1) form.setFieldsValue({ deviceId: found[0]!.id, source: found[0]!.feeder ? 'feeder' : 'flatbed' });
        },
        (e: unknown) => {
          setScanners([]);
          setError(e);
        },
      ),
    [form],
  );
  useEffect(() => void load(), [load]);
  const searchAgain = () => {
    setScanners(null);
    void load();
  };

  const scan = async (options: ScanOptions) => {
    setScanning(true);
    try {
      await invoke('scanners.scan', { ...options, duplex: options.duplex && options.source === 'feeder' });
      void message.success(
        <span>
          {t('scanners.started')} <Typography.Link href="#/inbox/batches">{t('ingest.showBatches')}</Typography.Link>
        </span>,
      );
      onStarted?.();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setScanning(false);
    }
  };

  return (
    <Form<ScanOptions>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ resolution: 300, colorMode: 'color', source: 'feeder', duplex: false }}
      onFinish={(values) => void scan(values)}
      data-testid="scan-form"
    >
      {error !== null && <Alert type="warning" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="scanners-error" />}
      <Form.Item label={t('scanners.device')} required>
        <Flex gap={8}>
          <Form.Item name="deviceId" noStyle rules={[{ required: true, message: t('validation.required') }]}>
            <Select<string>
              loading={scanners === null}
              placeholder={t('scanners.choose')}
              notFoundContent={t('scanners.none')}
              options={(scanners ?? []).map((s) => ({ value: s.id, label: s.name }))}
              onChange={(id) => {
                const chosen = scanners?.find((s) => s.id === id);
                if (chosen) form.setFieldsValue({ source: chosen.feeder ? 'feeder' : 'flatbed', duplex: false });
              }}
              data-testid="scan-device"
            />
          </Form.Item>
          <Button icon={<ReloadOutlined />} onClick={searchAgain} aria-label={t('scanners.search')} title={t('scanners.search')} />
        </Flex>
      </Form.Item>
      <Form.Item name="resolution" label={t('scanners.resolution')}>
        <Select options={resolutions.map((dpi) => ({ value: dpi, label: t('scanners.dpi', { dpi }) }))} data-testid="scan-resolution" />
      </Form.Item>
      {resolution !== undefined && resolution < minimumDpi && (
        <Alert type="warning" showIcon title={t('scanners.lowResolution')} style={{ marginBottom: 16 }} data-testid="scan-low-resolution" />
      )}
      <Form.Item name="colorMode" label={t('scanners.colorMode')}>
        <Radio.Group optionType="button" options={colorModes.map((mode) => ({ value: mode, label: t(`ingest.colorModes.${mode}`) }))} />
      </Form.Item>
      <Form.Item name="source" label={t('scanners.source')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'feeder', label: t('scanners.feeder'), disabled: device !== undefined && !device.feeder },
            { value: 'flatbed', label: t('scanners.flatbed') },
          ]}
        />
      </Form.Item>
      <Form.Item name="duplex" label={t('scanners.duplex')} valuePropName="checked">
        <Switch disabled={!device?.duplex || source !== 'feeder'} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<ScanOutlined />} loading={scanning} data-testid="scan-start">
        {t('scanners.scan')}
      </Button>
    </Form>
  );
}
