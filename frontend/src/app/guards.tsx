/**
 * Route guards: who may see a screen (logged in, capability) and where (kind of host).
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { HostKind } from '../api/types';
import { AppLayout } from './AppLayout';
import { hasAnyCapability, useMe, useSite } from './session';
import { Forbidden, FullPageSpinner, LoadError, NotFound } from './StatusPages';

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
  return <AppLayout me={me.data} site={site.data} />;
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
