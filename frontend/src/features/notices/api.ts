/**
 * Estate notices (公告): the list a user sees, publishing, editing a firm notice, retracting
 * one's own side's notice, and the read receipt. react-query hooks over the generated types.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ManualKind, Notice, NoticeKind, PaginatedNotices } from './types';

export const noticeKeys = {
  all: ['notices'] as const,
  list: (estate: number | undefined, page: number, kind: NoticeKind | undefined) =>
    ['notices', 'list', estate ?? 0, page, kind ?? ''] as const,
};

export function useNotices(estate: number | undefined, page = 1, pageSize = 20, kind?: NoticeKind) {
  return useQuery({
    queryKey: noticeKeys.list(estate, page, kind),
    queryFn: ({ signal }) => api.get<PaginatedNotices>('notices/', { estate, page, page_size: pageSize, kind }, signal),
    placeholderData: keepPreviousData,
  });
}

function useNoticeMutation<T>(fn: (input: T) => Promise<Notice>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}

export interface NoticeForm {
  estate: number;
  title: string;
  body: string;
  kind: ManualKind;
  pinned: boolean;
  expires_on: string | null;
}

export function usePublish() {
  return useNoticeMutation((form: NoticeForm) => api.post<Notice>('notices/', form));
}

export function useRetract() {
  return useNoticeMutation(({ id, reason }: { id: number; reason: string }) =>
    api.post<Notice>(`notices/${id}/retract/`, { reason }),
  );
}

export function usePin() {
  return useNoticeMutation(({ id, pinned }: { id: number; pinned: boolean }) => api.patch<Notice>(`notices/${id}/`, { pinned }));
}

export function useMarkRead() {
  return useNoticeMutation((id: number) => api.post<Notice>(`notices/${id}/read/`));
}
