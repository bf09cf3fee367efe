/**
 * Everything a screen relies on: react-query, preferences (language, elder mode),
 * the i18n dictionary and antd's theme and locale.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { isApiError } from '../api/client';
import { I18nProvider } from '../i18n';
import { BASE_FONT_SIZE, ELDER_FONT_SIZE, PreferencesProvider, usePreferences } from './preferences';
import { useMe } from './session';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not fix itself: do not hammer the server with it.
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** Once per logged-in user: take their stored language and elder mode. */
function PreferencesSync() {
  const { data: me } = useMe();
  const { adopt } = usePreferences();
  const adoptedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!me) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current !== me.id) {
      adoptedFor.current = me.id;
      adopt(me);
    }
  }, [me, adopt]);
  return null;
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { locale, elderMode } = usePreferences();
  const scale = elderMode ? ELDER_FONT_SIZE / BASE_FONT_SIZE : 1;
  return (
    <I18nProvider locale={locale}>
      <ConfigProvider
        locale={locale === 'en' ? enUS : zhCN}
        theme={{
          algorithm: antTheme.defaultAlgorithm,
          token: {
            fontSize: elderMode ? ELDER_FONT_SIZE : BASE_FONT_SIZE,
            controlHeight: Math.round(32 * scale),
            controlHeightSM: Math.round(24 * scale),
            controlHeightLG: Math.round(40 * scale),
            colorPrimary: '#1677ff',
          },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <PreferencesProvider>
        <PreferencesSync />
        <ThemedApp>{children}</ThemedApp>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
