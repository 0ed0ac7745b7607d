import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';

void i18next.use(initReactI18next).init({
  lng: defaultLanguage,
  fallbackLng: false,
  resources,
  initAsync: false,
  interpolation: { escapeValue: false },
});

export default i18next;
