import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffDirectory } from './use-staff-directory.js';

const completenessThresholds = [100, 80, 60, 40, 20] as const;

/** Filter state where clearing a filter removes it, so the query sent to main stays minimal. */
export function useFilters<F extends object>(): [F, <K extends keyof F>(key: K, value: F[K] | undefined) => void] {
  const [filters, setFilters] = useState<F>({} as F);
  const setFilter = <K extends keyof F>(key: K, value: F[K] | undefined) =>
    setFilters((before) => {
      const next = { ...before };
      if (value === undefined || value === null) delete next[key];
      else next[key] = value;
      return next;
    });
  return [filters, setFilter];
}

/** "Completeness below N %", shared by the customer and policy lists. */
export function CompletenessFilter({ value, onChange }: { value: number | undefined; onChange: (value: number | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select<number>
      allowClear
      style={{ width: 190 }}
      placeholder={t('customers.filters.completeness')}
      value={value}
      onChange={onChange}
      options={completenessThresholds.map((percent) => ({ value: percent, label: t('customers.filters.completenessBelow', { percent }) }))}
      data-testid="customers-filter-completeness"
    />
  );
}

/** The owning-agent and branch filters that customer and policy lists share. */
export function AgentBranchFilters({
  agentId,
  branchId,
  onChange,
}: {
  agentId: string | undefined;
  branchId: string | undefined;
  onChange: (key: 'agentId' | 'branchId', value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const { staff, branches } = useStaffDirectory();
  return (
    <>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 150 }}
        placeholder={t('lists.agent')}
        value={agentId}
        onChange={(v) => onChange('agentId', v)}
        options={staff.filter((s) => s.role === 'agent' || s.role === 'account_manager').map((s) => ({ value: s.id, label: s.displayName }))}
        data-testid="filter-agent"
      />
      {branches.length > 1 && (
        <Select<string>
          allowClear
          style={{ width: 160 }}
          placeholder={t('lists.branch')}
          value={branchId}
          onChange={(v) => onChange('branchId', v)}
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
          data-testid="filter-branch"
        />
      )}
    </>
  );
}
