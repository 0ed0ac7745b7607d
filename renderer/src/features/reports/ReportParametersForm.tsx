import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { customerTypes } from '../../../../shared/domain/customer.js';
import type { ReportDefinitionInfo, ReportParameters } from '../../../../shared/ipc/methods/reports.js';
import { CustomerPicker } from '../customers/CustomerPicker.js';
import { enumOptions, fromIsoDate, toIsoDate } from '../customers/form-support.js';
import { useStaffDirectory } from '../lists/use-staff-directory.js';

interface Values {
  period?: [Dayjs | null, Dayjs | null] | null;
  branchId?: string;
  agentId?: string;
  customerType?: ReportParameters['customerType'];
  userId?: string;
  customerId?: string;
}

const agentRoles = new Set(['agent', 'account_manager']);

/**
 * The parameters a report's definition lists, and nothing else: the period as one date range,
 * branch, agent, customer type, user and customer; Run sends only the ones filled in.
 */
export function ReportParametersForm({
  definition,
  initial,
  running,
  onRun,
}: {
  definition: ReportDefinitionInfo;
  initial: ReportParameters;
  running: boolean;
  onRun: (parameters: ReportParameters) => void;
}) {
  const { t } = useTranslation();
  const { staff, branches } = useStaffDirectory();
  const uses = (name: ReportDefinitionInfo['parameters'][number]) => definition.parameters.includes(name);
  const usesPeriod = uses('from') || uses('to');

  const submit = (values: Values) => {
    const parameters: ReportParameters = {};
    const [from, to] = values.period ?? [null, null];
    if (uses('from') && toIsoDate(from)) parameters.from = toIsoDate(from);
    if (uses('to') && toIsoDate(to)) parameters.to = toIsoDate(to);
    if (uses('branchId') && values.branchId) parameters.branchId = values.branchId;
    if (uses('agentId') && values.agentId) parameters.agentId = values.agentId;
    if (uses('customerType') && values.customerType) parameters.customerType = values.customerType;
    if (uses('userId') && values.userId) parameters.userId = values.userId;
    if (uses('customerId') && values.customerId) parameters.customerId = values.customerId;
    onRun(parameters);
  };

  const initialValues: Values = {
    period: initial.from || initial.to ? [fromIsoDate(initial.from) ?? null, fromIsoDate(initial.to) ?? null] : null,
    branchId: initial.branchId,
    agentId: initial.agentId,
    customerType: initial.customerType,
    userId: initial.userId,
    customerId: initial.customerId,
  };

  return (
    <Form<Values> layout="vertical" initialValues={initialValues} onFinish={submit} data-testid="report-parameters">
      <Flex wrap gap={16} align="flex-end">
        {usesPeriod && (
          <Form.Item name="period" label={t('reports.parameters.period')} style={{ marginBottom: 0 }}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="report-param-period" />
          </Form.Item>
        )}
        {uses('branchId') && (
          <Form.Item name="branchId" label={t('reports.parameters.branchId')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('reportsUi.all')}
              options={branches.map((b) => ({ value: b.id, label: b.name }))}
              data-testid="report-param-branch"
            />
          </Form.Item>
        )}
        {uses('agentId') && (
          <Form.Item name="agentId" label={t('reports.parameters.agentId')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              placeholder={t('reportsUi.all')}
              options={staff.filter((s) => agentRoles.has(s.role)).map((s) => ({ value: s.id, label: s.displayName }))}
              data-testid="report-param-agent"
            />
          </Form.Item>
        )}
        {uses('customerType') && (
          <Form.Item name="customerType" label={t('reports.parameters.customerType')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('reportsUi.all')}
              options={enumOptions(t, 'customerTypes', customerTypes)}
              data-testid="report-param-customer-type"
            />
          </Form.Item>
        )}
        {uses('userId') && (
          <Form.Item name="userId" label={t('reports.parameters.userId')} style={{ marginBottom: 0 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              placeholder={t('reportsUi.all')}
              options={staff.map((s) => ({ value: s.id, label: `${s.displayName} · ${t(`roles.${s.role}`)}` }))}
              data-testid="report-param-user"
            />
          </Form.Item>
        )}
        {uses('customerId') && (
          <Form.Item name="customerId" label={t('reports.parameters.customerId')} style={{ marginBottom: 0, width: 240 }}>
            <CustomerPicker known={[]} allowClear placeholder={t('reportsUi.anyCustomer')} testId="report-param-customer" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={running} data-testid="report-run">
          {t('reportsUi.run')}
        </Button>
      </Flex>
    </Form>
  );
}
