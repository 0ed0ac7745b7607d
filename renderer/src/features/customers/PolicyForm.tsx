import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, type FormRule, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ComponentProps, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from './FormDrawer.js';
import { riskPreferences } from '../../../../shared/domain/customer.js';
import { paymentFrequencies, policyStatuses, productLines, productRiskClasses, suitabilityMismatch } from '../../../../shared/domain/policy.js';
import type { CustomerView, PolicyView } from '../../../../shared/ipc/methods/records.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { CustomerPicker, type KnownCustomer } from './CustomerPicker.js';
import { changedFields, enumOptions, fromIsoDate, invalidInputIssues, showIssues, toIsoDate } from './form-support.js';

interface Values {
  policyNumber?: string;
  productName?: string;
  productLine?: string;
  policyholderId?: string;
  insuredIds?: string[];
  beneficiaries?: { customerId?: string; sharePercent?: number | null }[];
  sumInsured?: number | null;
  premium?: number | null;
  paymentFrequency?: string;
  termMonths?: number | null;
  applicationDate?: Dayjs | null;
  issueDate?: Dayjs | null;
  effectiveDate?: Dayjs | null;
  endDate?: Dayjs | null;
  terminationDate?: Dayjs | null;
  status?: string;
  customerRiskLevel?: string;
  productRiskClass?: string;
  paperLocation?: string;
}

const dateFields = ['applicationDate', 'issueDate', 'effectiveDate', 'endDate', 'terminationDate'] as const;

/** Form values → the policy input of the contract. */
function toInput(values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if ((dateFields as readonly string[]).includes(key)) out[key] = toIsoDate(value as Dayjs);
    else if (key === 'beneficiaries') {
      out[key] = (value as NonNullable<Values['beneficiaries']>)
        .filter((b) => b.customerId)
        .map((b) => ({ customerId: b.customerId, sharePercent: b.sharePercent ?? 0 }));
    } else if (typeof value === 'string') {
      if (value.trim() !== '') out[key] = value.trim();
    } else out[key] = value;
  }
  return out;
}

function initialValues(customer: CustomerView, policy: PolicyView | undefined): Values {
  if (!policy) {
    return {
      policyholderId: customer.id,
      insuredIds: [customer.id],
      beneficiaries: [],
      status: 'applied',
      paymentFrequency: 'annual',
      ...(customer.riskPreference ? { customerRiskLevel: customer.riskPreference } : {}),
    };
  }
  const parties = (role: string) => policy.parties.filter((p) => p.role === role);
  const values: Values = {
    policyNumber: policy.policyNumber,
    productName: policy.productName,
    productLine: policy.productLine,
    policyholderId: parties('policyholder')[0]?.customerId,
    insuredIds: parties('insured').map((p) => p.customerId),
    beneficiaries: parties('beneficiary').map((p) => ({ customerId: p.customerId, sharePercent: p.sharePercent ?? null })),
    sumInsured: policy.sumInsured,
    premium: policy.premium,
    paymentFrequency: policy.paymentFrequency,
    termMonths: policy.termMonths ?? null,
    status: policy.status,
    customerRiskLevel: policy.customerRiskLevel ?? undefined,
    productRiskClass: policy.productRiskClass ?? undefined,
    paperLocation: policy.paperLocation ?? undefined,
  };
  for (const field of dateFields) values[field] = fromIsoDate(policy[field]) ?? null;
  return values;
}

interface Props {
  open: boolean;
  /** The customer whose file the policy is added from: the default policyholder and insured. */
  customer: CustomerView;
  /** The policy to edit; absent: a new policy. */
  policy?: PolicyView;
  onClose: () => void;
  onSaved: (policy: PolicyView) => void;
}

/** Adds or edits a policy (REQUIREMENTS §2), with the suitability warning of S5.2 as the user chooses. */
export function PolicyForm(props: Props) {
  return <PolicyDrawer key={props.policy ? props.policy.id : 'new'} {...props} />;
}

