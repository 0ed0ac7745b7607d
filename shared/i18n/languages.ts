export const languages = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

/** Maps a POSIX or BCP 47 locale name (zh_TW.UTF-8, en-US, zh-Hant) to a supported language. */
export function languageFromLocale(locale: string | undefined): Language {
  const l = (locale ?? '').toLowerCase().replace('_', '-');
  if (l.startsWith('en')) return 'en';
  if (/^zh-(tw|hk|mo|hant)/.test(l)) return 'zh-TW';
  return defaultLanguage;
}
