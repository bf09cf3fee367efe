import { api } from '../../api/client';
import type { FirmUser, InviteRole, PaginatedFirmUserList, UserInvite, UserListQuery } from '../../api/types';

export const PAGE_SIZE = 20;

export interface UserFilters {
  search?: string;
  role?: InviteRole | '';
  page?: number;
}

export const usersQueryKey = (filters: UserFilters = {}) => ['users', filters] as const;

export function listUsers(filters: UserFilters, signal?: AbortSignal) {
  const query: UserListQuery = { page: filters.page, page_size: PAGE_SIZE };
  if (filters.search) query.search = filters.search;
  if (filters.role) query.role = filters.role;
  return api.get<PaginatedFirmUserList>('users/', query, signal);
}
export const createUser = (body: UserInvite) => api.post<FirmUser>('users/', body);
export const deactivateUser = (id: number) => api.post<FirmUser>(`users/${id}/deactivate/`);
export const reactivateUser = (id: number) => api.post<FirmUser>(`users/${id}/reactivate/`);
export const resendInvitation = (id: number) => api.post<FirmUser>(`users/${id}/resend-invitation/`);
