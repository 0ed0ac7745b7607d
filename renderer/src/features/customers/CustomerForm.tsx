import { Alert, App, Button, Col, DatePicker, Form, type FormRule as Rule, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ComponentProps, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from './FormDrawer.js';
import { seesHealth } from '../../../../shared/domain/access.js';
import {
  type CustomerType,
  customerTypes,
  familyStatuses,
  idTypes,
  incomeBands,
  levels,
  lifecycleStages,
  riskPreferences,
  sexes,
} from '../../../../shared/domain/customer.js';
import type { Role } from '../../../../shared/domain/roles.js';
import type { CustomerView } from '../../../../shared/ipc/methods/records.js';
import { validateCreditCode } from '../../../../shared/validators/credit-code.js';
import { normaliseIdentifier, toHalfWidth } from '../../../../shared/validators/normalise.js';
import { validateLandline, validateMobile } from '../../../../shared/validators/phone.js';
import { validateResidentId } from '../../../../shared/validators/resident-id.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { changedFields, duplicateCustomer, enumOptions, fromIsoDate, invalidInputIssues, showIssues, toIsoDate } from './form-support.js';

interface Values {
  type: CustomerType;
  name?: string;
  idType?: string;
  idNumber?: string;
  sex?: string;
  birthDate?: Dayjs | null;
  creditCode?: string;
  mobile?: string;
  landline?: string;
  address?: string;
  occupation?: string;
  incomeBand?: string;
  familyStatus?: string;
  healthStatus?: string;
  riskPreference?: string;
  source?: string;
  lifecycleStage?: string;
  riskLevel?: string;
  valueLevel?: string;
  tags?: string[];
}

/** Identifiers that main returns masked to some roles: such a masked value is never sent back. */
const identifierFields = ['idNumber', 'creditCode', 'mobile', 'landline'] as const;
type IdentifierField = (typeof identifierFields)[number];

/** Form values → the customer input of the contract: strings trimmed, empties left out, dates as YYYY-MM-DD. */
function toInput(values: Partial<Values>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (key === 'birthDate') out[key] = toIsoDate(value as Dayjs);
    else if (key === 'tags') out[key] = (value as string[]).map((tag) => tag.trim()).filter((tag) => tag !== '');
    else if (typeof value === 'string') {
      if (value.trim() !== '') out[key] = value.trim();
    } else out[key] = value;
  }
  return out;
}

/** What the form starts with when editing: masked identifiers and withheld fields stay empty. */
function initialValues(customer: CustomerView | undefined): Values {
  if (!customer) return { type: 'individual', idType: 'resident_id' };
  const values: Values = { type: customer.type, tags: customer.tags, birthDate: fromIsoDate(customer.birthDate) ?? null };
  const fields = ['name', 'idType', 'idNumber', 'sex', 'creditCode', 'mobile', 'landline', 'address', 'occupation', 'incomeBand', 'familyStatus', 'healthStatus', 'riskPreference', 'source', 'lifecycleStage', 'riskLevel', 'valueLevel'] as const;
  for (const field of fields) {
    const value = customer[field];
    if (value === null || value === undefined) continue;
    if (customer.masked && (identifierFields as readonly string[]).includes(field)) continue;
    values[field] = value;
  }
  if (values.type === 'individual' && !values.idType) values.idType = 'resident_id';
  return values;
}

// While the user is still typing, a value that is merely too short is not yet an error: the length
// is checked when the field loses focus and on saving. Every other problem shows as it is typed.
const stillTyping = (value: string, min: number) => /^[\d\s\-+()]*$/.test(toHalfWidth(value)) && toHalfWidth(value).replace(/\D/g, '').length < min;

function residentIdProblem(value: string, typing: boolean): string | null {
  const result = validateResidentId(value);
  if (result.ok) return null;
  if (typing && result.reason === 'length' && normaliseIdentifier(value).length < 18) return null;
  return `validation.residentId.${result.reason}`;
}

