/**
 * Support access (domain.md): the platform asks a firm for time-boxed access (platform host),
 * the firm's admins grant, decline, revoke or pre-approve (firm host), and the platform admin
 * enters the firm with a one-time ticket while the grant runs.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { meQueryKey } from '../../app/session';

type Schemas = components['schemas'];
export type SupportGrant = Schemas['SupportGrant'];
export type SupportPreapproval = Schemas['SupportPreapproval'];
export type SupportPreapprove = Schemas['SupportPreapproveRequest'];
export type SupportRequest = Schemas['SupportRequestRequest'];
export type SupportTicket = Schemas['SupportTicket'];
type Page<T> = { count: number; next?: string | null; previous?: string | null; results: T[] };

export const supportKeys = {
  grants: ['support', 'grants'] as const,
  preapprovals: ['support', 'preapprovals'] as const,
  platform: (firm: number) => ['support', 'platform', firm] as const,
};

/** Sends the browser into the firm (a function so tests can watch it). */
export const openFirm = { to: (url: string) => window.location.assign(url) };

// --- the firm host ---------------------------------------------------------------------------

export function useSupportGrants(enabled = true) {
  return useQuery({
    queryKey: supportKeys.grants,
    queryFn: ({ signal }) => api.get<Page<SupportGrant>>('support/grants/', { page_size: 100 }, signal),
    enabled,
    // a running grant ends by itself: look again now and then
    refetchInterval: 60_000,
  });
}

export function usePreapprovals() {
  return useQuery({
    queryKey: supportKeys.preapprovals,
    queryFn: ({ signal }) => api.get<Page<SupportPreapproval>>('support/preapprovals/', { page_size: 100 }, signal),
  });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verb }: { id: number; verb: 'approve' | 'decline' | 'revoke' }) =>
      api.post<SupportGrant>(`support/grants/${id}/${verb}/`),
    onSuccess: () => client.invalidateQueries({ queryKey: supportKeys.grants }),
  });
}

export function usePreapprove() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SupportPreapprove) => api.post<SupportPreapproval>('support/preapprovals/', body),
    onSuccess: () => client.invalidateQueries({ queryKey: supportKeys.preapprovals }),
  });
}

export function useEndPreapproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<SupportPreapproval>(`support/preapprovals/${id}/end/`),
    onSuccess: () => client.invalidateQueries({ queryKey: supportKeys.preapprovals }),
  });
}

/** Redeems the ticket the platform console opened this page with: a support session. */
export function useEnter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ticket: string) => api.post<Me>('support/enter/', { ticket }),
    onSuccess: (me) => client.setQueryData(meQueryKey, me),
  });
}

// --- the platform host -----------------------------------------------------------------------

export function useFirmSupportGrants(firm: number) {
  return useQuery({
    queryKey: supportKeys.platform(firm),
    queryFn: ({ signal }) => api.get<Page<SupportGrant>>('platform/support-grants/', { firm, page_size: 20 }, signal),
    enabled: Number.isFinite(firm),
    // the firm's admin answers from elsewhere: look again while a request waits or runs
    refetchInterval: 15_000,
  });
}

export function useAskSupport(firm: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<SupportRequest, 'firm'>) => api.post<SupportGrant>('platform/support-grants/', { ...body, firm }),
    onSuccess: () => client.invalidateQueries({ queryKey: supportKeys.platform(firm) }),
  });
}

/** The ticket's link, asked to go on to `next` (a path of the firm host) once it is redeemed. */
export function ticketUrl(url: string, next?: string): string {
  if (!next) return url;
  const link = new URL(url);
  link.searchParams.set('next', next);
  return link.toString();
}

/** Where a redeemed ticket goes: `next` when it is a plain path of this host, else the start page. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/support/enter')) return '/';
  return next;
}

export function useEnterFirm(next?: string) {
  return useMutation({
    mutationFn: (grant: number) => api.post<SupportTicket>(`platform/support-grants/${grant}/enter/`),
    onSuccess: (ticket) => openFirm.to(ticketUrl(ticket.url, next)),
  });
}
