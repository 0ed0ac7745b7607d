import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentType } from '../../../../shared/domain/document-type.js';
import { defaultLanguage, type Language, languages } from '../../../../shared/i18n/languages.js';
import { invoke } from '../../ipc/client.js';

/**
 * The document-type catalogue for choosing and naming types: `name` finds a type by id or code
 * and gives its name in the user's language; null until the catalogue has loaded.
 */
export function useDocumentTypes() {
  const { i18n } = useTranslation();
  const [types, setTypes] = useState<DocumentType[]>([]);
  useEffect(() => {
    let current = true;
    invoke('documentTypes.list', {}).then(
      (list) => {
        if (current) setTypes(list);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  const language: Language = (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : defaultLanguage;
  const name = (idOrCode: string | null | undefined): string | null => {
    if (!idOrCode) return null;
    const type = types.find((t) => t.id === idOrCode || t.code === idOrCode);
    return type ? type.names[language] : null;
  };
  /** Types in use, for a select. */
  const options = types.filter((t) => t.active).map((t) => ({ value: t.id, label: t.names[language] }));
  return { name, options };
}
