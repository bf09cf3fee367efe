/**
 * The two UI languages and how they are spelled elsewhere: in Intl (number, date and
 * plural rules), and in the API (`Me.language`, `Accept-Language`).
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
/** Simplified Chinese is the default; English is switchable. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Dates and times are shown in the estates' timezone whatever the browser's. */
export const TIME_ZONE = 'Asia/Shanghai';
/** Money is renminbi. */
export const CURRENCY = 'CNY';

/** The Intl locale of a UI language: English uses British conventions (day/month/year). */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'zh-CN';
}

/** The language code the backend stores on the user (`Me.language`) and reads from `Accept-Language`. */
export type ApiLanguage = 'zh-hans' | 'en';

export function localeToApi(locale: Locale): ApiLanguage {
  return locale === 'en' ? 'en' : 'zh-hans';
}

export function apiToLocale(language: string | null | undefined): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}
