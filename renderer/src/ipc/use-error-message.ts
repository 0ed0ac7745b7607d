import { useTranslation } from 'react-i18next';
import { IpcCallError } from './client.js';

/** Turns a refused call into the message for the user, dates in the user's locale. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (!(error instanceof IpcCallError)) return t('errors.INTERNAL');
    const details = { ...error.error.details };
    if (typeof details.until === 'string') {
      details.until = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(details.until));
    }
    return t(error.error.messageKey, details);
  };
}
