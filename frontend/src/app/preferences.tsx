/**
 * Language and elder mode (适老化 长辈模式): kept in localStorage for everyone and,
 * once logged in, on the user (`PATCH auth/me/`). While logged in the server's
 * values are the truth; a choice made on the login screen is carried over to
 * the account at login.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { setApiLanguage } from '../api/client';
import type { Me, MeUpdate } from '../api/types';
import { apiToLocale, DEFAULT_LOCALE, isLocale, localeToApi, type Locale } from '../i18n';
import { meQueryKey, patchMe } from './session';

export const LOCALE_STORAGE_KEY = 'linli.locale';
export const ELDER_STORAGE_KEY = 'linli.elderMode';

/** Base font sizes: elder mode scales text ×1.5. */
export const BASE_FONT_SIZE = 14;
export const ELDER_FONT_SIZE = 21;

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function initialLocale(): Locale {
  const stored = readStorage(LOCALE_STORAGE_KEY);
  const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  // Before the first request goes out (effects run after the children's queries start).
  setApiLanguage(localeToApi(locale));
  return locale;
}

export function initialElderMode(): boolean {
  return readStorage(ELDER_STORAGE_KEY) === 'true';
}

export interface PreferencesValue {
  locale: Locale;
  elderMode: boolean;
  setLocale: (locale: Locale) => void;
  setElderMode: (on: boolean) => void;
  /** Take the logged-in user's stored preferences. */
  adopt: (me: Pick<Me, 'language' | 'elder_mode'>) => void;
  /** At login: save choices made while logged out onto the account; returns the up-to-date user. */
  carryOver: (me: Me) => Promise<Me>;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [elderMode, setElderState] = useState<boolean>(initialElderMode);
  const anonymousChanges = useRef<MeUpdate>({});

  // Reflect the choices on the document: <html lang>, root font size, API language.
  useEffect(() => {
    document.documentElement.lang = locale;
    setApiLanguage(localeToApi(locale));
  }, [locale]);
  useEffect(() => {
    const root = document.documentElement;
    root.style.fontSize = elderMode ? `${(ELDER_FONT_SIZE / BASE_FONT_SIZE) * 100}%` : '';
    root.classList.toggle('elder-mode', elderMode);
  }, [elderMode]);

  const save = useCallback(
    (update: MeUpdate) => {
      const me = queryClient.getQueryData<Me | null>(meQueryKey);
      if (!me) {
        anonymousChanges.current = { ...anonymousChanges.current, ...update };
        return;
      }
      patchMe(update)
        .then((updated) => queryClient.setQueryData(meQueryKey, updated))
        .catch(() => {
          /* kept locally; the server copy catches up at the next change */
        });
    },
    [queryClient],
  );

  const setLocale = useCallback(
    (next: Locale) => {
      setApiLanguage(localeToApi(next));
      setLocaleState(next);
      writeStorage(LOCALE_STORAGE_KEY, next);
      save({ language: localeToApi(next) });
    },
    [save],
  );

  const setElderMode = useCallback(
    (on: boolean) => {
      setElderState(on);
      writeStorage(ELDER_STORAGE_KEY, String(on));
      save({ elder_mode: on });
    },
    [save],
  );

  const adopt = useCallback((me: Pick<Me, 'language' | 'elder_mode'>) => {
    const nextLocale = apiToLocale(me.language);
    setApiLanguage(localeToApi(nextLocale));
    setLocaleState(nextLocale);
    writeStorage(LOCALE_STORAGE_KEY, nextLocale);
    setElderState(!!me.elder_mode);
    writeStorage(ELDER_STORAGE_KEY, String(!!me.elder_mode));
  }, []);

  const carryOver = useCallback(async (me: Me): Promise<Me> => {
    const pending = anonymousChanges.current;
    anonymousChanges.current = {};
    const update: MeUpdate = {};
    if (pending.language !== undefined && pending.language !== me.language) update.language = pending.language;
    if (pending.elder_mode !== undefined && pending.elder_mode !== me.elder_mode) update.elder_mode = pending.elder_mode;
    if (Object.keys(update).length === 0) return me;
    try {
      return await patchMe(update);
    } catch {
      return { ...me, ...update };
    }
  }, []);

  const value = useMemo(
    () => ({ locale, elderMode, setLocale, setElderMode, adopt, carryOver }),
    [locale, elderMode, setLocale, setElderMode, adopt, carryOver],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences() outside <PreferencesProvider>');
  return value;
}
