/**
 * The complaints API: plain functions on the generated types, and the react-query hooks the
 * screens use. Estates, units, common areas, staff and one's home come from the estates API
 * (features/estates/api.ts), under its keys. Submissions and "resolve with photos" are multipart, which the shared JSON client
 * does not do, so `send` below posts either and keeps the whole error body (a 409
 * `near_duplicate` carries the `duplicates` the resident should follow instead).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, buildUrl, ensureCsrf, readCookie, type ErrorBody } from '../../api/client';
import type {
  ComplaintKpis,
  EstateComparison,
  HotTopic,
  HotTopicStatus,
  KpiQuery,
  MyTasks,
  PaginatedHotTopics,
} from './kpiTypes';
import type {
  BulkAssignBody,
  BulkAssignResult,
  PaginatedRequests,
  RequestAction,
  RequestDetail,
  RequestListQuery,
  RequestMessage,
  RequestRow,
} from './types';

/** An ApiError that also keeps the rest of the body (`duplicates`, `limit`, `allowed`...). */
export class ComplaintsApiError extends ApiError {
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    super(status, body as Partial<ErrorBody>);
    this.body = body;
  }

  /** Request numbers a near-duplicate submission points to. */
  get duplicates(): string[] {
    const value = this.body.duplicates;
    return Array.isArray(value) ? value.map(String) : [];
  }
}

function acceptLanguage(): string {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-hans';
}

/** POST a FormData (multipart, the browser sets the boundary) or a JSON body. */
export async function send<T>(path: string, body?: FormData | object): Promise<T> {
  if (!readCookie('csrftoken')) await ensureCsrf();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage() };
  const token = readCookie('csrftoken');
  if (token) headers['X-CSRFToken'] = token;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: 'POST', headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ComplaintsApiError(0, { code: 'network_error' });
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    throw new ComplaintsApiError(response.status, data && typeof data === 'object' ? (data as Record<string, unknown>) : {});
  }
  return data as T;
}

// --- requests -------------------------------------------------------------------------------

export const DESK_PAGE_SIZE = 50;
export const MINE_PAGE_SIZE = 20;

export type RequestFilters = Omit<RequestListQuery, 'mine'> & { mine?: boolean };

export const complaintsKeys = {
  all: ['complaints'] as const,
  list: (filters: RequestFilters) => ['complaints', 'list', filters] as const,
  detail: (id: number) => ['complaints', 'detail', id] as const,
  messages: (id: number) => ['complaints', 'messages', id] as const,
  board: (estate: number) => ['complaints', 'board', estate] as const,
  kpis: (query: KpiQuery) => ['complaints', 'kpis', query] as const,
  hotTopics: (estate: number, status: HotTopicStatus) => ['complaints', 'hot-topics', estate, status] as const,
};

export function listRequests(filters: RequestFilters, signal?: AbortSignal) {
  const query: Record<string, string | number | boolean | undefined> = { ...filters };
  if (filters.mine) query.mine = 'true';
  else delete query.mine;
  return api.get<PaginatedRequests>('complaints/', query, signal);
}

export const getRequest = (id: number, signal?: AbortSignal) => api.get<RequestDetail>(`complaints/${id}/`, undefined, signal);

export const submitRequest = (body: FormData | object) => send<RequestDetail>('complaints/', body);

/** One transition: JSON, or FormData for a resolve with photos. */
export const runAction = (id: number, action: RequestAction, body?: FormData | object) =>
  send<RequestDetail>(`complaints/${id}/${action}/`, body ?? {});

export const bulkAssign = (body: BulkAssignBody) => send<BulkAssignResult>('complaints/bulk-assign/', body);

/**
 * The red board. The view answers a plain list, although the generated document calls it
 * paginated; accept both.
 */
export async function getBoard(estate: number, signal?: AbortSignal): Promise<RequestRow[]> {
  const data = await api.get<RequestRow[] | PaginatedRequests>('complaints/board/', { estate }, signal);
  return Array.isArray(data) ? data : data.results;
}

export function useRequestList(filters: RequestFilters, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: complaintsKeys.list(filters),
    queryFn: ({ signal }) => listRequests(filters, signal),
    placeholderData: keepPreviousData,
    ...options,
  });
}

