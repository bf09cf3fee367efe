/**
 * The votes API (业主大会表决) as react-query hooks over the generated types. Every lifecycle
 * write answers with the fresh vote, which replaces the cached one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import { send } from '../complaints/api';
import type { Ballots, BallotRow, CastResult, Elector, ReceiptAnswer, Vote, VoteBody, VoteListItem, VoteWrite } from './types';

export const voteKeys = {
  all: ['votes'] as const,
  list: (estate: number) => ['votes', 'list', estate] as const,
  one: (id: number) => ['votes', 'one', id] as const,
  ballots: (id: number) => ['votes', 'ballots', id] as const,
  electors: (id: number) => ['votes', 'electors', id] as const,
};

export function useVotes(estate: number | undefined) {
  return useQuery({
    queryKey: voteKeys.list(estate ?? 0),
    queryFn: ({ signal }) => api.get<VoteListItem[]>('votes/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useVote(id: number, enabled = true) {
  return useQuery({
    queryKey: voteKeys.one(id),
    queryFn: ({ signal }) => api.get<Vote>(`votes/${id}/`, undefined, signal),
    enabled: enabled && Number.isFinite(id) && id > 0,
  });
}

export function useBallots(id: number, enabled: boolean) {
  return useQuery({
    queryKey: voteKeys.ballots(id),
    queryFn: ({ signal }) => api.get<Ballots>(`votes/${id}/ballots/`, undefined, signal),
    enabled,
  });
}

export function useElectors(id: number, enabled: boolean) {
  return useQuery({
    queryKey: voteKeys.electors(id),
    queryFn: ({ signal }) => api.get<Elector[]>(`votes/${id}/electors/`, undefined, signal),
    enabled,
  });
}

function useRefresh(id: number) {
  const queryClient = useQueryClient();
  return (vote?: Vote) => {
    if (vote) queryClient.setQueryData(voteKeys.one(id), vote);
    else void queryClient.invalidateQueries({ queryKey: voteKeys.one(id) });
    void queryClient.invalidateQueries({ queryKey: ['votes', 'list'] });
    void queryClient.invalidateQueries({ queryKey: voteKeys.ballots(id) });
    void queryClient.invalidateQueries({ queryKey: voteKeys.electors(id) });
  };
}

export function useCreateVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VoteBody) => api.post<Vote>('votes/', body),
    onSuccess: (vote) => {
      queryClient.setQueryData(voteKeys.one(vote.id), vote);
      void queryClient.invalidateQueries({ queryKey: ['votes', 'list'] });
    },
  });
}

export function useUpdateVote(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: VoteWrite) => request<Vote>(`votes/${id}/`, { method: 'PUT', body }),
    onSuccess: (vote) => refresh(vote),
  });
}

export type Step = 'announce' | 'open' | 'close' | 'publish';

export function useVoteStep(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (step: Step) => api.post<Vote>(`votes/${id}/${step}/`),
    onSuccess: (vote) => refresh(vote),
  });
}

export function useCast(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: { choice: number; elector?: number }) => api.post<CastResult>(`votes/${id}/cast/`, body),
    onSuccess: () => refresh(),
  });
}

export function usePaper(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (form: { elector: number; choice: number; scan: File; note: string }) => {
      const body = new FormData();
      body.append('elector', String(form.elector));
      body.append('choice', String(form.choice));
      body.append('scan', form.scan);
      body.append('note', form.note);
      return send<BallotRow>(`votes/${id}/paper/`, body);
    },
    onSuccess: () => refresh(),
  });
}

export function useConfirmPaper(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: { ballot: number; accept: boolean }) => api.post<BallotRow>(`votes/${id}/confirm/`, body),
    onSuccess: () => refresh(),
  });
}

export function useCheckReceipt(id: number) {
  return useMutation({
    mutationFn: (receipt: string) => api.post<ReceiptAnswer>(`votes/${id}/receipt/`, { receipt }),
  });
}
