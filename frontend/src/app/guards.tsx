/**
 * Route guards: who may see a screen (logged in, capability) and where (kind of host).
 */
import { Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { HostKind } from '../api/types';
import { lazyPage } from './lazyPage';
import { hasAnyCapability, useMe, useSite } from './session';
import { Forbidden, FullPageSpinner, LoadError, NotFound } from './StatusPages';

// The logged-in frame (menu, drawer...) loads with the first logged-in screen, not with /login
// (main.tsx starts it early on a logged-in address).
export const AppLayout = lazyPage(() => import('./AppLayout'));

/** Where to go after login: only same-site paths, never an open redirect. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

export function RequireAuth() {
  const site = useSite();
  const me = useMe();
  const location = useLocation();
  if (site.isPending || me.isPending) return <FullPageSpinner />;
  if (site.isError) return <LoadError error={site.error} onRetry={() => site.refetch()} />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    const to = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
    return <Navigate to={to} replace />;
  }
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <AppLayout me={me.data} site={site.data} />
    </Suspense>
  );
}

export function RequireCapability({ anyOf, children }: { anyOf: readonly string[]; children: ReactNode }) {
  const { data: me } = useMe();
  return hasAnyCapability(me, anyOf) ? <>{children}</> : <Forbidden />;
}

export function HostOnly({ kind, children }: { kind: HostKind; children: ReactNode }) {
  const { data: site } = useSite();
  if (!site) return <FullPageSpinner />;
  return site.host_kind === kind ? <>{children}</> : <NotFound />;
}
