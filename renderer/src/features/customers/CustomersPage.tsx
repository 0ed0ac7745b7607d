import { ClockCircleOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Select, Space, Table, type TableProps, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editsRecords } from '../../../../shared/domain/access.js';
import { type CustomerType, customerTypes } from '../../../../shared/domain/customer.js';
import type { Role } from '../../../../shared/domain/roles.js';
import type { CustomerRow, customerSortFields } from '../../../../shared/ipc/methods/records.js';
import { invoke } from '../../ipc/client.js';
import { AgentBranchFilters, CompletenessFilter, useFilters } from '../lists/ListFilters.js';
import { useInfiniteList } from '../lists/use-infinite-list.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { CustomerForm } from './CustomerForm.js';
import { enumOptions, localToday, useFormats } from './form-support.js';

/** Rows per `customers.list` call; more are fetched as the user scrolls towards the end. */
export const customerPageSize = 200;
const dueSoonDays = 14;

type SortField = (typeof customerSortFields)[number];
interface Sort {
  field: SortField;
  order: 'asc' | 'desc';
}
interface Filters {
  type?: CustomerType;
  agentId?: string;
  branchId?: string;
  completenessBelow?: number;
  due?: 'due' | 'overdue';
}
const defaultSort: Sort = { field: 'createdAt', order: 'desc' };

/**
 * The customer list (`#/customers`): filters, server-side sorting and a virtual table that loads
 * 200 rows at a time as the user scrolls, so it stays smooth with 100,000 customers (only the
 * visible rows are rendered).
 */
export function CustomersPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const [filters, setFilter] = useFilters<Filters>();
  const [sort, setSort] = useState<Sort>(defaultSort);
  const [creating, setCreating] = useState({ open: false, key: 0 });
  const { rows, total, loading, error: loadError, height, table, onScroll } = useInfiniteList(
    (query: { offset: number; limit: number; sort: Sort; filters: Filters }) => invoke('customers.list', query),
    sort,
    filters,
    customerPageSize,
  );

  const onChange: TableProps<CustomerRow>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (s?.order && s.columnKey) setSort({ field: s.columnKey as SortField, order: s.order === 'ascend' ? 'asc' : 'desc' });
    else setSort(defaultSort);
  };
  const sortOrder = (field: SortField) => (sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const today = localToday();
  const soon = localToday(dueSoonDays);

  const columns: TableProps<CustomerRow>['columns'] = [
    {
      title: t('customers.columns.name'),
      dataIndex: 'name',
      key: 'name',
      width: 180,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { title: t('customers.columns.type'), dataIndex: 'type', key: 'type', width: 80, render: (type: CustomerType) => t(`enums.customerTypes.${type}`) },
    {
      title: t('customers.columns.identifier'),
      key: 'identifier',
      width: 190,
      render: (_, row) => <Typography.Text style={{ fontFamily: 'monospace' }}>{row.idNumber ?? row.creditCode ?? ''}</Typography.Text>,
    },
    { title: t('customers.columns.mobile'), dataIndex: 'mobile', key: 'mobile', width: 130, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? ''}</span> },
    { title: t('customers.columns.agent'), dataIndex: 'agentName', key: 'agent', width: 110, ellipsis: true },
    {
      title: t('customers.columns.completeness'),
      dataIndex: 'completeness',
      key: 'completeness',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('completeness'),
      render: (v: number) => <Progress percent={v} size="small" status={v === 100 ? 'success' : 'normal'} style={{ margin: 0, width: 120 }} />,
    },
    {
      title: t('customers.columns.nextUpdateDue'),
      dataIndex: 'nextUpdateDue',
      key: 'nextUpdateDue',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('nextUpdateDue'),
      render: (v: string | null) =>
        v ? <Typography.Text type={v < today ? 'danger' : v <= soon ? 'warning' : undefined}>{formats.date(v)}</Typography.Text> : null,
    },
    {
      title: t('customers.fields.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 130,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (v: string) => formats.date(v.slice(0, 10)),
    },
  ];


  return (
    <div data-testid="page-customers" data-loaded={rows.length} data-total={total ?? ''}>
      <Typography.Title level={3}>{t('pages.customers.title')}</Typography.Title>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select<CustomerType>
            allowClear
            style={{ width: 150 }}
            placeholder={t('customers.filters.type')}
            value={filters.type}
            onChange={(v) => setFilter('type', v)}
            options={enumOptions(t, 'customerTypes', customerTypes) as { value: CustomerType; label: string }[]}
            data-testid="customers-filter-type"
          />
          <AgentBranchFilters agentId={filters.agentId} branchId={filters.branchId} onChange={setFilter} />
          <CompletenessFilter value={filters.completenessBelow} onChange={(v) => setFilter('completenessBelow', v)} />
          <Select<'due' | 'overdue'>
            allowClear
            style={{ width: 170 }}
            placeholder={t('customers.filters.due')}
            value={filters.due}
            onChange={(v) => setFilter('due', v)}
            options={[
              { value: 'due', label: t('customers.filters.dueSoon') },
              { value: 'overdue', label: t('customers.filters.overdue') },
            ]}
            data-testid="customers-filter-due"
          />
          {total !== null && (
            <Typography.Text type="secondary" data-testid="customers-total">
              {t('customers.total', { total })}
              {rows.length < total && ` · ${t('customers.loadedOf', { loaded: rows.length, total })}`}
            </Typography.Text>
          )}
        </Space>
        <Space>
          <Button icon={<FileTextOutlined />} onClick={() => navigate('customers', 'policies')} data-testid="customers-policy-list">
            {t('lists.policies')}
          </Button>
          <Button icon={<ClockCircleOutlined />} onClick={() => navigate('customers', 'due')} data-testid="customers-due-list">
            {t('due.title')}
          </Button>
          {editsRecords(role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating((c) => ({ open: true, key: c.key + 1 }))} data-testid="customers-new">
              {t('customers.new')}
            </Button>
          )}
        </Space>
      </Flex>
      {loadError !== null && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(loadError)} data-testid="customers-error" />}
      <Table<CustomerRow>
        ref={table}
        virtual
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        loading={loading}
        scroll={{ x: 1110, y: height }}
        onScroll={onScroll}
        onChange={onChange}
        showSorterTooltip={false}
        sortDirections={['ascend', 'descend']}
        locale={{ emptyText: t('pages.customers.empty') }}
        onRow={(row) => ({ onClick: () => navigate('customers', row.id), style: { cursor: 'pointer' }, 'data-testid': 'customer-row' }) as HTMLAttributes<HTMLElement>}
        data-testid="customers-table"
      />
      {creating.key > 0 && (
        <CustomerForm
          key={creating.key}
          open={creating.open}
          role={role}
          onClose={() => setCreating((c) => ({ ...c, open: false }))}
          onSaved={(customer) => {
            setCreating((c) => ({ ...c, open: false }));
            navigate('customers', customer.id);
          }}
        />
      )}
    </div>
  );
}
