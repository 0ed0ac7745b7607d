import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotFolder } from '../../../../shared/ipc/methods/ingest.js';
import { IpcCallError, invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { useInvoke } from '../../ipc/use-invoke.js';

type FolderFields = Pick<HotFolder, 'name' | 'mode' | 'intervalSeconds' | 'stabilitySeconds'>;

/**
 * Hot folders (administrators and archivists): folders Dossier takes new scans from. Main opens
 * the folder dialog itself, so the renderer never names a path. Network shares send no change
 * notifications and are polled instead of watched.
 */
export function HotFoldersCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const folders = useInvoke('hotFolders.list', {});
  /** The folder form: a new folder, or the folder to edit. */
  const [editing, setEditing] = useState<HotFolder | 'new' | null>(null);
  const [noDialog, setNoDialog] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FolderFields>();
  const mode = Form.useWatch('mode', form);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      folders.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const open = (folder: HotFolder | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      folder === 'new' ? { mode: 'watch' } : { name: folder.name, mode: folder.mode, intervalSeconds: folder.intervalSeconds, stabilitySeconds: folder.stabilitySeconds },
    );
    setNoDialog(false);
    setEditing(folder);
  };
  const save = async (fields: FolderFields) => {
    setSaving(true);
    try {
      if (editing === 'new') {
        // Null: the user closed main's folder dialog without choosing.
        const added = await invoke('hotFolders.add', { name: fields.name, mode: fields.mode });
        if (added === null) return;
      } else if (editing !== null) {
        await invoke('hotFolders.update', { id: editing.id, ...fields });
      }
      setEditing(null);
      folders.reload();
    } catch (e) {
      if (e instanceof IpcCallError && e.error.code === 'NOT_AVAILABLE') setNoDialog(true);
      else void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('hotFolders.title')}
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="hot-folder-add">
          {t('hotFolders.add')}
        </Button>
      }
      data-testid="hot-folders"
    >
      {folders.error !== null && <Alert type="error" showIcon title={errorMessage(folders.error)} style={{ marginBottom: 12 }} />}
      <Table<HotFolder>
        rowKey="id"
        size="small"
        loading={folders.loading}
        dataSource={folders.value ?? []}
        pagination={false}
        locale={{ emptyText: t('hotFolders.empty') }}
        onRow={(folder) => ({ 'data-testid': 'hot-folder-row', 'data-folder-id': folder.id }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 900 }}
        columns={[
          { title: t('hotFolders.name'), dataIndex: 'name', width: 150 },
          { title: t('hotFolders.path'), dataIndex: 'path', ellipsis: true, render: (path: string) => <Typography.Text code>{path}</Typography.Text> },
          {
            title: t('hotFolders.mode'),
            key: 'mode',
            width: 170,
            render: (_, folder) => (folder.mode === 'poll' ? t('hotFolders.pollEvery', { seconds: folder.intervalSeconds }) : t('hotFolders.modes.watch')),
          },
          { title: t('hotFolders.stability'), dataIndex: 'stabilitySeconds', width: 110, render: (seconds: number) => t('hotFolders.seconds', { seconds }) },
          {
            title: t('hotFolders.enabled'),
            dataIndex: 'enabled',
            width: 90,
            render: (enabled: boolean, folder) => (
              <Switch
                size="small"
                checked={enabled}
                aria-label={t('hotFolders.enabled')}
                onChange={(checked) => void run(() => invoke('hotFolders.update', { id: folder.id, enabled: checked }))}
                data-testid="hot-folder-enabled"
              />
            ),
          },
          {
            title: t('hotFolders.problemTitle'),
            dataIndex: 'problem',
            width: 200,
            render: (problem: string | null) => problem && <Tag color="red">{t(`hotFolders.problem.${problem}`, { defaultValue: problem })}</Tag>,
          },
          {
            title: t('hotFolders.actions'),
            key: 'actions',
            width: 170,
            render: (_, folder) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => open(folder)} data-testid="hot-folder-edit">
                  {t('hotFolders.edit')}
                </Button>
                <Popconfirm title={t('hotFolders.removeConfirm')} okText={t('hotFolders.remove')} okButtonProps={{ danger: true }} onConfirm={() => run(() => invoke('hotFolders.remove', { id: folder.id }))}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('hotFolders.remove')} data-testid="hot-folder-remove" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('hotFolders.add') : t('hotFolders.editTitle')}
        okText={editing === 'new' ? t('hotFolders.chooseFolder') : t('hotFolders.save')}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'hot-folder-save' } as ButtonProps}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {noDialog && <Alert type="info" showIcon title={t('hotFolders.noDialog')} style={{ marginBottom: 16 }} data-testid="hot-folder-no-dialog" />}
        <Form<FolderFields> form={form} layout="vertical" requiredMark={false} onFinish={(fields) => void save(fields)} data-testid="hot-folder-form">
          <Form.Item name="name" label={t('hotFolders.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
            <Input maxLength={100} data-testid="hot-folder-name" />
          </Form.Item>
          <Form.Item name="mode" label={t('hotFolders.mode')} extra={t('hotFolders.modeHint')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'watch', label: t('hotFolders.modes.watch') },
                { value: 'poll', label: t('hotFolders.modes.poll') },
              ]}
            />
          </Form.Item>
          {editing !== 'new' && (
            <Space size="large" align="start" wrap>
              <Form.Item name="intervalSeconds" label={t('hotFolders.interval')} hidden={mode !== 'poll'}>
                <InputNumber min={1} max={3600} precision={0} suffix={t('hotFolders.secondsUnit')} />
              </Form.Item>
              <Form.Item name="stabilitySeconds" label={t('hotFolders.stability')} extra={t('hotFolders.stabilityHint')} style={{ maxWidth: 300 }}>
                <InputNumber min={1} max={600} precision={0} suffix={t('hotFolders.secondsUnit')} />
              </Form.Item>
            </Space>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
