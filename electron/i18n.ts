import i18next, { type TFunction } from 'i18next';
import { type Language } from '../shared/i18n/languages.js';
import { resources } from '../shared/i18n/resources.js';

/** A translator for main-process text that is shown directly (CLI output, dialogs). */
export function translator(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({ lng: language, fallbackLng: false, resources, initAsync: false, interpolation: { escapeValue: false } });
  return instance.t;
}
