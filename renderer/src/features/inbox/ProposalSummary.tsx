import { WarningOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Proposal, ProposalReason } from '../../../../shared/ipc/methods/ingest.js';

/** Why Dossier proposes something, as a sentence: what was found and on which page. */
export function reasonText(t: TFunction, reason: ProposalReason): string {
  return t(`inbox.reason.${reason.kind}`, { value: reason.value ?? '', page: reason.page ?? '', context: reason.page === null ? 'noPage' : undefined });
}

/** A reason sentence; a near match of an ID number stands out, as it needs checking. */
function Reason({ reason }: { reason: ProposalReason }) {
  const { t } = useTranslation();
  const near = reason.kind === 'idNumberNear';
  return (
    <Typography.Text type={near ? 'warning' : 'secondary'} style={{ fontSize: 12 }} data-testid="proposal-reason" data-kind={reason.kind}>
      {near && <WarningOutlined style={{ marginInlineEnd: 4 }} />}
      {reasonText(t, reason)}
    </Typography.Text>
  );
}

/** What Dossier proposes to file an inbox document as: customer, policy and type, each with its reason. */
export function ProposalSummary({ proposal, typeName }: { proposal: Proposal; typeName: (id: string) => string | null }) {
  const { t, i18n } = useTranslation();
  const others = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(proposal.alternatives.map((a) => a.name));
  const line = (label: string, value: string, reason: ProposalReason, testId: string) => (
    <Flex vertical data-testid={testId}>
      <span>
        <Typography.Text type="secondary">{label}: </Typography.Text>
        <Typography.Text strong>{value}</Typography.Text>
      </span>
      <Reason reason={reason} />
    </Flex>
  );
  return (
    <Flex vertical gap={4} data-testid="proposal">
      {proposal.customer ? (
        line(t('inbox.customer'), proposal.customer.name, proposal.customer.reason, 'proposal-customer')
      ) : (
        <Typography.Text type="secondary">{t('inbox.noProposal')}</Typography.Text>
      )}
      {proposal.policy && line(t('inbox.policy'), proposal.policy.policyNumber, proposal.policy.reason, 'proposal-policy')}
      {proposal.documentType && line(t('inbox.documentType'), typeName(proposal.documentType.id) ?? proposal.documentType.code, proposal.documentType.reason, 'proposal-type')}
      {proposal.alternatives.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inbox.alternatives', { names: others })}
        </Typography.Text>
      )}
    </Flex>
  );
}
