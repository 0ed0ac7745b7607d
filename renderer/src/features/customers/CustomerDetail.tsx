import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, type DescriptionsProps, Flex, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editsRecords, ingestsFiles, seesHealth, viewsDocuments } from '../../../../shared/domain/access.js';
import type { Role } from '../../../../shared/domain/roles.js';
import type { CustomerView, PolicyView } from '../../../../shared/ipc/methods/records.js';
import { IpcCallError, invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';
import { navigate } from '../../shell/use-hash-route.js';
import { CoverSheetAction } from '../cover-sheet/CoverSheetAction.js';
import { CustomerDocumentsCard } from '../viewer/CustomerDocumentsCard.js';
import { CompletenessChecklist } from './CompletenessChecklist.js';
import { CustomerForm } from './CustomerForm.js';
import { useFormats } from './form-support.js';
import { PolicyForm } from './PolicyForm.js';

const levelColours: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
const statusColours: Record<string, string> = { in_force: 'green', applied: 'blue', lapsed: 'orange', surrendered: 'default', terminated: 'default', claimed: 'purple' };

/** One customer's file (`#/customers/<id>`): the record, its policies, its documents and its completeness checklist. */
export function CustomerDetail({ customerId, role }: { customerId: string; role: Role }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const formats = useFormats();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [policies, setPolicies] = useState<PolicyView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Bumped after every save, so the checklist reloads. */
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  /** The policy form: closed, a new policy, or a policy to edit; `key` gives every opening a fresh form. */
  const [policyForm, setPolicyForm] = useState<{ open: boolean; policy?: PolicyView; key: number }>({ open: false, key: 0 });

  const loadPolicies = useCallback(
    () =>
      invoke('policies.forCustomer', { customerId }).then(
        (value) => setPolicies(value),
        (e: unknown) => setError(e),
      ),
    [customerId],
  );

  useEffect(() => {
    let current = true;
    invoke('customers.get', { id: customerId }).then(
      (value) => {
        if (!current) return;
        setCustomer(value);
        setError(null);
      },
      (e: unknown) => {
        if (current) setError(e);
      },
    );
    void loadPolicies();
    return () => {
      current = false;
    };
  }, [customerId, loadPolicies]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('customers')} data-testid="customer-back">
      {t('customers.back')}
    </Button>
  );

  if (error !== null) {
    const notFound = error instanceof IpcCallError && error.error.code === 'NOT_FOUND';
    return (
      <div data-testid="page-customer-detail">
        {back}
        <Result status={notFound ? '404' : 'error'} title={notFound ? t('customers.notFound') : errorMessage(error)} />
      </div>
    );
  }
  if (customer === null) {
    return (
      <div data-testid="page-customer-detail">
        {back}
        <Skeleton active style={{ marginTop: 24 }} />
      </div>
    );
  }

  const canEdit = editsRecords(role);
  const printsCoverSheets = ingestsFiles(role);
  const individual = customer.type === 'individual';
  const label = (group: string, value: string | null | undefined) => (value ? t(`enums.${group}.${value}`) : null);
  const identifiers = [customer.idNumber ?? customer.creditCode, customer.mobile, customer.landline].filter((v): v is string => !!v);

  const field = (key: string, labelText: string, value: ReactNode, span?: number): NonNullable<DescriptionsProps['items']>[number] => ({
    key,
    label: labelText,
    children: value === null || value === undefined || value === '' ? <Typography.Text type="secondary">-</Typography.Text> : <span data-testid={`customer-field-${key}`}>{value}</span>,
    ...(span ? { span } : {}),
  });
  const items: DescriptionsProps['items'] = [
    field('type', t('customers.fields.type'), label('customerTypes', customer.type)),
    field('name', t(individual ? 'customers.fields.name' : 'customers.fields.organisationName'), customer.name),
    ...(individual
      ? [
          field('idType', t('customers.fields.idType'), label('idTypes', customer.idType)),
          field('idNumber', t('customers.fields.idNumber'), customer.idNumber),
          field('sex', t('customers.fields.sex'), label('sexes', customer.sex)),
          field('birthDate', t('customers.fields.birthDate'), formats.date(customer.birthDate)),
        ]
      : [field('creditCode', t('customers.fields.creditCode'), customer.creditCode)]),
    field('mobile', t('customers.fields.mobile'), customer.mobile),
    field('landline', t('customers.fields.landline'), customer.landline),
    field('address', t('customers.fields.address'), customer.address, 2),
    ...(individual
      ? [
          field('occupation', t('customers.fields.occupation'), customer.occupation),
          field('incomeBand', t('customers.fields.incomeBand'), label('incomeBands', customer.incomeBand)),
          field('familyStatus', t('customers.fields.familyStatus'), label('familyStatuses', customer.familyStatus)),
          field(
            'healthStatus',
            t('customers.fields.healthStatus'),
            seesHealth(role) ? customer.healthStatus : <Typography.Text type="secondary">{t('customers.withheld')}</Typography.Text>,
          ),
          field('riskPreference', t('customers.fields.riskPreference'), label('riskPreferences', customer.riskPreference)),
          field('source', t('customers.fields.source'), customer.source),
        ]
      : []),
    field('agent', t('customers.fields.agent'), customer.agentName),
    field('lifecycleStage', t('customers.fields.lifecycleStage'), label('lifecycleStages', customer.lifecycleStage)),
    field('riskLevel', t('customers.fields.riskLevel'), label('levels', customer.riskLevel)),
    field('valueLevel', t('customers.fields.valueLevel'), label('levels', customer.valueLevel)),
    field('tags', t('customers.fields.tags'), customer.tags.length ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : null),
    field('createdAt', t('customers.fields.createdAt'), formats.dateTime(customer.createdAt)),
    field('updatedAt', t('customers.fields.updatedAt'), formats.dateTime(customer.updatedAt)),
    field('lastVerifiedAt', t('customers.fields.lastVerifiedAt'), formats.date(customer.lastVerifiedAt)),
    field('lastContactedAt', t('customers.fields.lastContactedAt'), formats.date(customer.lastContactedAt)),
    field('nextUpdateDue', t('customers.fields.nextUpdateDue'), formats.date(customer.nextUpdateDue)),
  ];

  const saved = () => setVersion((v) => v + 1);

  return (
    <div data-testid="page-customer-detail" data-customer-id={customer.id}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        {back}
        <Space>
          {printsCoverSheets && <CoverSheetAction customerId={customer.id} policies={policies ?? []} />}
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t('customers.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
          {customer.name}
        </Typography.Title>
        <Tag color="blue" data-testid="customer-type-tag">
          {t(`enums.customerTypes.${customer.type}`)}
        </Tag>
        {identifiers.map((value) => (
          <Typography.Text key={value} code data-testid="customer-identifier">
            {value}
          </Typography.Text>
        ))}
      </Flex>
      <Space wrap style={{ marginBottom: 16 }} data-testid="customer-classification">
        {customer.lifecycleStage && <Tag>{t(`enums.lifecycleStages.${customer.lifecycleStage}`)}</Tag>}
        {customer.riskLevel && <Tag color={levelColours[customer.riskLevel]}>{`${t('customers.fields.riskLevel')}: ${t(`enums.levels.${customer.riskLevel}`)}`}</Tag>}
        {customer.valueLevel && <Tag color={levelColours[customer.valueLevel]}>{`${t('customers.fields.valueLevel')}: ${t(`enums.levels.${customer.valueLevel}`)}`}</Tag>}
        {customer.tags.map((tag) => (
          <Tag key={tag} color="geekblue">
            {tag}
          </Tag>
        ))}
        {customer.masked && <Typography.Text type="secondary">{t('customers.masked')}</Typography.Text>}
      </Space>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('customers.details')}>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} items={items} data-testid="customer-descriptions" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <div data-testid="customer-completeness">
            <CompletenessChecklist customerId={customer.id} version={version} />
          </div>
        </Col>
      </Row>

      <Card
        style={{ marginTop: 16 }}
        size="small"
        title={t('customers.policies')}
        extra={
          canEdit && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setPolicyForm((f) => ({ open: true, key: f.key + 1 }))} data-testid="policy-add">
              {t('customers.addPolicy')}
            </Button>
          )
        }
      >
        <Table<PolicyView>
          rowKey="id"
          size="small"
          loading={policies === null}
          dataSource={policies ?? []}
          pagination={false}
          data-testid="policies-table"
          locale={{ emptyText: t('customers.noPolicies') }}
          scroll={{ x: printsCoverSheets ? 1010 : 860 }}
          onRow={(policy) => (canEdit ? { onClick: () => setPolicyForm((f) => ({ open: true, policy, key: f.key + 1 })), style: { cursor: 'pointer' } } : {})}
          columns={[
            {
              title: t('policies.fields.policyNumber'),
              dataIndex: 'policyNumber',
              width: 150,
              render: (v: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </Typography.Text>
              ),
            },
            { title: t('policies.fields.productName'), dataIndex: 'productName', ellipsis: true },
            { title: t('policies.fields.productLine'), dataIndex: 'productLine', width: 110, render: (v: string) => t(`enums.productLines.${v}`) },
            { title: t('policies.fields.status'), dataIndex: 'status', width: 100, render: (v: string) => <Tag color={statusColours[v]}>{t(`enums.policyStatuses.${v}`)}</Tag> },
            { title: t('checklist.fields.premium'), dataIndex: 'premium', width: 120, align: 'right', render: (v: number) => formats.money(v) },
            { title: t('policies.fields.completeness'), dataIndex: 'completeness', width: 120, align: 'right', render: (v: number) => `${v}%` },
            {
              title: t('checklist.fields.suitability'),
              dataIndex: 'suitabilityMismatch',
              width: 140,
              render: (mismatch: boolean, policy) =>
                mismatch ? (
                  <Tag color="red" data-testid="policy-mismatch-tag">
                    {t('policies.mismatchTag')}
                  </Tag>
                ) : policy.productRiskClass ? (
                  <Typography.Text type="secondary">{`${policy.customerRiskLevel ?? '-'} / ${policy.productRiskClass}`}</Typography.Text>
                ) : null,
            },
            ...(printsCoverSheets
              ? [
                  {
                    title: t('coverSheet.column'),
                    key: 'coverSheet',
                    width: 150,
                    render: (_: unknown, policy: PolicyView) => <CoverSheetAction customerId={customer.id} policies={policies ?? []} policyId={policy.id} small />,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {viewsDocuments(role, false) && <CustomerDocumentsCard customerId={customer.id} />}

      <CustomerForm
        open={editing}
        customer={customer}
        role={role}
        onClose={() => setEditing(false)}
        onSaved={(view) => {
          setEditing(false);
          setCustomer(view);
          saved();
        }}
      />
      {policyForm.key > 0 && (
        <PolicyForm
          key={policyForm.key}
          open={policyForm.open}
          customer={customer}
          policy={policyForm.policy}
          onClose={() => setPolicyForm((f) => ({ ...f, open: false }))}
          onSaved={() => {
            setPolicyForm((f) => ({ ...f, open: false }));
            void loadPolicies();
            // A policy moves the customer's next update due date (H1.3): show the new one.
            invoke('customers.get', { id: customer.id }).then(setCustomer, () => undefined);
            saved();
          }}
        />
      )}
    </div>
  );
}