function PolicyDrawer({ open, customer, policy, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [initial] = useState(() => initialValues(customer, policy));
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const customerRisk = Form.useWatch('customerRiskLevel', form) ?? initial.customerRiskLevel;
  const productRisk = Form.useWatch('productRiskClass', form) ?? initial.productRiskClass;
  const beneficiaries = Form.useWatch('beneficiaries', form) ?? initial.beneficiaries ?? [];
  const mismatch = suitabilityMismatch(customerRisk, productRisk);
  const shareTotal = beneficiaries.reduce((sum, b) => sum + (b?.sharePercent ?? 0), 0);

  const known = useMemo<KnownCustomer[]>(() => {
    const byId = new Map<string, KnownCustomer>([[customer.id, { id: customer.id, name: customer.name, detail: customer.idNumber ?? customer.creditCode }]]);
    for (const p of policy?.parties ?? []) if (!byId.has(p.customerId)) byId.set(p.customerId, { id: p.customerId, name: p.name });
    return [...byId.values()];
  }, [customer, policy]);

  const close = () => {
    setProblems([]);
    onClose();
  };

  const required: FormRule = { required: true, message: t('validation.required') };
  const requiredText: FormRule = { required: true, whitespace: true, message: t('validation.required') };
  const notBefore = (other: keyof Values): FormRule => ({ getFieldValue }) => ({
    validator: (_, value: Dayjs | null | undefined) => {
      const earlier = getFieldValue(other) as Dayjs | null | undefined;
      return value && earlier && value.isBefore(earlier, 'day') ? Promise.reject(new Error(t('validation.dateOrder'))) : Promise.resolve();
    },
  });

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      setProblems([t('customers.fixFields')]);
      return;
    }
    setSaving(true);
    setProblems([]);
    try {
      const input = toInput(values);
      const saved = policy
        ? await invoke('policies.update', { id: policy.id, changes: changedFields(toInput(initial), input) })
        : await invoke('policies.create', { policy: input });
      void message.success(t('policies.saved'));
      onSaved(saved);
    } catch (e) {
      const issues = invalidInputIssues(e);
      if (issues) {
        const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
        const rest = showIssues(form, issues, t, (path) => {
          const name = path.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
          return registered.has(JSON.stringify(name)) ? name : registered.has(JSON.stringify(name.slice(0, 1))) ? name.slice(0, 1) : null;
        });
        setProblems([t('customers.fixFields'), ...rest]);
      } else setProblems([errorMessage(e)]);
    } finally {
      setSaving(false);
    }
  };

  const select = (group: string, values: readonly string[], testId: string) => (
    <Select allowClear placeholder={t('customers.choose')} options={enumOptions(t, group, values)} data-testid={testId} />
  );
  const item = (name: keyof Values, control: ReactNode, props: Partial<ComponentProps<typeof Form.Item>> = {}, span: 8 | 12 | 24 = 12) => (
    <Col xs={24} sm={span} key={name}>
      <Form.Item name={name} label={t(`policies.fields.${name === 'policyholderId' ? 'policyholder' : name === 'insuredIds' ? 'insured' : name}`)} {...props}>
        {control}
      </Form.Item>
    </Col>
  );
  const money = (testId: string) => <InputNumber min={0} max={1e12} precision={2} step={100} style={{ width: '100%' }} data-testid={testId} />;
  const date = (testId: string) => <DatePicker style={{ width: '100%' }} data-testid={testId} />;
  const section = (title: string) => (
    <Col span={24}>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {title}
      </Typography.Title>
    </Col>
  );

  return (
    <FormDrawer
      open={open}
      title={t(policy ? 'policies.editTitle' : 'policies.newTitle')}
      saving={saving}
      onClose={close}
      onSave={() => void submit()}
      cancelLabel={t('policies.cancel')}
      saveLabel={t('policies.save')}
      testId="policy"
    >
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="policy-form-error" title={problems.join(' ')} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} validateTrigger={['onChange', 'onBlur']} onFinish={() => void submit()}>
        <Row gutter={16}>
          {section(t('policies.sections.product'))}
          {item('policyNumber', <Input data-testid="policy-policyNumber" maxLength={40} />, {
            rules: [requiredText, { pattern: /^\s*[A-Za-z0-9-]{4,40}\s*$/, message: t('validation.policyNumber') }],
            validateFirst: true,
          })}
          {item('productName', <Input data-testid="policy-productName" maxLength={100} />, { rules: [requiredText] })}
          {item('productLine', select('productLines', productLines, 'policy-productLine'), { rules: [required] })}
          {item('status', select('policyStatuses', policyStatuses, 'policy-status'), { rules: [required] })}

          {section(t('policies.sections.parties'))}
          {item('policyholderId', <CustomerPicker known={known} testId="policy-policyholder" />, { rules: [required] })}
          {item('insuredIds', <CustomerPicker multiple known={known} testId="policy-insured" />, { rules: [{ ...required, type: 'array', min: 1 }] })}
          <Col span={24}>
            <Form.Item label={t('policies.fields.beneficiaries')} required={false}>
              <Form.List name="beneficiaries">
                {(fields, { add, remove }) => (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fields.map((field) => (
                      <Row gutter={8} key={field.key} wrap={false} align="top">
                        <Col flex="auto">
                          <Form.Item name={[field.name, 'customerId']} rules={[required]} style={{ marginBottom: 0 }}>
                            <CustomerPicker known={known} testId={`policy-beneficiary-${field.name}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="140px">
                          <Form.Item name={[field.name, 'sharePercent']} rules={[required]} style={{ marginBottom: 0 }}>
                            <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={t('policies.fields.sharePercent')} data-testid={`policy-share-${field.name}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="none">
                          <Button icon={<DeleteOutlined />} aria-label={t('policies.removeBeneficiary')} onClick={() => remove(field.name)} />
                        </Col>
                      </Row>
                    ))}
                    <Space>
                      <Button icon={<PlusOutlined />} onClick={() => add({ sharePercent: fields.length === 0 ? 100 : undefined })} data-testid="policy-add-beneficiary">
                        {t('policies.addBeneficiary')}
                      </Button>
                      {fields.length > 0 && (
                        <Typography.Text type={shareTotal === 100 ? 'secondary' : 'danger'} data-testid="policy-share-total">
                          {t('policies.sharesTotal', { total: shareTotal })}
                          {shareTotal !== 100 && ` · ${t('validation.beneficiaryShares')}`}
                        </Typography.Text>
                      )}
                    </Space>
                  </Space>
                )}
              </Form.List>
            </Form.Item>
          </Col>

          {section(t('policies.sections.money'))}
          {item('sumInsured', money('policy-sumInsured'), { rules: [required] }, 8)}
          {item('premium', money('policy-premium'), { rules: [required] }, 8)}
          {item('paymentFrequency', select('paymentFrequencies', paymentFrequencies, 'policy-paymentFrequency'), { rules: [required] }, 8)}
          {item('termMonths', <InputNumber min={1} max={1200} precision={0} style={{ width: '100%' }} data-testid="policy-termMonths" />, {}, 8)}

          {section(t('policies.sections.dates'))}
          {item('applicationDate', date('policy-applicationDate'), { rules: [required] }, 8)}
          {item('issueDate', date('policy-issueDate'), {}, 8)}
          {item('effectiveDate', date('policy-effectiveDate'), { rules: [notBefore('applicationDate')], dependencies: ['applicationDate'] }, 8)}
          {item('endDate', date('policy-endDate'), { rules: [notBefore('effectiveDate')], dependencies: ['effectiveDate'] }, 8)}
          {item('terminationDate', date('policy-terminationDate'), {}, 8)}

          {section(t('policies.sections.suitability'))}
          {item('customerRiskLevel', select('riskPreferences', riskPreferences, 'policy-customerRiskLevel'))}
          {item('productRiskClass', select('productRiskClasses', productRiskClasses, 'policy-productRiskClass'))}
          {mismatch && (
            <Col span={24}>
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="policy-mismatch" title={t('policies.mismatch', { product: productRisk, customer: customerRisk })} />
            </Col>
          )}
          {item('paperLocation', <Input data-testid="policy-paperLocation" maxLength={200} />, {}, 24)}
        </Row>
      </Form>
    </FormDrawer>
  );
}
