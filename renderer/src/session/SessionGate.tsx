import { Result, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveStatus, SessionUser } from '../../../shared/ipc/contract.js';
import { invoke, on } from '../ipc/client.js';
import { CreateArchiveWizard } from './CreateArchiveWizard.js';
import { SignInForm } from './SignInForm.js';
import { useActivityReport } from './use-activity.js';

type GateState = ArchiveStatus & { lockedBecause?: 'idle' | 'signOut' };

/**
 * Nothing of the archive shows until it is unlocked: first start runs the creation wizard,
 * a locked archive asks for a password, and an idle lock brings the sign-in back.
 */
export function SessionGate({ children, frame }: { children: (user: SessionUser) => ReactNode; frame: (content: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<GateState | null>(null);
  // The wizard stays up after the archive opens, until the recovery sheet is acknowledged.
  const [wizard, setWizard] = useState(false);

  useEffect(() => {
    void invoke('archive.status', {}).then((initial) => {
      setStatus(initial);
      setWizard(initial.state === 'none');
    });
    return on('session.changed', setStatus);
  }, []);
  useActivityReport(status?.state === 'open');

  const opened = (user: SessionUser) => {
    setWizard(false);
    setStatus({ state: 'open', user });
  };

  if (!status) return frame(<Spin size="large" />);
  if (wizard) return frame(<CreateArchiveWizard onCreated={opened} />);
  switch (status.state) {
    case 'open':
      return children(status.user!);
    case 'none':
      return frame(<CreateArchiveWizard onCreated={opened} />);
    case 'locked':
      return frame(
        <SignInForm
          onSignedIn={opened}
          {...(status.lockedBecause ? { notice: t(status.lockedBecause === 'idle' ? 'session.lockedIdle' : 'session.signedOut') } : {})}
        />
      );
    case 'unavailable':
      return frame(<Result status="error" title={t('session.unavailable')} subTitle={t(`errors.${status.reason ?? 'INTERNAL'}`)} data-testid="archive-unavailable" />);
  }
}
