import { useTranslation } from 'react-i18next';
import { ingestFormats } from '../../../../shared/i18n/ingest-formats.js';

/** Durations, decimals and file sizes in the user's language. */
export function useIngestFormats() {
  const { i18n } = useTranslation();
  return ingestFormats(i18n.language);
}
