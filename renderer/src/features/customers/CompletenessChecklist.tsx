import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages.js';
import type { Checklist, ChecklistItem, ChecklistState, FieldChecklistItem } from '../../../../shared/ipc/methods/checklists.js';
import { invoke } from '../../ipc/client.js';
import { useErrorMessage } from '../../ipc/use-error-message.js';

const stateIcons: Record<ChecklistState, ReactNode> = {
  present: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  missing: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  lowQuality: <WarningFilled style={{ color: '#faad14' }} />,
  invalid: <ExclamationCircleFilled style={{ color: '#ff4d4f' }} />,
};
const stateColours: Record<ChecklistState, string> = { present: 'green', missing: 'red', lowQuality: 'orange', invalid: 'red' };

/** The i18n key explaining why a field is invalid: the validators' own messages where there are some. */
function reasonKey(item: FieldChecklistItem): string | null {
  if (item.state !== 'invalid' || !item.reason) return null;
  switch (item.field) {
    case 'idNumber':
      return `validation.residentId.${item.reason}`;
    case 'creditCode':
      return `validation.creditCode.${item.reason}`;
    case 'mobile':
      return 'validation.mobile';
    default:
      return `checklist.reasons.${item.reason}`;
  }
}

type Props = ({ customerId: string; policyId?: undefined } | { policyId: string; customerId?: undefined }) & {
  /** Change it (a counter, a timestamp) to reload after the customer, a policy or a document changed. */
  version?: number | string;
};

/** A customer's or a policy's completeness (H1.2): the percentage and each required document and field. */
export function CompletenessChecklist({ customerId, policyId, version }: Props) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [error, setError] = useState<unknown>(null);
  const language = (['zh-CN', 'zh-TW', 'en'].includes(i18n.language) ? i18n.language : 'zh-CN') as Language;

  useEffect(() => {
    let current = true;
    const request = customerId !== undefined ? invoke('completeness.customer', { customerId }) : invoke('completeness.policy', { policyId: policyId! });
    request.then(
      (value) => {
        if (!current) return;
        setChecklist(value);
        setError(null);
      },
      (e: unknown) => {
        if (current) setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [customerId, policyId, version]);

  const testId = customerId !== undefined ? `checklist-customer-${customerId}` : `checklist-policy-${policyId}`;
  if (error !== null) return <Alert type="error" showIcon title={errorMessage(error)} data-testid={`${testId}-error`} />;
  if (checklist === null) return <Skeleton active paragraph={{ rows: 4 }} data-testid={`${testId}-loading`} />;

  const documents = checklist.items.filter((i) => i.kind === 'document');
  const fields = checklist.items.filter((i) => i.kind === 'field');
  const row = (item: ChecklistItem, label: string, hint: string | null, key: string) => (
    <Flex key={key} gap={8} align="center" wrap data-testid={`checklist-item-${key}`} data-state={item.state}>
      {stateIcons[item.state]}
      <Typography.Text>{label}</Typography.Text>
      <Tag color={stateColours[item.state]}>{t(`checklist.states.${item.state}`)}</Tag>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </Flex>
  );

  return (
    <Card size="small" title={t('checklist.title')} data-testid={testId}>
      <Flex vertical gap={12}>
        <div>
          <Typography.Text strong data-testid="checklist-percent" data-percent={checklist.percent}>
            {t('checklist.completeness', { percent: checklist.percent })}
          </Typography.Text>
          <Progress percent={checklist.percent} showInfo={false} status={checklist.percent === 100 ? 'success' : 'normal'} />
        </div>
        {checklist.items.length === 0 && <Typography.Text type="secondary">{t('checklist.empty')}</Typography.Text>}
        {documents.length > 0 && (
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">{t('checklist.documents')}</Typography.Text>
            {documents.map((item) =>
              row(
                item,
                item.policyNumber ? `${item.names[language]} · ${item.policyNumber}` : item.names[language],
                item.state === 'lowQuality' ? t('checklist.reasons.lowQuality') : null,
                item.policyNumber ? `document-${item.code}-${item.policyNumber}` : `document-${item.code}`,
              ),
            )}
          </Flex>
        )}
        {fields.length > 0 && (
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">{t('checklist.fieldsTitle')}</Typography.Text>
            {fields.map((item) => {
              const key = reasonKey(item);
              return row(item, t(`checklist.fields.${item.field}`), key ? t(key) : null, `field-${item.field}`);
            })}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
