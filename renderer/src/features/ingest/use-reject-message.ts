import { useTranslation } from 'react-i18next';
import { rejectMessage } from '../../../../shared/i18n/ingest-formats.js';
import type { RejectReason } from '../../../../shared/ipc/methods/ingest.js';

/** Why a file was refused, in the user's language. */
export function useRejectMessage(): (reason: RejectReason, values: Record<string, string | number> | null) => string {
  const { t, i18n } = useTranslation();
  return (reason, values) => rejectMessage(t, i18n.language, reason, values);
}
