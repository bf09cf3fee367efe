/**
 * The responsibility list (权责清单) API: an estate's overview (the list in force, the pending
 * proposal, the history, what the reader may do), the starting list, proposing, agreeing and
 * declining. react-query hooks over the generated types.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DutyItem, Overview } from './types';

export const dutyKeys = {
  all: ['responsibilities'] as const,
  overview: (estate: number) => ['responsibilities', 'overview', estate] as const,
  defaults: ['responsibilities', 'defaults'] as const,
};

export function useOverview(estate: number | undefined) {
  return useQuery({
    queryKey: dutyKeys.overview(estate ?? 0),
    queryFn: ({ signal }) => api.get<Overview>('responsibilities/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useDefaults(enabled: boolean) {
  return useQuery({
    queryKey: dutyKeys.defaults,
    queryFn: ({ signal }) => api.get<DutyItem[]>('responsibilities/defaults/', undefined, signal),
    enabled,
    staleTime: Infinity,
  });
}

function useDutyMutation<T>(fn: (input: T) => Promise<Overview>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (overview) => client.setQueryData(dutyKeys.overview(overview.estate), overview),
  });
}

export function usePropose() {
  return useDutyMutation((input: { estate: number; items: DutyItem[]; note: string }) =>
    api.post<Overview>('responsibilities/', input),
  );
}

export function useAgree() {
  return useDutyMutation((id: number) => api.post<Overview>(`responsibilities/${id}/agree/`));
}

export function useDecline() {
  return useDutyMutation(({ id, reason }: { id: number; reason: string }) =>
    api.post<Overview>(`responsibilities/${id}/decline/`, { reason }),
  );
}
