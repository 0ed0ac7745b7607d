import { Alert, App, Button, type ButtonProps, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerTypes } from '../../../../shared/domain/customer.js';
import {
  documentCategories,
  type DocumentCategory,
  type DocumentType,
  documentTypeCodePattern,
  type DocumentTypeInput,
  retentionBases,
  type RetentionBasis,
} from '../../../../shared/domain/document-type.js';
import { productLines } from '../../../../shared/domain/policy.js';
import type { Role } from '../../../../shared/domain/roles.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { IpcCallError, invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

interface FormValues {
  code: string;
  category: DocumentCategory;
  names: Record<Language, string>;
  customerTypes?: DocumentType['requiredFor']['customerTypes'];
  productLines?: DocumentType['requiredFor']['productLines'];
  sensitive: boolean;
  retentionBasis: RetentionBasis;
  retentionYears?: number | null;
  keywords?: string[];
  active: boolean;
}

const categoryColours: Record<DocumentCategory, string> = { basic: 'blue', contract: 'purple', claims: 'orange', service: 'cyan' };
const nameFields: { language: Language; label: string }[] = [
  { language: 'zh-CN', label: 'documentTypes.nameZhCN' },
  { language: 'zh-TW', label: 'documentTypes.nameZhTW' },
  { language: 'en', label: 'documentTypes.nameEn' },
];

