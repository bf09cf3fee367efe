/**
 * Who is here and where: the host (`GET site/`) and the logged-in user
 * (`GET auth/session/`), shared through react-query so every screen reads the same copy.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { dropBooted } from '../api/boot';
import { api, isApiError } from '../api/client';
import type { Me, MeUpdate, Session, Site } from '../api/types';

export const siteQueryKey = ['site'] as const;
export const meQueryKey = ['auth', 'me'] as const;

export function fetchSite(): Promise<Site> {
  return api.get<Site>('site/');
}

/**
 * The logged-in user, or null when nobody is. Asked of `auth/session/`, which answers a visitor
 * 200 with null: `auth/me/` would answer 401, and the browser logs every 401 as an error on the
 * login page. A credential the server refuses (an ended support session) still comes back 401/403.
 */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await api.get<Session>('auth/session/')).user;
  } catch (error) {
    if (isApiError(error) && error.isAuthError) return null;
    throw error;
  }
}

export function patchMe(update: MeUpdate): Promise<Me> {
  return api.patch<Me>('auth/me/', update);
}

export function useSite() {
  return useQuery({ queryKey: siteQueryKey, queryFn: fetchSite, staleTime: Infinity });
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The name in the header: the firm's on a firm host, the platform console's on the public host. */
export function siteTitle(site: Site, platformTitle: string): string {
  return site.host_kind === 'firm' && site.firm ? site.firm.name : platformTitle;
}

export function hasCapability(me: Pick<Me, 'capabilities'> | null | undefined, capability: string): boolean {
  return !!me && me.capabilities.includes(capability);
}

export function hasAnyCapability(me: Pick<Me, 'capabilities'> | null | undefined, capabilities: readonly string[]): boolean {
  return capabilities.length === 0 || capabilities.some((c) => hasCapability(me, c));
}

const RESIDENT_ROLES = new Set(['resident', 'committee']);

/** Only resident-side roles (resident, committee member): the home is their own, not a console. */
export function isResidentOnly(me: Pick<Me, 'roles'>): boolean {
  return me.roles.length > 0 && me.roles.every((r) => RESIDENT_ROLES.has(r.role));
}

/** Cached answers that belong to no one in particular and survive a change of user. */
const SHARED_QUERY_ROOTS: readonly unknown[] = [siteQueryKey[0], meQueryKey[0], 'invitation'];

/**
 * At logout or login: forget every answer fetched on the previous user's behalf.
 * The `me` entry is set, never removed: removing it would detach the components
 * already watching it, and they would miss the next user.
 */
export function clearSession(queryClient: QueryClient, me: Me | null = null): void {
  dropBooted();
  queryClient.removeQueries({ predicate: (q) => !SHARED_QUERY_ROOTS.includes(q.queryKey[0]) });
  queryClient.setQueryData(meQueryKey, me);
}
