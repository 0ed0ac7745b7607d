import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roles } from '../../../../shared/domain/roles.js';
import type { MethodOutput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

type UserRow = MethodOutput<'users.list'>[number];

/** Administration → users: add, set passwords, remove. Main checks the role on every call. */
export function UsersPage({ currentUserId }: { currentUserId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [adding, setAdding] = useState(false);
  const [passwordFor, setPasswordFor] = useState<UserRow | null>(null);
  const [addForm] = Form.useForm<{ username: string; displayName: string; role: Role; password: string }>();
  const [passwordForm] = Form.useForm<{ password: string }>();

  const load = useCallback(() => invoke('users.list', {}).then(setUsers, (e: unknown) => message.error(errorMessage(e))), [message, errorMessage]);
  useEffect(() => void load(), [load]);

  const run = async (action: () => Promise<unknown>, after: () => void) => {
    try {
      await action();
      after();
      void message.success(t('users.saved'));
      await load();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const required = { required: true, whitespace: true, message: t('wizard.required') };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 16 }}>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="users-add">
          {t('users.add')}
        </Button>
      </Space>
      <Table<UserRow>
        rowKey="id"
        dataSource={users}
        pagination={false}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (role: Role) => t(`roles.${role}`) },
          { title: t('users.created'), dataIndex: 'createdAt', render: (value: string) => date.format(new Date(value)) },
          {
            title: t('users.status'),
            dataIndex: 'removedAt',
            render: (removedAt: string | null) => (removedAt ? <Tag>{t('users.removed')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          {
            title: t('users.actions'),
            render: (_, user) =>
              user.removedAt ? null : (
                <Space>
                  <Button size="small" onClick={() => setPasswordFor(user)}>
                    {t('users.resetPassword')}
                  </Button>
                  {user.id !== currentUserId && (
                    <Popconfirm title={t('users.removeConfirm')} onConfirm={() => run(() => invoke('users.remove', { userId: user.id }), () => undefined)}>
                      <Button size="small" danger>
                        {t('users.remove')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal open={adding} title={t('users.add')} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} destroyOnHidden>
        <Form
          form={addForm}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => run(() => invoke('users.add', values), () => (setAdding(false), addForm.resetFields()))}
        >
          <Form.Item name="username" label={t('users.username')} rules={[required, { pattern: /^[\p{L}\p{N}._-]+$/u, message: t('wizard.usernameRule') }]}>
            <Input data-testid="user-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[required]}>
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Select data-testid="user-role" options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} extra={t('wizard.passwordHint')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={passwordFor !== null} title={`${t('users.resetPassword')} · ${passwordFor?.displayName ?? ''}`} onCancel={() => setPasswordFor(null)} onOk={() => passwordForm.submit()} destroyOnHidden>
        <Form
          form={passwordForm}
          layout="vertical"
          requiredMark={false}
          onFinish={({ password }) => run(() => invoke('users.changePassword', { userId: passwordFor!.id, password }), () => (setPasswordFor(null), passwordForm.resetFields()))}
        >
          <Form.Item name="password" label={t('users.newPassword')} extra={t('wizard.passwordHint')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