function creditCodeProblem(value: string, typing: boolean): string | null {
  const result = validateCreditCode(value);
  if (result.ok) return null;
  if (typing && result.reason === 'length' && normaliseIdentifier(value).length < 18) return null;
  return `validation.creditCode.${result.reason}`;
}

function mobileProblem(value: string, typing: boolean): string | null {
  if (validateMobile(value).ok) return null;
  const digits = toHalfWidth(value).replace(/\D/g, '');
  // 1 followed by 0, 1 or 2 can never become a mainland mobile: say so at once.
  if (typing && stillTyping(value, 11) && !/^1[0-2]/.test(digits)) return null;
  return 'validation.mobile';
}

function landlineProblem(value: string, typing: boolean): string | null {
  if (validateLandline(value).ok) return null;
  if (typing && stillTyping(value, 10)) return null;
  return 'validation.landline';
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

interface Props {
  open: boolean;
  /** The customer to edit; absent: a new customer. */
  customer?: CustomerView;
  role: Role;
  onClose: () => void;
  onSaved: (customer: CustomerView) => void;
}

type Problem = { kind: 'duplicate'; customerId: string; name: string } | { kind: 'messages'; messages: string[] };

/** Creates or edits a customer (REQUIREMENTS §2, flow 1), validating as the user types, in the user's language. */
export function CustomerForm({ open, customer, role, onClose, onSaved }: Props) {
  return (
    <CustomerDrawer key={customer ? `${customer.id}-${customer.updatedAt}` : 'new'} open={open} customer={customer} role={role} onClose={onClose} onSaved={onSaved} />
  );
}

function CustomerDrawer({ open, customer, role, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [initial] = useState(() => initialValues(customer));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const type = Form.useWatch('type', form) ?? initial.type;
  const idType = Form.useWatch('idType', form) ?? initial.idType;
  const idNumber = Form.useWatch('idNumber', form) ?? initial.idNumber;
  const editing = customer !== undefined;
  const masked = editing && customer.masked;
  /** A masked identifier the user has not replaced keeps its stored value. */
  const stored = (field: IdentifierField) => (masked && customer[field] ? customer[field] : null);

  // Birth date and sex follow from a valid resident ID number; main checks they agree.
  const residentId = type === 'individual' && idType === 'resident_id';
  const parsedId = residentId && !blank(idNumber) ? validateResidentId(idNumber!) : null;
  const derived = (parsedId?.ok ?? false) || (residentId && blank(idNumber) && stored('idNumber') !== null);

  const close = () => {
    setProblem(null);
    onClose();
  };

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (!('idNumber' in changed || 'idType' in changed || 'type' in changed)) return;
    if (all.type !== 'individual' || all.idType !== 'resident_id' || blank(all.idNumber)) return;
    const result = validateResidentId(all.idNumber!);
    if (result.ok) form.setFieldsValue({ birthDate: fromIsoDate(result.birthDate) ?? null, sex: result.sex });
  };

  const verdict = (key: string | null) => (key === null ? Promise.resolve() : Promise.reject(new Error(t(key))));
  /** Two rules per identifier: lenient while typing, strict on leaving the field and on saving. */
  const identifierRules = (check: (value: string, typing: boolean) => string | null, requiredKey?: string): Rule[] => [
    {
      validateTrigger: 'onChange',
      validator: (_, value: string | undefined) => verdict(blank(value) ? null : check(value!, true)),
    },
    {
      validateTrigger: 'onBlur',
      validator: (_, value: string | undefined) => verdict(blank(value) ? (requiredKey ?? null) : check(value!, false)),
    },
  ];
  const requiredRule: Rule = { required: true, whitespace: true, message: t('validation.required') };
  const phoneRequired: Rule = ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) =>
      verdict(blank(value) && blank(getFieldValue('landline')) && stored('mobile') === null && stored('landline') === null ? 'validation.phoneRequired' : null),
  });

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      setProblem({ kind: 'messages', messages: [t('customers.fixFields')] });
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const input = toInput(values);
      if (derived) {
        // Main derives them from the number; sending them again could only disagree.
        delete input.birthDate;
        delete input.sex;
      }
      let saved: CustomerView;
      if (customer) {
        const before = toInput(initial);
        if (derived) {
          delete before.birthDate;
          delete before.sex;
        }
        saved = await invoke('customers.update', { id: customer.id, changes: changedFields(before, input) });
      } else {
        saved = await invoke('customers.create', { customer: input });
      }
      void message.success(t(customer ? 'customers.saved' : 'customers.created'));
      setProblem(null);
      onSaved(saved);
    } catch (e) {
      const duplicate = duplicateCustomer(e);
      const issues = invalidInputIssues(e);
      if (duplicate) setProblem({ kind: 'duplicate', ...duplicate });
      else if (issues) {
        const registered = new Set(form.getFieldsError().map((f) => String(f.name[0])));
        const rest = showIssues(form, issues, t, (path) => (path[0] !== undefined && registered.has(path[0]) ? [path[0]] : null));
        setProblem({ kind: 'messages', messages: [t('customers.fixFields'), ...rest] });
      } else setProblem({ kind: 'messages', messages: [errorMessage(e)] });
    } finally {
      setSaving(false);
    }
  };

  const maskedExtra = (field: IdentifierField) => {
    const value = stored(field);
    return value ? t('customers.maskedValue', { value }) : undefined;
  };
  const select = (group: string, values: readonly string[], testId: string, extra: { disabled?: boolean } = {}) => (
    <Select allowClear placeholder={t('customers.choose')} options={enumOptions(t, group, values)} data-testid={testId} {...extra} />
  );
  const item = (name: keyof Values, label: string, control: ReactNode, props: Partial<ComponentProps<typeof Form.Item>> = {}, span = 12) => (
    <Col xs={24} sm={span === 24 ? 24 : 12} key={name}>
      <Form.Item name={name} label={label} {...props}>
        {control}
      </Form.Item>
    </Col>
  );
  const input = (name: keyof Values, testId = `customer-${name}`, extra: ComponentProps<typeof Input> = {}) => <Input data-testid={testId} {...extra} />;
  const section = (title: string) => (
    <Col span={24}>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {title}
      </Typography.Title>
    </Col>
  );
  const showHealth = !editing || seesHealth(role);
  const classification = (
    <>
      {section(t('customers.sections.classification'))}
      {item('lifecycleStage', t('customers.fields.lifecycleStage'), select('lifecycleStages', lifecycleStages, 'customer-lifecycleStage'))}
      {item('riskLevel', t('customers.fields.riskLevel'), select('levels', levels, 'customer-riskLevel'))}
      {item('valueLevel', t('customers.fields.valueLevel'), select('levels', levels, 'customer-valueLevel'))}
      {item(
        'tags',
        t('customers.fields.tags'),
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '\uFF0C']} placeholder={t('customers.tagsPlaceholder')} data-testid="customer-tags" />,
      )}
    </>
  );

  return (
    <FormDrawer
      open={open}
      title={t(editing ? 'customers.editTitle' : 'customers.newTitle')}
      saving={saving}
      onClose={close}
      onSave={() => void submit()}
      cancelLabel={t('customers.cancel')}
      saveLabel={t('customers.save')}
      testId="customer"
    >
      {problem?.kind === 'duplicate' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="customer-duplicate"
          title={t('customers.duplicate', { name: problem.name })}
          action={
            <Button
              size="small"
              data-testid="customer-open-existing"
              onClick={() => {
                close();
                navigate('customers', problem.customerId);
              }}
            >
              {t('customers.openExisting')}
            </Button>
          }
        />
      )}
      {problem?.kind === 'messages' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="customer-form-error" title={problem.messages.join(' ')} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        preserve={false}
        validateTrigger={['onChange', 'onBlur']}
        onValuesChange={onValuesChange}
        onFinish={() => void submit()}
      >
        <Row gutter={16}>
          {item(
            'type',
            t('customers.fields.type'),
            <Select options={enumOptions(t, 'customerTypes', customerTypes)} disabled={editing} data-testid="customer-type" />,
            { rules: [{ required: true, message: t('validation.required') }] },
          )}
          {item('name', t(type === 'individual' ? 'customers.fields.name' : 'customers.fields.organisationName'), input('name'), { rules: [requiredRule] })}
          {type === 'individual' ? (
            <>
              {section(t('customers.sections.identity'))}
              {item('idType', t('customers.fields.idType'), select('idTypes', idTypes, 'customer-idType'))}
              {item(
                'idNumber',
                t('customers.fields.idNumber'),
                input('idNumber', 'customer-idNumber', { placeholder: stored('idNumber') ?? undefined, maxLength: 40 }),
                residentId
                  ? { rules: identifierRules(residentIdProblem), validateFirst: true, extra: maskedExtra('idNumber') }
                  : { extra: maskedExtra('idNumber') },
              )}
              {item('sex', t('customers.fields.sex'), select('sexes', sexes, 'customer-sex', { disabled: derived }), { extra: derived ? t('customers.derived') : undefined })}
              {item('birthDate', t('customers.fields.birthDate'), <DatePicker style={{ width: '100%' }} disabled={derived} data-testid="customer-birthDate" />, {
                extra: derived ? t('customers.derived') : undefined,
              })}
              {section(t('customers.sections.contact'))}
              {item('mobile', t('customers.fields.mobile'), input('mobile', 'customer-mobile', { placeholder: stored('mobile') ?? undefined, inputMode: 'tel' }), {
                rules: [...identifierRules(mobileProblem), phoneRequired],
                validateFirst: true,
                dependencies: ['landline'],
                extra: maskedExtra('mobile'),
              })}
              {item('landline', t('customers.fields.landline'), input('landline', 'customer-landline', { placeholder: stored('landline') ?? undefined, inputMode: 'tel' }), {
                rules: identifierRules(landlineProblem),
                validateFirst: true,
                extra: maskedExtra('landline'),
              })}
              {item('address', t('customers.fields.address'), input('address'), {}, 24)}
              {section(t('customers.sections.profile'))}
              {item('occupation', t('customers.fields.occupation'), input('occupation'))}
              {item('incomeBand', t('customers.fields.incomeBand'), select('incomeBands', incomeBands, 'customer-incomeBand'))}
              {item('familyStatus', t('customers.fields.familyStatus'), select('familyStatuses', familyStatuses, 'customer-familyStatus'))}
              {item('riskPreference', t('customers.fields.riskPreference'), select('riskPreferences', riskPreferences, 'customer-riskPreference'))}
              {showHealth &&
                item('healthStatus', t('customers.fields.healthStatus'), input('healthStatus'), { extra: t('customers.healthHint') })}
              {item('source', t('customers.fields.source'), input('source'))}
              {classification}
            </>
          ) : (
            <>
              {section(t('customers.sections.identity'))}
              {item(
                'creditCode',
                t('customers.fields.creditCode'),
                input('creditCode', 'customer-creditCode', { placeholder: stored('creditCode') ?? undefined, maxLength: 40 }),
                {
                  rules: identifierRules(creditCodeProblem, type === 'enterprise' && stored('creditCode') === null ? 'validation.required' : undefined),
                  validateFirst: true,
                  extra: maskedExtra('creditCode'),
                },
              )}
              {section(t('customers.sections.contact'))}
              {item('landline', t('customers.fields.landline'), input('landline', 'customer-landline', { placeholder: stored('landline') ?? undefined, inputMode: 'tel' }), {
                rules: identifierRules(landlineProblem),
                validateFirst: true,
                extra: maskedExtra('landline'),
              })}
              {item('mobile', t('customers.fields.mobile'), input('mobile', 'customer-mobile', { placeholder: stored('mobile') ?? undefined, inputMode: 'tel' }), {
                rules: [...identifierRules(mobileProblem), phoneRequired],
                validateFirst: true,
                dependencies: ['landline'],
                extra: maskedExtra('mobile'),
              })}
              {item('address', t('customers.fields.address'), input('address'), {}, 24)}
              {classification}
            </>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
}