/** The document-type catalogue: names in the user's language; administrators and archivists edit it. */
export function DocumentTypesPage({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [types, setTypes] = useState<DocumentType[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<DocumentType | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const canEdit = role === 'admin' || role === 'archivist';
  const language = (i18n.language in { 'zh-CN': 1, 'zh-TW': 1, en: 1 } ? i18n.language : 'zh-CN') as Language;

  const load = useCallback(
    () =>
      invoke('documentTypes.list', {})
        .then(
          (list) => {
            setTypes(list);
            setLoadError(null);
          },
          (e: unknown) => setLoadError(e),
        )
        .finally(() => setLoading(false)),
    [],
  );
  useEffect(() => void load(), [load]);

  const open = (type: DocumentType | 'new') => {
    setEditing(type);
    form.resetFields();
    if (type === 'new') {
      form.setFieldsValue({ category: 'basic', sensitive: false, active: true, retentionBasis: 'termination', retentionYears: null, keywords: [] });
    } else {
      form.setFieldsValue({
        code: type.code,
        category: type.category,
        names: type.names,
        customerTypes: type.requiredFor.customerTypes ?? [],
        productLines: type.requiredFor.productLines ?? [],
        sensitive: type.sensitive,
        retentionBasis: type.retention.basis,
        retentionYears: type.retention.years,
        keywords: type.keywords,
        active: type.active,
      });
    }
  };

  const save = async (values: FormValues) => {
    const requiredFor: DocumentTypeInput['requiredFor'] = {};
    if (values.customerTypes?.length) requiredFor.customerTypes = values.customerTypes;
    if (values.productLines?.length) requiredFor.productLines = values.productLines;
    const input: DocumentTypeInput = {
      ...(editing !== null && editing !== 'new' ? { id: editing.id } : {}),
      code: values.code.trim(),
      category: values.category,
      names: values.names,
      requiredFor,
      sensitive: values.sensitive,
      retention: { basis: values.retentionBasis, years: values.retentionYears ?? null },
      keywords: values.keywords ?? [],
      active: values.active,
    };
    setSaving(true);
    try {
      await invoke('documentTypes.save', input);
      void message.success(t('documentTypes.saved'));
      setEditing(null);
      await load();
    } catch (e) {
      const issues = e instanceof IpcCallError ? (e.error.details?.issues as { path?: string[]; code?: string }[] | undefined) : undefined;
      if (issues?.some((i) => i.path?.[0] === 'code' && i.code === 'duplicate')) form.setFields([{ name: 'code', errors: [t('documentTypes.codeTaken')] }]);
      else void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const requiredForTags = (type: DocumentType) => {
    const customers = type.requiredFor.customerTypes ?? [];
    const lines = type.requiredFor.productLines ?? [];
    if (customers.length === 0 && lines.length === 0) return <Typography.Text type="secondary">{t('documentTypes.notRequired')}</Typography.Text>;
    return (
      <Space size={[4, 4]} wrap>
        {customers.map((c) => (
          <Tag key={c} color="geekblue">
            {t(`enums.customerTypes.${c}`)}
          </Tag>
        ))}
        {lines.map((l) => (
          <Tag key={l}>{t(`enums.productLines.${l}`)}</Tag>
        ))}
      </Space>
    );
  };
  const retentionText = (type: DocumentType) => {
    const basis = t(`documentTypes.retentionBases.${type.retention.basis}`);
    return type.retention.years === null ? t('documentTypes.retentionLawSummary', { basis }) : t('documentTypes.retentionSummary', { basis, years: type.retention.years });
  };

  return (
    <div data-testid="page-document-types">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('documentTypes.title')}
        </Typography.Title>
        {canEdit ? (
          <Button type="primary" onClick={() => open('new')} data-testid="document-type-add">
            {t('documentTypes.add')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('documentTypes.manageOnly')}</Typography.Text>
        )}
      </Space>
      {loadError !== null && <Alert type="error" showIcon title={errorMessage(loadError)} style={{ marginBottom: 16 }} data-testid="document-types-error" />}
      <Table<DocumentType>
        rowKey="id"
        loading={loading}
        dataSource={types}
        pagination={false}
        size="middle"
        data-testid="document-types-table"
        onRow={(type) => ({ 'data-testid': `document-type-row-${type.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('documentTypes.name'), key: 'name', render: (_, type) => type.names[language] },
          { title: t('documentTypes.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          {
            title: t('documentTypes.category'),
            dataIndex: 'category',
            render: (category: DocumentCategory) => <Tag color={categoryColours[category]}>{t(`documentTypes.categories.${category}`)}</Tag>,
          },
          { title: t('documentTypes.requiredFor'), key: 'requiredFor', render: (_, type) => requiredForTags(type) },
          {
            title: t('documentTypes.sensitive'),
            dataIndex: 'sensitive',
            render: (sensitive: boolean) => (sensitive ? <Tag color="red">{t('documentTypes.sensitive')}</Tag> : null),
          },
          { title: t('documentTypes.retention'), key: 'retention', render: (_, type) => retentionText(type) },
          {
            title: t('documentTypes.status'),
            dataIndex: 'active',
            render: (active: boolean) => (active ? <Tag color="green">{t('documentTypes.active')}</Tag> : <Tag>{t('documentTypes.inactive')}</Tag>),
          },
          ...(canEdit
            ? [
                {
                  title: t('documentTypes.actions'),
                  key: 'actions',
                  render: (_: unknown, type: DocumentType) => (
                    <Button size="small" onClick={() => open(type)} data-testid={`document-type-edit-${type.code}`}>
                      {t('documentTypes.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('documentTypes.add') : t('documentTypes.editTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('documentTypes.save')}
        okButtonProps={{ loading: saving, 'data-testid': 'document-type-save' } as ButtonProps}
        width={640}
        forceRender
      >
        <Form form={form} layout="vertical" requiredMark={false} onFinish={save} data-testid="document-type-form">
          <Form.Item name="code" label={t('documentTypes.code')} extra={t('documentTypes.codeRule')} rules={[required, { pattern: documentTypeCodePattern, message: t('documentTypes.codeRule') }]}>
            <Input maxLength={40} data-testid="document-type-code" />
          </Form.Item>
          {nameFields.map(({ language: lang, label }) => (
            <Form.Item key={lang} name={['names', lang]} label={t(label)} rules={[required, { max: 100 }]}>
              <Input maxLength={100} data-testid={`document-type-name-${lang}`} />
            </Form.Item>
          ))}
          <Form.Item name="category" label={t('documentTypes.category')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="document-type-category" options={documentCategories.map((c) => ({ value: c, label: t(`documentTypes.categories.${c}`) }))} />
          </Form.Item>
          <Form.Item name="customerTypes" label={t('documentTypes.requiredForCustomerTypes')}>
            <Select mode="multiple" allowClear data-testid="document-type-customer-types" options={customerTypes.map((c) => ({ value: c, label: t(`enums.customerTypes.${c}`) }))} />
          </Form.Item>
          <Form.Item name="productLines" label={t('documentTypes.requiredForProductLines')}>
            <Select mode="multiple" allowClear data-testid="document-type-product-lines" options={productLines.map((l) => ({ value: l, label: t(`enums.productLines.${l}`) }))} />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item name="retentionBasis" label={t('documentTypes.retentionBasis')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select style={{ minWidth: 180 }} data-testid="document-type-retention-basis" options={retentionBases.map((b) => ({ value: b, label: t(`documentTypes.retentionBases.${b}`) }))} />
            </Form.Item>
            <Form.Item name="retentionYears" label={t('documentTypes.retentionYears')} extra={t('documentTypes.retentionByLawHint')} style={{ maxWidth: 360 }}>
              <InputNumber min={1} max={200} precision={0} data-testid="document-type-retention-years" />
            </Form.Item>
          </Space>
          <Form.Item name="keywords" label={t('documentTypes.keywords')} extra={t('documentTypes.keywordsHint')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="document-type-keywords" />
          </Form.Item>
          <Space size="large">
            <Form.Item name="sensitive" label={t('documentTypes.sensitive')} valuePropName="checked" tooltip={t('documentTypes.sensitiveHint')}>
              <Switch data-testid="document-type-sensitive" />
            </Form.Item>
            <Form.Item name="active" label={t('documentTypes.active')} valuePropName="checked">
              <Switch data-testid="document-type-active" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
