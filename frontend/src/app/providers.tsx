/**
 * Everything a screen relies on: react-query, preferences (language, elder mode) and the
 * i18n dictionary. antd's theme and locale are not here: they load with the first screen
 * built on antd (./withAntd.tsx), never on a resident's phone.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { I18nProvider } from '../i18n';
import { PreferencesProvider, usePreferences } from './preferences';
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

function LocalisedApp({ children }: { children: ReactNode }) {
  const { locale } = usePreferences();
  return <I18nProvider locale={locale}>{children}</I18nProvider>;
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <PreferencesProvider>
        <PreferencesSync />
        <LocalisedApp>{children}</LocalisedApp>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
