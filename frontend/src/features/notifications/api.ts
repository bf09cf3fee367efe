/**
 * The in-app inbox: the unread count (the header's bell, in every logged-in screen), the
 * messages and marking them read.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { MarkReadBody, PaginatedNotifications, UnreadCount } from './types';

export const UNREAD_POLL_MS = 30_000;
export const INBOX_PAGE_SIZE = 20;

export const notificationKeys = {
  unread: ['notifications', 'unread'] as const,
  list: (page: number, unreadOnly: boolean) => ['notifications', 'list', page, unreadOnly] as const,
};

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('notifications/unread-count/', undefined, signal),
    refetchInterval: UNREAD_POLL_MS,
    enabled,
  });
}

export function useInbox(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(page, unreadOnly),
    queryFn: ({ signal }) =>
      api.get<PaginatedNotifications>(
        'notifications/',
        { page, page_size: INBOX_PAGE_SIZE, unread: unreadOnly ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Marks the given notifications read, or all of them without ids. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadBody) => api.post<UnreadCount>('notifications/mark-read/', body),
    onSuccess: (count) => {
      queryClient.setQueryData(notificationKeys.unread, count);
      return queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
}
