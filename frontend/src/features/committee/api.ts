/**
 * The committee API: filings (备案) on the firm host, the roster and its history, the chair's
 * record of a resignation; the platform's review queue on the platform host. react-query hooks
 * over the generated types. A filing is multipart (the receipt scan), sent with complaints'
 * `send`, which posts FormData or JSON and keeps the whole error body.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { send } from '../complaints/api';
import type {
  Filing,
  FilingForm,
  FilingStatus,
  PaginatedFilings,
  PaginatedPlatformFilings,
  PaginatedRosterEvents,
  PlatformFiling,
  Roster,
  Seat,
} from './types';

export const PAGE_SIZE = 20;

export const committeeKeys = {
  all: ['committee'] as const,
  roster: (estate: number) => ['committee', 'roster', estate] as const,
  history: (estate: number, page: number) => ['committee', 'history', estate, page] as const,
  filings: (page: number) => ['committee', 'filings', page] as const,
  queue: (status: FilingStatus | 'all', page: number) => ['platform-filings', 'list', status, page] as const,
  review: (id: number) => ['platform-filings', 'detail', id] as const,
};

export function useRoster(estate: number | undefined) {
  return useQuery({
    queryKey: committeeKeys.roster(estate ?? 0),
    queryFn: ({ signal }) => api.get<Roster>(`committee/rosters/${estate}/`, undefined, signal),
    enabled: estate !== undefined,
  });
}

export function useRosterHistory(estate: number | undefined, page: number) {
  return useQuery({
    queryKey: committeeKeys.history(estate ?? 0, page),
    queryFn: ({ signal }) =>
      api.get<PaginatedRosterEvents>(`committee/rosters/${estate}/history/`, { page, page_size: PAGE_SIZE }, signal),
    enabled: estate !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useMyFilings(page: number) {
  return useQuery({
    queryKey: committeeKeys.filings(page),
    queryFn: ({ signal }) => api.get<PaginatedFilings>('committee/filings/', { page, page_size: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The multipart body of a filing: the fields, the members as one JSON text, the receipt. */
export function filingBody(form: FilingForm): FormData {
  const body = new FormData();
  body.append('estate', String(form.estate));
  for (const key of [
    'number',
    'street_authority',
    'housing_authority',
    'election_date',
    'filed_on',
    'term_start',
    'term_end',
  ] as const) {
    body.append(key, form[key]);
  }
  body.append('members', JSON.stringify(form.members));
  body.append('receipt', form.receipt);
  return body;
}

export function useSubmitFiling() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: FilingForm) => send<Filing>('committee/filings/', filingBody(form)),
    onSuccess: () => client.invalidateQueries({ queryKey: committeeKeys.all }),
  });
}

export function useResign(estate: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (seat: number) => api.post<Seat>(`committee/seats/${seat}/resign/`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: committeeKeys.roster(estate) });
      void client.invalidateQueries({ queryKey: ['committee', 'history', estate] });
    },
  });
}

// --- the platform's review queue ----------------------------------------------------------------

export function useFilingQueue(status: FilingStatus | 'all', page: number) {
  return useQuery({
    queryKey: committeeKeys.queue(status, page),
    queryFn: ({ signal }) =>
      api.get<PaginatedPlatformFilings>(
        'platform/filings/',
        { status: status === 'all' ? undefined : status, page, page_size: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useFilingReview(id: number) {
  return useQuery({
    queryKey: committeeKeys.review(id),
    queryFn: ({ signal }) => api.get<PlatformFiling>(`platform/filings/${id}/`, undefined, signal),
    enabled: Number.isFinite(id),
  });
}

function useReviewed() {
  const client = useQueryClient();
  return (filing: PlatformFiling) => {
    client.setQueryData(committeeKeys.review(filing.id), filing);
    void client.invalidateQueries({ queryKey: ['platform-filings', 'list'] });
  };
}

export function useConfirmFiling(id: number) {
  const reviewed = useReviewed();
  return useMutation({
    mutationFn: () => api.post<PlatformFiling>(`platform/filings/${id}/confirm/`),
    onSuccess: reviewed,
  });
}

export function useRejectFiling(id: number) {
  const reviewed = useReviewed();
  return useMutation({
    mutationFn: (reason: string) => api.post<PlatformFiling>(`platform/filings/${id}/reject/`, { reason }),
    onSuccess: reviewed,
  });
}
