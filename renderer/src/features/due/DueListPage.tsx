import { Alert, App, Button, Form, InputNumber, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/domain/roles.js';
import type { MethodOutput } from '../../../../shared/ipc/contract.js';
import { type DueFilter, dueFilters, type DueRow, type DueRules } from '../../../../shared/ipc/methods/checklists.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

const pageSize = 50;

const ruleFields: { name: keyof DueRules; min: number; max: number }[] = [
  { name: 'firstVerificationMonths', min: 1, max: 120 },
  { name: 'highValueMonths', min: 1, max: 120 },
  { name: 'otherMonths', min: 1, max: 120 },
  { name: 'afterEventDays', min: 1, max: 3650 },
  { name: 'dueSoonDays', min: 0, max: 365 },
];

/**
 * Flow 5, report 2: customers whose information is due or overdue for re-verification, earliest
 * first, with the days overdue. Administrators also edit the rules behind the dates.
 */
export function DueListPage({ role, agentId, onOpenCustomer }: { role: Role; agentId?: string; onOpenCustomer?: (customerId: string) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [filter, setFilter] = useState<DueFilter>('all');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<MethodOutput<'due.list'> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [rulesForm] = Form.useForm<DueRules>();

  // Loading starts in the handlers that change the query, not here: no state is set synchronously in the effect.
  const load = useCallback(() => {
    return invoke('due.list', { filter, limit: pageSize, offset: (page - 1) * pageSize, ...(agentId ? { agentId } : {}) })
      .then(
        (value) => {
          setResult(value);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e),
      )
      .finally(() => setLoading(false));
  }, [filter, page, agentId]);
  useEffect(() => void load(), [load]);

  const openRules = async () => {
    try {
      rulesForm.setFieldsValue(await invoke('due.rules', {}));
      setRulesOpen(true);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const saveRules = async (values: DueRules) => {
    try {
      await invoke('due.setRules', values);
      void message.success(t('due.rules.saved'));
      setRulesOpen(false);
      setLoading(true);
      await load();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const showDate = (value: string) => date.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
  const daysTag = (days: number) => {
    if (days > 0) return <Tag color="red">{t('due.overdueBy', { days })}</Tag>;
    if (days === 0) return <Tag color="orange">{t('due.dueToday')}</Tag>;
    return <Tag color="blue">{t('due.dueIn', { days: -days })}</Tag>;
  };

  return (
    <div data-testid="page-due">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('due.title')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text>{t('due.filter')}</Typography.Text>
          <Segmented<DueFilter>
            value={filter}
            onChange={(value) => {
              setLoading(true);
              setFilter(value);
              setPage(1);
            }}
            options={dueFilters.map((f) => ({ value: f, label: <span data-testid={`due-filter-${f}`}>{t(`due.filters.${f}`)}</span> }))}
            data-testid="due-filter"
          />
          {role === 'admin' && (
            <Button onClick={() => void openRules()} data-testid="due-rules-open">
              {t('due.rules.title')}
            </Button>
          )}
        </Space>
      </Space>
      {loadError !== null && <Alert type="error" showIcon title={errorMessage(loadError)} style={{ marginBottom: 16 }} data-testid="due-error" />}
      <Table<DueRow>
        rowKey="customerId"
        loading={loading}
        dataSource={result?.rows ?? []}
        size="middle"
        data-testid="due-table"
        locale={{ emptyText: t('due.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('due.total', { total }),
          onChange: (next) => {
            setLoading(true);
            setPage(next);
          },
        }}
        columns={[
          {
            title: t('due.customer'),
            dataIndex: 'name',
            render: (name: string, row) =>
              onOpenCustomer ? (
                <Typography.Link onClick={() => onOpenCustomer(row.customerId)} data-testid={`due-customer-${row.customerId}`}>
                  {name}
                </Typography.Link>
              ) : (
                <span data-testid={`due-customer-${row.customerId}`}>{name}</span>
              ),
          },
          { title: t('due.agent'), dataIndex: 'agentName', render: (name: string | null) => name ?? '—' },
          { title: t('due.nextUpdateDue'), dataIndex: 'nextUpdateDue', render: (value: string) => showDate(value) },
          {
            title: t('due.lastVerifiedAt'),
            dataIndex: 'lastVerifiedAt',
            render: (value: string | null) => (value ? showDate(value) : <Typography.Text type="secondary">{t('due.never')}</Typography.Text>),
          },
          { title: t('due.daysOverdue'), dataIndex: 'daysOverdue', render: (days: number) => daysTag(days) },
        ]}
      />
      <Modal open={rulesOpen} title={t('due.rules.title')} onCancel={() => setRulesOpen(false)} onOk={() => rulesForm.submit()} okText={t('due.rules.save')} forceRender>
        <Form form={rulesForm} layout="vertical" onFinish={saveRules} data-testid="due-rules-form">
          {ruleFields.map(({ name, min, max }) => (
            <Form.Item key={name} name={name} label={t(`due.rules.${name}`)} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={min} max={max} precision={0} data-testid={`due-rule-${name}`} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
}
