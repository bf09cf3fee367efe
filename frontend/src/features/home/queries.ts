/**
 * The resident home's reads, as plain query options with the keys their features use
 * (estates' `me/home/`, complaints' list), so main.tsx can start them as soon as it knows a
 * resident is logged in, before the home's code has arrived. Imports nothing heavy.
 */
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PaginatedRequests } from '../complaints/types';
import type { PaginatedStatements, Statement, StatementDetail } from '../disclosure/types';
import type { PaginatedScores } from '../scoring/types';
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
  const homes = queryClient.fetchQuery(myHomeQuery);
  void queryClient.prefetchQuery(openRequestsQuery);
  // The 小区公示 card's reads as soon as the homes are known rather than when the card mounts
  // (its statement's figures are a second round trip after the list): on the slow phone of
  // bench/frontend this puts them before the home's first paint instead of after it.
  homes
    .then((units) => {
      for (const estate of new Set(units.map((u) => u.estate_id))) {
        void queryClient.prefetchQuery(latestScoresQuery(estate));
        queryClient
          .fetchQuery(publishedStatementsQuery(estate))
          .then((page) => {
            const latest = latestStatement(page.results);
            if (latest) void queryClient.prefetchQuery(statementQuery(latest.id));
          })
          .catch(() => {
            /* the card asks again */
          });
      }
    })
    .catch(() => {
      /* the home asks again */
    });
}

/** The statement the home shows: the one whose period ends last; on a tie the longer one (the
 * quarter's pack rather than its last month's detail). */
export function latestStatement(rows: readonly Statement[]): Statement | undefined {
  return [...rows].sort(
    (a, b) => b.period_end.localeCompare(a.period_end) || a.period_start.localeCompare(b.period_start) || b.id - a.id,
  )[0];
}

/** The estate's latest published statements (公共收益公示), newest period first: a few, so the
 * card can prefer the quarter's pack over its last month (see `latestStatement`). A resident
 * reads only their own estates' published statements (disclosure.selectors.statement_list). */
export const publishedStatementsQuery = (estate: number) => ({
  queryKey: ['disclosure', 'statements', estate, 'published'] as const,
  staleTime: FRESH_MS,
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get<PaginatedStatements>('statements/', { estate, status: 'published', page_size: 4 }, signal),
});

/** One statement with its frozen figures: the key and address the statement page uses
 * (disclosure/api.ts `useStatement`), so opening it from the home draws it from the cache. */
export const statementQuery = (id: number) => ({
  queryKey: ['disclosure', 'statement', id] as const,
  staleTime: FRESH_MS,
  queryFn: ({ signal }: { signal?: AbortSignal }) => api.get<StatementDetail>(`statements/${id}/`, undefined, signal),
});

/** The estate's two latest published scores (the latest and the one it is compared with). */
export const latestScoresQuery = (estate: number) => ({
  queryKey: ['scoring', 'scores', estate, 'latest'] as const,
  staleTime: FRESH_MS,
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    api.get<PaginatedScores>('scoring/scores/', { estate, page_size: 2 }, signal),
});
