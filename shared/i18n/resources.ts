import type { Language } from './languages.js';
import { en, type LocaleStrings } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';
import { zhTW } from './locales/zh-TW.js';

/** i18next resources for every language; both sides of the app load the same strings. */
export const resources: Record<Language, { translation: LocaleStrings }> = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
};
