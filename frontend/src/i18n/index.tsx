/**
 * A small typed dictionary i18n: `useT()` returns `t(key, vars)` where `key` must
 * be a key of the dictionaries (checked by the compiler). zh-CN is the default.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey, Messages };

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** The language code the backend stores on the user (`Me.language`). */
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

export type Vars = Record<string, string | number>;

export function translate(messages: Messages, key: MessageKey, vars?: Vars): string {
  const template = messages[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

export type TFunction = (key: MessageKey, vars?: Vars) => string;

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): TFunction {
  const locale = useLocale();
  return useCallback((key: MessageKey, vars?: Vars) => translate(dictionaries[locale], key, vars), [locale]);
}
