import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, languages } from '../../../shared/i18n/languages.js';

export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (language: Language) => void }) {
  const { t } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={value}
      onChange={onChange}
      style={{ width: 130 }}
      options={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
