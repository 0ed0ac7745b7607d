import { Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackgroundTask } from '../../../shared/ipc/contract.js';
import { invoke, on } from '../ipc/client.js';

/** Background work (imports, OCR, backups) reported by main, shown at the foot of every page. */
export function StatusBar({ version }: { version: string }) {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<BackgroundTask[]>([]);
  useEffect(() => {
    void invoke('tasks.list', {}).then(setTasks);
    return on('tasks.changed', setTasks);
  }, []);
  return (
    <Space data-testid="status-bar" style={{ width: '100%', justifyContent: 'space-between' }}>
      {tasks.length === 0 ? (
        <Typography.Text type="secondary">{t('status.idle')}</Typography.Text>
      ) : (
        tasks.map((task) => (
          <Space key={task.id}>
            <Typography.Text>{t('status.running', { label: t(task.labelKey), done: task.done, total: task.total })}</Typography.Text>
            <Progress size="small" style={{ width: 120 }} percent={task.total ? Math.round((task.done / task.total) * 100) : 0} />
          </Space>
        ))
      )}
      <Typography.Text type="secondary">{t('status.version', { version })}</Typography.Text>
    </Space>
  );
}
