import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Select, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProductLine, policyStatuses, productLines } from '../../../../shared/domain/policy.js';
import type { PolicyRow, policySortFields } from '../../../../shared/ipc/methods/records.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { enumOptions, useFormats } from '../customers/form-support.js';
import { AgentBranchFilters, CompletenessFilter, useFilters } from '../lists/ListFilters.js';
import { type ListSort, useInfiniteList } from '../lists/use-infinite-list.js';

type SortField = (typeof policySortFields)[number];
type PolicyStatus = (typeof policyStatuses)[number];
interface Filters {
  productLine?: ProductLine;
  status?: PolicyStatus;
  agentId?: string;
  branchId?: string;
  completenessBelow?: number;
}
const defaultSort: ListSort<SortField> = { field: 'applicationDate', order: 'desc' };

/** The policy list (`#/customers/policies`): like the customer list, a virtual table loading as it scrolls. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const [filters, setFilter] = useFilters<Filters>();
  const [sort, setSort] = useState(defaultSort);
  const { rows, total, error, height, table, onScroll } = useInfiniteList(
    (query: { offset: number; limit: number; sort: ListSort<SortField>; filters: Filters }) => invoke('policies.list', query),
    sort,
    filters,
    200,
  );

  const sortOrder = (field: SortField) => (sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const onChange: TableProps<PolicyRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(s?.order && s.columnKey ? { field: s.columnKey as SortField, order: s.order === 'ascend' ? 'asc' : 'desc' } : defaultSort);
  };

  const columns: TableProps<PolicyRow>['columns'] = [
    { title: t('policies.fields.policyNumber'), dataIndex: 'policyNumber', key: 'policyNumber', width: 160, sorter: true, sortOrder: sortOrder('policyNumber'), render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('policies.fields.productName'), dataIndex: 'productName', key: 'productName', width: 180, ellipsis: true },
    { title: t('policies.fields.productLine'), dataIndex: 'productLine', key: 'productLine', width: 110, render: (v: ProductLine) => t(`enums.productLines.${v}`) },
    { title: t('policies.fields.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: PolicyStatus) => <Tag>{t(`enums.policyStatuses.${v}`)}</Tag> },
    { title: t('policies.fields.policyholder'), dataIndex: 'policyholderName', key: 'policyholder', width: 150, ellipsis: true },
    { title: t('lists.agent'), dataIndex: 'agentName', key: 'agent', width: 110, ellipsis: true },
    { title: t('policies.fields.premium'), dataIndex: 'premium', key: 'premium', width: 130, align: 'right', sorter: true, sortOrder: sortOrder('premium'), render: (v: number) => formats.money(v) },
    { title: t('policies.fields.applicationDate'), dataIndex: 'applicationDate', key: 'applicationDate', width: 130, sorter: true, sortOrder: sortOrder('applicationDate'), render: (v: string) => formats.date(v) },
    {
      title: t('policies.fields.completeness'),
      dataIndex: 'completeness',
      key: 'completeness',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('completeness'),
      render: (v: number, row) => (
        <Space size={4}>
          <Progress percent={v} size="small" style={{ margin: 0, width: 90 }} />
          {row.suitabilityMismatch && <Tag color="red">{t('policies.mismatchTag')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-policies">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('customers')} style={{ marginBottom: 16 }}>
        {t('customers.back')}
      </Button>
      <Typography.Title level={3}>{t('lists.policies')}</Typography.Title>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Select<ProductLine>
          allowClear
          style={{ width: 150 }}
          placeholder={t('policies.fields.productLine')}
          value={filters.productLine}
          onChange={(v) => setFilter('productLine', v)}
          options={enumOptions(t, 'productLines', productLines) as { value: ProductLine; label: string }[]}
          data-testid="policies-filter-line"
        />
        <Select<PolicyStatus>
          allowClear
          style={{ width: 130 }}
          placeholder={t('policies.fields.status')}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          options={enumOptions(t, 'policyStatuses', policyStatuses) as { value: PolicyStatus; label: string }[]}
          data-testid="policies-filter-status"
        />
        <AgentBranchFilters agentId={filters.agentId} branchId={filters.branchId} onChange={setFilter} />
        <CompletenessFilter value={filters.completenessBelow} onChange={(v) => setFilter('completenessBelow', v)} />
        {total !== null && <Typography.Text type="secondary" data-testid="policies-total">{t('lists.policyTotal', { total })}</Typography.Text>}
      </Flex>
      {error !== null && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(error)} />}
      <Table<PolicyRow>
        ref={table}
        virtual
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1220, y: height }}
        onScroll={onScroll}
        onChange={onChange}
        onRow={(row) => ({ onClick: () => row.policyholderId && navigate('customers', row.policyholderId), style: { cursor: 'pointer' }, 'data-testid': 'policy-row' }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
