/**
 * Translation with FormatJS (intl-messageformat): every message is ICU MessageFormat.
 * `{name}` fills in a value; `{count, plural, one {# rating} other {# ratings}}`
 * picks the language's plural form (Chinese has one form, English two).
 *
 * Screens call `const t = useT(); t('key', { values })`: `key` must be a key of the
 * dictionaries (checked by the compiler). zh-CN is the default; English is the one
 * other language. (react-intl's context is not provided: no screen used it, and it weighed
 * as much as a screen on a phone.)
 *
 * Only the Chinese dictionary is in the first download: the English one (as large again)
 * is fetched when English is chosen (`loadLocale`); until it arrives the screen stays in
 * the language it was in. Tests register it up front (./testSetup.ts).
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, intlLocale, LOCALES, TIME_ZONE, type Locale } from './locale';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey, Messages };
export {
  apiToLocale,
  CURRENCY,
  DEFAULT_LOCALE,
  intlLocale,
  isLocale,
  localeToApi,
  LOCALES,
  TIME_ZONE,
  type ApiLanguage,
  type Locale,
} from './locale';

/** The dictionaries loaded so far (zh-CN always; English once `loadLocale('en')` has resolved). */
export const dictionaries: Partial<Record<Locale, Messages>> & { 'zh-CN': Messages } = { 'zh-CN': zhCN };

const loaders: Record<Locale, () => Promise<Messages>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en').then((m) => m.en),
};
const pending = new Map<Locale, Promise<void>>();
const listeners = new Set<() => void>();
let loadedVersion = 0;

/** Make a dictionary available (the loader below; tests register English up front). */
export function registerDictionary(locale: Locale, messages: Messages): void {
  dictionaries[locale] = messages;
  loadedVersion += 1;
  listeners.forEach((listener) => listener());
}

export function isLocaleLoaded(locale: Locale): boolean {
  return dictionaries[locale] !== undefined;
}

/** Fetch a language's dictionary once (a failed fetch is tried again on the next call). */
export function loadLocale(locale: Locale): Promise<void> {
  if (isLocaleLoaded(locale)) return Promise.resolve();
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale]().then(
      (messages) => registerDictionary(locale, messages),
      (error: unknown) => {
        pending.delete(locale);
        throw error;
      },
    );
    pending.set(locale, promise);
  }
  return promise;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Is `key` a message of the dictionaries (for keys built at run time, such as `error.${code}`)? */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** Values for a message: numbers for `plural`/`number` arguments, strings or numbers otherwise. */
export type Vars = Record<string, string | number>;

export type TFunction = (key: MessageKey, vars?: Vars) => string;

/**
 * What happens to a broken message (a missing key, a value not given): it is shown as
 * the key or the raw message, and reported here. Development builds warn in the console;
 * tests may install their own handler (it returns the previous one).
 */
export type I18nErrorHandler = (error: Error) => void;

const warnInDevelopment: I18nErrorHandler = (error) => {
  if (import.meta.env.DEV && import.meta.env.MODE !== 'test') console.warn(`[i18n] ${error.message}`);
};
let errorHandler: I18nErrorHandler = warnInDevelopment;

export function setI18nErrorHandler(handler: I18nErrorHandler | null): I18nErrorHandler {
  const previous = errorHandler;
  errorHandler = handler ?? warnInDevelopment;
  return previous;
}

function localeOf(messages: Messages): Locale {
  return LOCALES.find((locale) => dictionaries[locale] === messages) ?? DEFAULT_LOCALE;
}

// Dates inside messages are shown in the firm's time zone, as formatDate shows them.
const formatters = {
  getNumberFormat: memoize(
    (locale?: string | string[], options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
  ),
  getDateTimeFormat: memoize(
    (locale?: string | string[], options?: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options }),
  ),
  getPluralRules: memoize(
    (locale?: string | string[], options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
  ),
};

function memoize<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) {
      value = make(...args);
      made.set(key, value);
    }
    return value;
  };
}

/** Parsed messages, per dictionary and key (each message is parsed the first time it shows). */
const compiled = new Map<Messages, Map<string, IntlMessageFormat>>();

function compile(messages: Messages, key: MessageKey): IntlMessageFormat {
  let byKey = compiled.get(messages);
  if (!byKey) {
    byKey = new Map();
    compiled.set(messages, byKey);
  }
  let format = byKey.get(key);
  if (!format) {
    // ignoreTag: `<` in a message is text, not a rich-text tag.
    format = new IntlMessageFormat(messages[key], intlLocale(localeOf(messages)), undefined, { formatters, ignoreTag: true });
    byKey.set(key, format);
  }
  return format;
}

/**
 * Formats one message. A value that is not given leaves the message as written
 * (`{name}` shows), a key that does not exist shows the key; both are reported.
 */
export function translate(messages: Messages, key: MessageKey, vars?: Vars): string {
  if (!Object.prototype.hasOwnProperty.call(messages, key)) {
    errorHandler(new Error(`Missing message: "${key}" for locale "${intlLocale(localeOf(messages))}"`));
    return key;
  }
  try {
    return String(compile(messages, key).format(vars));
  } catch (error) {
    errorHandler(new Error(`Cannot format message "${key}": ${error instanceof Error ? error.message : String(error)}`));
    return messages[key];
  }
}

const tFunctions = new Map<Locale, TFunction>();

/**
 * `t` for a locale outside React (tests, helpers); the same function every time. A language
 * whose dictionary is not loaded yet speaks Chinese meanwhile.
 */
export function tFor(locale: Locale): TFunction {
  let t = tFunctions.get(locale);
  if (!t) {
    t = (key, vars) => translate(dictionaries[locale] ?? zhCN, key, vars);
    tFunctions.set(locale, t);
  }
  return t;
}

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/**
 * The chosen language's messages; while its dictionary is on the way, the language whose
 * dictionary is there (Chinese), so nothing shows a raw key.
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  useSyncExternalStore(subscribe, () => loadedVersion);
  useEffect(() => {
    void loadLocale(locale).catch(() => {
      /* offline: stays in Chinese; the next switch tries again */
    });
  }, [locale]);
  const shown: Locale = isLocaleLoaded(locale) ? locale : DEFAULT_LOCALE;
  return <LocaleContext.Provider value={shown}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `const t = useT(); t('complaints.kpi.ratedCount', { count: 3 })`. */
export function useT(): TFunction {
  const locale = useLocale();
  return useMemo(() => tFor(locale), [locale]);
}
