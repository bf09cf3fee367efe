/**
 * The resident home's two reads, as plain query options with the keys their features use
 * (estates' `me/home/`, complaints' list), so main.tsx can start them as soon as it knows a
 * resident is logged in, before the home's code has arrived. Imports nothing heavy.
 */
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PaginatedRequests } from '../complaints/types';
import type { HomeUnit } from '../estates/types';

/** Open statuses (complaints/types.ts OPEN_STATUSES), written out to keep this module light,
 * and `resolved`: resolved is not closed, it waits for the resident to rate it or reopen it, so
 * it stays on their home until they have. */
export const OPEN_FILTER = {
  mine: true,
  status: 'submitted,reopened,accepted,in_progress,deferred,resolved',
  page_size: 5,
} as const;

/** Answers this young are shown without asking again when the home mounts: the reads started
 * before the home's code arrived (index.html's first script, main.tsx) are not sent twice. */
const FRESH_MS = 10_000;

export const myHomeQuery = {
  queryKey: ['estates', 'my-home'] as const,
  staleTime: FRESH_MS,
  queryFn: ({ signal }: { signal?: AbortSignal }) => api.get<HomeUnit[]>('me/home/', undefined, signal),
};

export const openRequestsQuery = {
  queryKey: ['complaints', 'list', OPEN_FILTER] as const,
  staleTime: FRESH_MS,
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get<PaginatedRequests>(
      'complaints/',
      { mine: 'true', status: OPEN_FILTER.status, page_size: OPEN_FILTER.page_size },
      signal,
    ),
};

export function prefetchResidentHome(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(myHomeQuery);
  void queryClient.prefetchQuery(openRequestsQuery);
}
