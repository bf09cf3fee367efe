/**
 * Billing: the firm's own subscription (its host) and every firm's billing (the platform
 * console). Checkout and the Portal are Stripe pages: the server makes the session, the
 * browser goes to its URL.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  BillingSummary,
  CheckoutBody,
  CollectionBody,
  ExtensionBody,
  InvoicingDetails,
  InvoicingDetailsBody,
  OutOfBandBody,
  PaginatedInvoices,
  PaginatedPlatformAccounts,
  PlatformAccount,
  PlatformTotals,
  SessionUrl,
  BillingInvoice,
} from './types';

export const billingKeys = {
  summary: ['billing', 'summary'] as const,
  invoices: ['billing', 'invoices'] as const,
  platform: ['billing', 'platform'] as const,
  totals: ['billing', 'platform', 'totals'] as const,
};

/** Sends the browser to a Stripe page (a function so tests can watch it). */
export const redirect = { to: (url: string) => window.location.assign(url) };

export function useBillingSummary(enabled = true) {
  return useQuery({
    queryKey: billingKeys.summary,
    queryFn: ({ signal }) => api.get<BillingSummary>('billing/', undefined, signal),
    enabled,
  });
}

export function useInvoices() {
  return useQuery({
    queryKey: billingKeys.invoices,
    queryFn: ({ signal }) => api.get<PaginatedInvoices>('billing/invoices/', { page_size: 24 }, signal),
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: (body: CheckoutBody) => api.post<SessionUrl>('billing/checkout/', body),
    onSuccess: (session) => redirect.to(session.url),
  });
}

export function usePortal() {
  return useMutation({
    mutationFn: () => api.post<SessionUrl>('billing/portal/'),
    onSuccess: (session) => redirect.to(session.url),
  });
}

export function useSaveInvoicing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvoicingDetailsBody) => api.patch<InvoicingDetails>('billing/invoicing/', body),
    onSuccess: () => client.invalidateQueries({ queryKey: billingKeys.summary }),
  });
}

// --- the platform console ---------------------------------------------------------------------

export function usePlatformAccounts(page: number) {
  return useQuery({
    queryKey: [...billingKeys.platform, page],
    queryFn: ({ signal }) => api.get<PaginatedPlatformAccounts>('platform/billing/accounts/', { page, page_size: 50 }, signal),
  });
}

export function usePlatformTotals() {
  return useQuery({
    queryKey: billingKeys.totals,
    queryFn: ({ signal }) => api.get<PlatformTotals>('platform/billing/accounts/totals/', undefined, signal),
  });
}

function usePlatformMutation<B, R>(fn: (args: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: billingKeys.platform }),
  });
}

export const useSetCollection = () =>
  usePlatformMutation(({ id, body }: { id: number; body: CollectionBody }) =>
    api.post<PlatformAccount>(`platform/billing/accounts/${id}/collection/`, body),
  );

export const useExtend = () =>
  usePlatformMutation(({ id, body }: { id: number; body: ExtensionBody }) =>
    api.post<PlatformAccount>(`platform/billing/accounts/${id}/extend/`, body),
  );

export const useRecordTransfer = () =>
  usePlatformMutation(({ id, body }: { id: number; body: OutOfBandBody }) =>
    api.post<BillingInvoice>(`platform/billing/invoices/${id}/paid-out-of-band/`, body),
  );