export function useRequestDetail(id: number) {
  return useQuery({
    queryKey: complaintsKeys.detail(id),
    queryFn: ({ signal }) => getRequest(id, signal),
    enabled: Number.isFinite(id),
  });
}

/** Runs a transition and puts the fresh detail in the cache; lists refresh. */
export function useRequestAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: RequestAction; body?: FormData | object }) => runAction(id, action, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(complaintsKeys.detail(id), detail);
      return queryClient.invalidateQueries({ queryKey: ['complaints', 'list'] });
    },
  });
}

// --- the thread (留言) ----------------------------------------------------------------------------

export const listMessages = (id: number, signal?: AbortSignal) =>
  api.get<RequestMessage[]>(`complaints/${id}/messages/`, undefined, signal);

/** A message with its photos (multipart when there are photos). */
export const postMessage = (id: number, body: FormData | { body: string }) =>
  send<RequestMessage>(`complaints/${id}/messages/`, body);

/** The thread, refreshed every 30 s while open so a reply shows without reloading. */
export function useMessages(id: number, enabled: boolean) {
  return useQuery({
    queryKey: complaintsKeys.messages(id),
    queryFn: ({ signal }) => listMessages(id, signal),
    enabled,
    refetchInterval: 30_000,
  });
}

export function usePostMessage(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FormData | { body: string }) => postMessage(id, body),
    onSuccess: (message) => {
      queryClient.setQueryData<RequestMessage[]>(complaintsKeys.messages(id), (old) => [...(old ?? []), message]);
    },
  });
}

export function useBoard(estate: number | undefined) {
  return useQuery({
    queryKey: complaintsKeys.board(estate ?? 0),
    queryFn: ({ signal }) => getBoard(estate as number, signal),
    enabled: estate !== undefined,
  });
}

// --- KPIs and hot topics (contract: ./kpiTypes.ts) ----------------------------------------------

export const getKpis = (query: KpiQuery, signal?: AbortSignal) =>
  api.get<ComplaintKpis>('complaints/kpis/', { ...query }, signal);

export function useKpis(query: KpiQuery | undefined) {
  return useQuery({
    queryKey: complaintsKeys.kpis(query ?? { estate: 0 }),
    queryFn: ({ signal }) => getKpis(query as KpiQuery, signal),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}

export const listHotTopics = (estate: number, status: HotTopicStatus, signal?: AbortSignal) =>
  api.get<PaginatedHotTopics>('complaints/hot-topics/', { estate, status, page_size: 50 }, signal);

export function useHotTopics(estate: number | undefined, status: HotTopicStatus) {
  return useQuery({
    queryKey: complaintsKeys.hotTopics(estate ?? 0, status),
    queryFn: ({ signal }) => listHotTopics(estate as number, status, signal),
    enabled: estate !== undefined,
  });
}

export const decideHotTopic = (id: number, decision: 'accept' | 'dismiss') =>
  send<HotTopic>(`complaints/hot-topics/${id}/${decision}/`, {});

export const refreshHotTopics = (estate: number) =>
  send<unknown>(`complaints/hot-topics/refresh/?estate=${encodeURIComponent(estate)}`, {});

// --- the desk's reads: my tasks, the firm's comparison, the export ---------------------------------

export const getMyTasks = (signal?: AbortSignal) => api.get<MyTasks>('complaints/my-tasks/', undefined, signal);

export function useMyTasks() {
  return useQuery({
    queryKey: ['complaints', 'list', 'my-tasks'],
    queryFn: ({ signal }) => getMyTasks(signal),
    refetchInterval: 60_000,
  });
}

export const getEstatesCompared = (period: { start: string; end: string }, signal?: AbortSignal) =>
  api.get<EstateComparison[]>('complaints/kpis/estates/', { ...period }, signal);

export function useEstatesCompared(period: { start: string; end: string } | undefined) {
  return useQuery({
    queryKey: ['complaints', 'kpis-estates', period],
    queryFn: ({ signal }) => getEstatesCompared(period as { start: string; end: string }, signal),
    enabled: period !== undefined,
  });
}

/** The export URL for the list's own filters (page and page size are the list's business). */
export function exportPath(filters: RequestFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === false || key === 'page' || key === 'page_size') continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return `complaints/export/${query ? `?${query}` : ''}`;
}
