import { Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ingestsFiles } from '../../../shared/domain/access.js';
import type { Role } from '../../../shared/domain/roles.js';
import type { BackgroundTask } from '../../../shared/ipc/contract.js';
import { IngestStatus } from '../features/ingest/IngestStatus.js';
import { isActive, useBatches } from '../features/ingest/use-batches.js';
import { invoke, on } from '../ipc/client.js';

/** The label main gives the background task of a running batch. */
const ingestTaskLabel = 'ingest.task';

/** Background work (imports, OCR, backups) and running batches, shown at the foot of every page. */
export function StatusBar({ version, role }: { version: string; role: Role }) {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<BackgroundTask[]>([]);
  const showsBatches = ingestsFiles(role);
  const { batches } = useBatches({ enabled: showsBatches });
  useEffect(() => {
    void invoke('tasks.list', {}).then(setTasks);
    return on('tasks.changed', setTasks);
  }, []);
  // Running batches have their own entry, with a way to the batches page: their tasks would repeat it.
  const shown = showsBatches ? tasks.filter((task) => task.labelKey !== ingestTaskLabel) : tasks;
  const idle = shown.length === 0 && !(batches ?? []).some(isActive);
  return (
    <Space data-testid="status-bar" style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space>
        {idle && <Typography.Text type="secondary">{t('status.idle')}</Typography.Text>}
        {shown.map((task) => (
          <Space key={task.id}>
            <Typography.Text>{t('status.running', { label: t(task.labelKey), done: task.done, total: task.total })}</Typography.Text>
            <Progress size="small" style={{ width: 120 }} percent={task.total ? Math.round((task.done / task.total) * 100) : 0} />
          </Space>
        ))}
        <IngestStatus batches={batches ?? []} />
      </Space>
      <Typography.Text type="secondary">{t('status.version', { version })}</Typography.Text>
    </Space>
  );
}
