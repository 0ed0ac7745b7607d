import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStaffDirectory } from './use-staff-directory.js';

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
