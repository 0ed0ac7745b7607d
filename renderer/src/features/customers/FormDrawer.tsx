import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

/** The side panel the customer and policy forms open in: title, content, cancel and save. */
export function FormDrawer({
  open,
  title,
  saving,
  onClose,
  onSave,
  cancelLabel,
  saveLabel,
  testId,
  children,
}: {
  open: boolean;
  title: string;
  saving: boolean;
  onClose: () => void;
  onSave: () => void;
  cancelLabel: string;
  saveLabel: string;
  /** Prefix of the test ids: `<testId>-cancel`, `<testId>-save`, `<testId>-form`. */
  testId: string;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      size={760}
      title={title}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid={`${testId}-cancel`}>
            {cancelLabel}
          </Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={`${testId}-save`}>
            {saveLabel}
          </Button>
        </Space>
      }
    >
      <div data-testid={`${testId}-form`}>{children}</div>
    </Drawer>
  );
}
