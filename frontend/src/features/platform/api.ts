import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Firm,
  FirmCreate,
  FirmListQuery,
  OffboardStart,
  Offboarding,
  PaginatedFirmList,
  SlugAvailability,
} from '../../api/types';

export const PAGE_SIZE = 20;

export interface FirmFilters {
  search?: string;
  page?: number;
}

export const firmsQueryKey = (filters?: FirmFilters) => (filters ? (['firms', 'list', filters] as const) : (['firms'] as const));
export const firmQueryKey = (id: number) => ['firms', 'detail', id] as const;
export const slugQueryKey = (slug: string) => ['firms', 'slug-availability', slug] as const;

export function listFirms(filters: FirmFilters, signal?: AbortSignal) {
  const query: FirmListQuery = { page: filters.page, page_size: PAGE_SIZE };
  if (filters.search) query.search = filters.search;
  return api.get<PaginatedFirmList>('platform/firms/', query, signal);
}
export const getFirm = (id: number, signal?: AbortSignal) => api.get<Firm>(`platform/firms/${id}/`, undefined, signal);
export const createFirm = (body: FirmCreate) => api.post<Firm>('platform/firms/', body);
export const checkSlug = (slug: string, signal?: AbortSignal) =>
  api.get<SlugAvailability>('platform/firms/slug-availability/', { slug }, signal);
export const suspendFirm = (id: number) => api.post<Firm>(`platform/firms/${id}/suspend/`);
export const activateFirm = (id: number) => api.post<Firm>(`platform/firms/${id}/activate/`);
export const offboardingQueryKey = (id: number) => ['firms', 'offboarding', id] as const;
export const getOffboarding = (id: number, signal?: AbortSignal) =>
  api.get<Offboarding>(`platform/firms/${id}/offboarding/`, undefined, signal);
export const startOffboarding = (id: number, body: OffboardStart) =>
  api.post<Offboarding>(`platform/firms/${id}/offboard/`, body);
export const deleteOffboardedFirm = (id: number) => api.post<Offboarding>(`platform/firms/${id}/offboarding/delete/`);

/** Provisioning runs in the background: while it is pending, ask again every second. */
export const PROVISIONING_POLL_MS = 1000;

export function useFirm(id: number, initialData?: Firm) {
  return useQuery({
    queryKey: firmQueryKey(id),
    queryFn: ({ signal }) => getFirm(id, signal),
    initialData,
    enabled: Number.isFinite(id),
    refetchInterval: (query) => (query.state.data?.provisioning_status === 'pending' ? PROVISIONING_POLL_MS : false),
  });
}
