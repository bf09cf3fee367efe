/**
 * The supervision API (业主监督): the rectification board and detail (the firm's answer with
 * before/after photos, the committee's verification or rejection) and the KPIs. react-query hooks
 * over the generated types; the multipart answer goes through complaints' `send`.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client';
import { send } from '../complaints/api';
import type {
  AnswerForm,
  PaginatedRectifications,
  PaginatedTemplates,
  RectificationDetail,
  RectificationStatus,
  Round,
  SupervisionKpi,
} from './types';

export const PAGE_SIZE = 20;

export const supervisionKeys = {
  all: ['supervision'] as const,
  board: (estate: number, status: RectificationStatus | 'all', page: number) =>
    ['supervision', 'board', estate, status, page] as const,
  rectification: (id: number) => ['supervision', 'rectification', id] as const,
  kpis: (estate: number, start: string, end: string) => ['supervision', 'kpis', estate, start, end] as const,
};

export function useBoard(estate: number | undefined, status: RectificationStatus | 'all', page: number) {
  return useQuery({
    queryKey: supervisionKeys.board(estate ?? 0, status, page),
    queryFn: ({ signal }) =>
      api.get<PaginatedRectifications>(
        'supervision/rectifications/',
        { estate, status: status === 'all' ? undefined : status, page, page_size: PAGE_SIZE },
        signal,
      ),
    enabled: estate !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRectification(id: number) {
  return useQuery({
    queryKey: supervisionKeys.rectification(id),
    queryFn: ({ signal }) => api.get<RectificationDetail>(`supervision/rectifications/${id}/`, undefined, signal),
    enabled: Number.isFinite(id),
  });
}

/** The address of an evidence photo (the session cookie authorises the image request). */
export function evidenceUrl(rectification: number, photo: number): string {
  return buildUrl(`supervision/rectifications/${rectification}/photos/${photo}/`);
}

export function answerBody(form: AnswerForm): FormData {
  const body = new FormData();
  body.append('plan', form.plan);
  body.append('key', form.key);
  for (const file of form.before) body.append('before', file);
  for (const file of form.after) body.append('after', file);
  return body;
}

function useChanged(id: number) {
  const client = useQueryClient();
  return (found: RectificationDetail) => {
    client.setQueryData(supervisionKeys.rectification(id), found);
    void client.invalidateQueries({ queryKey: ['supervision', 'board'] });
  };
}

export function useAnswer(id: number) {
  const changed = useChanged(id);
  return useMutation({
    mutationFn: (form: AnswerForm) => send<RectificationDetail>(`supervision/rectifications/${id}/answer/`, answerBody(form)),
    onSuccess: changed,
  });
}

export function useVerify(id: number) {
  const changed = useChanged(id);
  return useMutation({
    mutationFn: (note: string) => api.post<RectificationDetail>(`supervision/rectifications/${id}/verify/`, { note }),
    onSuccess: changed,
  });
}

export function useReject(id: number) {
  const changed = useChanged(id);
  return useMutation({
    mutationFn: (reason: string) => api.post<RectificationDetail>(`supervision/rectifications/${id}/reject/`, { reason }),
    onSuccess: changed,
  });
}

export function useReassign(id: number) {
  const changed = useChanged(id);
  return useMutation({
    mutationFn: (assignee: number) => api.post<RectificationDetail>(`supervision/rectifications/${id}/reassign/`, { assignee }),
    onSuccess: changed,
  });
}

export function useKpis(estate: number | undefined, start: string, end: string) {
  return useQuery({
    queryKey: supervisionKeys.kpis(estate ?? 0, start, end),
    queryFn: ({ signal }) => api.get<SupervisionKpi>('supervision/kpis/', { estate, start, end }, signal),
    enabled: estate !== undefined && !!start && !!end && start <= end,
  });
}

// --- inspection rounds ----------------------------------------------------------------------------

export function useTemplates(estate: number | undefined) {
  return useQuery({
    queryKey: ['supervision', 'templates', estate ?? 0],
    queryFn: ({ signal }) => api.get<PaginatedTemplates>('supervision/templates/', { estate, page_size: 100 }, signal),
    enabled: estate !== undefined,
  });
}

export function useRound(id: number) {
  return useQuery({
    queryKey: ['supervision', 'round', id],
    queryFn: ({ signal }) => api.get<Round>(`supervision/rounds/${id}/`, undefined, signal),
    enabled: Number.isFinite(id),
  });
}

export function startRound(body: { estate: number; template: number; area: string; key: string }) {
  return api.post<Round>('supervision/rounds/', body);
}

export function useRoundAction(id: number, action: 'submit' | 'publish') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Round>(`supervision/rounds/${id}/${action}/`),
    onSuccess: (round) => client.setQueryData(['supervision', 'round', id], round),
  });
}

export function roundPhotoUrl(round: number, photo: number): string {
  return buildUrl(`supervision/rounds/${round}/photos/${photo}/`);
}

export function roundReportUrl(round: number): string {
  return buildUrl(`supervision/rounds/${round}/report/`);
}
