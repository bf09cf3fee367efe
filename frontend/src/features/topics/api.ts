/**
 * The deliberation hall's API (议事厅) as react-query hooks over the generated types. Every
 * write answers with the fresh topic, which replaces the cached one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { send } from '../complaints/api';
import type { Topic, TopicAnswerBody, TopicHall } from './types';

export const topicKeys = {
  all: ['topics'] as const,
  list: (estate: number) => ['topics', 'list', estate] as const,
  hall: (estate: number) => ['topics', 'hall', estate] as const,
  one: (id: number) => ['topics', 'one', id] as const,
};

export function useTopics(estate: number | undefined) {
  return useQuery({
    queryKey: topicKeys.list(estate ?? 0),
    queryFn: ({ signal }) => api.get<Topic[]>('topics/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useHall(estate: number | undefined) {
  return useQuery({
    queryKey: topicKeys.hall(estate ?? 0),
    queryFn: ({ signal }) => api.get<TopicHall>('topics/hall/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useTopic(id: number, enabled = true) {
  return useQuery({
    queryKey: topicKeys.one(id),
    queryFn: ({ signal }) => api.get<Topic>(`topics/${id}/`, undefined, signal),
    enabled: enabled && Number.isFinite(id) && id > 0,
  });
}

export function useSetThreshold(estate: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (threshold: number) => api.post<TopicHall>('topics/hall/', { estate, threshold }),
    onSuccess: (hall) => client.setQueryData(topicKeys.hall(estate), hall),
  });
}

export function useRaiseTopic() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FormData) => send<Topic>('topics/', body),
    onSuccess: (topic) => {
      client.setQueryData(topicKeys.one(topic.id), topic);
      void client.invalidateQueries({ queryKey: topicKeys.list(topic.estate) });
    },
  });
}

export type TopicAct =
  | { action: 'support' }
  | { action: 'answer'; body: TopicAnswerBody }
  | { action: 'hide'; body: { reason: string } }
  | { action: 'merge'; body: { into: number } };

export function useTopicAct(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (act: TopicAct) => send<Topic>(`topics/${id}/${act.action}/`, 'body' in act ? act.body : {}),
    onSuccess: (topic) => {
      client.setQueryData(topicKeys.one(id), topic);
      void client.invalidateQueries({ queryKey: topicKeys.list(topic.estate) });
    },
  });
}
