/**
 * Tracked decisions (事事有回音): the estate's list, one item with its timeline and linked
 * ledger lines, and the writes (create, progress, report, return, done, link).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Decision, DecisionDetail, DecisionOwnerOption, Topic, VoteRow } from './types';

export const decisionKeys = {
  all: ['decisions'] as const,
  list: (estate: number | undefined) => ['decisions', 'list', estate ?? 0] as const,
  one: (id: number) => ['decisions', 'one', id] as const,
};

export function useDecisions(estate: number | undefined) {
  return useQuery({
    queryKey: decisionKeys.list(estate),
    queryFn: ({ signal }) => api.get<Decision[]>('decisions/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useDecision(id: number) {
  return useQuery({
    queryKey: decisionKeys.one(id),
    queryFn: ({ signal }) => api.get<DecisionDetail>(`decisions/${id}/`, undefined, signal),
  });
}

/** What the committee picks from when it creates an item. */
export function useSources(estate: number | undefined, enabled: boolean) {
  const on = enabled && estate !== undefined;
  const owners = useQuery({
    queryKey: ['decisions', 'owners', estate ?? 0],
    queryFn: ({ signal }) => api.get<DecisionOwnerOption[]>('decisions/owners/', { estate }, signal),
    enabled: on,
  });
  const topics = useQuery({
    queryKey: ['decisions', 'topics', estate ?? 0],
    queryFn: ({ signal }) => api.get<Topic[]>('topics/', { estate }, signal),
    enabled: on,
  });
  const votes = useQuery({
    queryKey: ['decisions', 'votes', estate ?? 0],
    queryFn: ({ signal }) => api.get<VoteRow[]>('votes/', { estate }, signal),
    enabled: on,
  });
  return { owners, topics, votes };
}

export interface DecisionForm {
  estate: number;
  title: string;
  body: string;
  vote: number | null;
  topic: number | null;
  owner_side: 'firm' | 'committee';
  owner: number;
  due_on: string;
}

export function useCreateDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: DecisionForm) => api.post<DecisionDetail>('decisions/', form),
    onSuccess: (made) => {
      client.setQueryData(decisionKeys.one(made.id), made);
      // the vote or topic it tracks now links to it
      void client.invalidateQueries({ queryKey: ['votes'] });
      void client.invalidateQueries({ queryKey: ['topics'] });
      return client.invalidateQueries({ queryKey: decisionKeys.all });
    },
  });
}

export type DecisionStep = 'progress' | 'report' | 'return' | 'done';

export function useDecisionStep(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: DecisionStep; body: string }) =>
      api.post<DecisionDetail>(`decisions/${id}/${step}/`, { body }),
    onSuccess: (data) => {
      client.setQueryData(decisionKeys.one(id), data);
      return client.invalidateQueries({ queryKey: ['decisions', 'list'] });
    },
  });
}

export function useLinkLine(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { ledger_line?: number; fund_movement?: number }) =>
      api.post<DecisionDetail>(`decisions/${id}/link/`, input),
    onSuccess: (data) => client.setQueryData(decisionKeys.one(id), data),
  });
}
