/**
 * The estates API: plain calls and the react-query hooks the screens use, shared by every
 * feature that reads estates, units, common areas, staff or one's home (complaints' pickers
 * included: one set of query keys, one cache). Every key starts with 'estates' so a logout
 * forgets them and a write can refresh them all at once. Files (the import
 * upload, the template, the export, one's personal data) go through `sendFile` / `downloadFile`,
 * which reuse the client's CSRF and error handling.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, buildUrl, ensureCsrf, readCookie, request, type ErrorBody, type Query } from '../../api/client';
import { isLocale, localeToApi } from '../../i18n';
import type {
  AccountCreated,
  Building,
  BuildingWrite,
  CommonArea,
  CommonAreaUpdate,
  CommonAreaWrite,
  CreateAccount,
  EndLink,
  Estate,
  EstatePatch,
  EstateWrite,
  HomeUnit,
  ImportJob,
  JoinInfo,
  JoinRequest,
  JoinStatus,
  JoinSubmit,
  LinkOccupant,
  LinkOwner,
  PaginatedBuildingList,
  PaginatedCommitteeMembershipList,
  PaginatedCommonAreaList,
  PaginatedEstateList,
  PaginatedFirmUserList,
  PaginatedJoinRequestList,
  PaginatedPersonList,
  PaginatedStaffAssignmentList,
  PaginatedUnitList,
  Person,
  PersonWrite,
  StaffAssign,
  StaffAssignment,
  StaffRole,
  Unit,
  UnitWrite,
} from './types';

export const PAGE_SIZE = 20;
/** The server's largest page: short lists (buildings, areas, staff...) come in one. */
export const ALL = 200;
/** An import running in the background: ask again every second. */
export const IMPORT_POLL_MS = 1000;
/** Pickers (estates, areas, staff, one's home) change rarely: reuse them for five minutes. */
const PICKER_STALE_MS = 5 * 60_000;
/** How many units a unit picker offers for what is typed. */
export const UNIT_SEARCH_SIZE = 50;

// --- keys ----------------------------------------------------------------------------------------

export interface EstateFilters {
  search?: string;
  page?: number;
}
export interface UnitFilters {
  search?: string;
  building?: number;
  page?: number;
}
export interface PeopleFilters {
  search?: string;
  page?: number;
}
export interface JoinRequestFilters {
  status?: JoinStatus | '';
  page?: number;
}

export const estatesKeys = {
  all: ['estates'] as const,
  list: (filters: EstateFilters) => ['estates', 'list', filters] as const,
  /** Every estate the user may see, in one page: the pickers' list. */
  choices: ['estates', 'choices'] as const,
  detail: (id: number) => ['estates', 'detail', id] as const,
  buildings: (estate: number) => ['estates', 'buildings', estate] as const,
  units: (estate: number, filters: UnitFilters) => ['estates', 'units', estate, filters] as const,
  unitSearch: (estate: number, search: string, building?: number) =>
    ['estates', 'unit-search', estate, search, building ?? null] as const,
  areas: (estate: number) => ['estates', 'common-areas', estate] as const,
  people: (estate: number, filters: PeopleFilters) => ['estates', 'people', estate, filters] as const,
  staff: (estate: number) => ['estates', 'staff', estate] as const,
  firmUsers: (role: StaffRole) => ['estates', 'firm-users', role] as const,
  committee: (estate: number) => ['estates', 'committee', estate] as const,
  joinRequests: (estate: number, filters: JoinRequestFilters) => ['estates', 'join-requests', estate, filters] as const,
  importJob: (id: number) => ['estates', 'import', id] as const,
  join: (code: string) => ['estates', 'join', code] as const,
  myHome: ['estates', 'my-home'] as const,
};

// --- plain calls ---------------------------------------------------------------------------------

const del = (path: string) => request<void>(path, { method: 'DELETE' });

export function listEstates(filters: EstateFilters, signal?: AbortSignal) {
  return api.get<PaginatedEstateList>('estates/', { page: filters.page, page_size: PAGE_SIZE, search: filters.search }, signal);
}
export const listAllEstates = (signal?: AbortSignal) =>
  api.get<PaginatedEstateList>('estates/', { page_size: ALL }, signal).then((p) => p.results);
export const getEstate = (id: number, signal?: AbortSignal) => api.get<Estate>(`estates/${id}/`, undefined, signal);
export const createEstate = (body: EstateWrite) => api.post<Estate>('estates/', body);
export const updateEstate = (id: number, body: EstatePatch) => api.patch<Estate>(`estates/${id}/`, body);
export const deleteEstate = (id: number) => del(`estates/${id}/`);
export const rotateJoinCode = (id: number) => api.post<Estate>(`estates/${id}/rotate-join-code/`);

export const listBuildings = (estate: number, signal?: AbortSignal) =>
  api.get<PaginatedBuildingList>('buildings/', { estate, page_size: ALL }, signal);
export const createBuilding = (body: BuildingWrite) => api.post<Building>('buildings/', body);

export function listUnits(estate: number, filters: UnitFilters, signal?: AbortSignal, pageSize = PAGE_SIZE) {
  const query: Query = { estate, page: filters.page, page_size: pageSize, search: filters.search, building: filters.building };
  return api.get<PaginatedUnitList>('units/', query, signal);
}
export const createUnit = (body: UnitWrite) => api.post<Unit>('units/', body);

export const listCommonAreas = (estate: number, signal?: AbortSignal) =>
  api.get<PaginatedCommonAreaList>('common-areas/', { estate, page_size: ALL }, signal);
export const createCommonArea = (body: CommonAreaWrite) => api.post<CommonArea>('common-areas/', body);
export const deleteCommonArea = (id: number) => del(`common-areas/${id}/`);
export const updateCommonArea = ({ id, ...body }: CommonAreaUpdate & { id: number }) =>
  api.patch<CommonArea>(`common-areas/${id}/`, body);

export const listPeople = (estate: number, filters: PeopleFilters, signal?: AbortSignal) =>
  api.get<PaginatedPersonList>('people/', { estate, page: filters.page, page_size: PAGE_SIZE, search: filters.search }, signal);
export const createPerson = (body: PersonWrite) => api.post<Person>('people/', body);
export const linkOwner = (person: number, body: LinkOwner) => api.post<Person>(`people/${person}/link-owner/`, body);
export const linkOccupant = (person: number, body: LinkOccupant) => api.post<Person>(`people/${person}/link-occupant/`, body);
export const endLink = (person: number, body: EndLink) => api.post<Person>(`people/${person}/end-link/`, body);
export const createAccount = (person: number, body: CreateAccount) =>
  api.post<AccountCreated>(`people/${person}/create-account/`, body);

export const listStaff = (estate: number, signal?: AbortSignal) =>
  api.get<PaginatedStaffAssignmentList>('staff-assignments/', { estate, page_size: ALL }, signal);
export const assignStaff = (body: StaffAssign) => api.post<StaffAssignment>('staff-assignments/', body);
export const unassignStaff = (id: number) => del(`staff-assignments/${id}/`);
export const listFirmUsers = (role: StaffRole, signal?: AbortSignal) =>
  api.get<PaginatedFirmUserList>('users/', { role, page_size: ALL }, signal);

export const listCommittee = (estate: number, signal?: AbortSignal) =>
  api.get<PaginatedCommitteeMembershipList>('committee-memberships/', { estate, page_size: ALL }, signal);

export const listJoinRequests = (estate: number, filters: JoinRequestFilters, signal?: AbortSignal) =>
  api.get<PaginatedJoinRequestList>(
    'join-requests/',
    { estate, status: filters.status, page: filters.page, page_size: PAGE_SIZE },
    signal,
  );
/** `person`: the existing person the approver chose (null: a new person); left out: the
 * server reuses a person only when phone and name both match. */
export const approveJoinRequest = (id: number, person?: number | null) =>
  api.post<JoinRequest>(`join-requests/${id}/approve/`, person === undefined ? undefined : { person });
export const rejectJoinRequest = (id: number, note: string) => api.post<JoinRequest>(`join-requests/${id}/reject/`, { note });

export const getImportJob = (id: number, signal?: AbortSignal) => api.get<ImportJob>(`imports/${id}/`, undefined, signal);
export const commitImport = (id: number) => api.post<ImportJob>(`imports/${id}/commit/`);
export function uploadImport(estate: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendFile<ImportJob>(`estates/${estate}/imports/`, form);
}

export const getJoinInfo = (code: string, signal?: AbortSignal) =>
  api.get<JoinInfo>(`join/${encodeURIComponent(code)}/`, undefined, signal);
export const submitJoin = (code: string, body: JoinSubmit) => api.post<void>(`join/${encodeURIComponent(code)}/`, body);

export const getMyHome = (signal?: AbortSignal) => api.get<HomeUnit[]>('me/home/', undefined, signal);

export const templatePath = 'estates/import-template/';
export const exportPath = (estate: number) => `estates/${estate}/export/`;
export const personalDataPath = 'me/personal-data/';

// --- files ---------------------------------------------------------------------------------------

function apiLanguage(): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return localeToApi(isLocale(lang) ? lang : 'zh-CN');
}

async function failure(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    const data: unknown = await response.json();
    if (data && typeof data === 'object') body = data as Partial<ErrorBody>;
  } catch {
    /* not JSON: the status says enough */
  }
  return new ApiError(response.status, body);
}

/** POST a multipart form (the browser sets its boundary) with Django's CSRF header. */
export async function sendFile<T>(path: string, form: FormData): Promise<T> {
  if (!readCookie('csrftoken')) await ensureCsrf();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': apiLanguage() };
  const token = readCookie('csrftoken');
  if (token) headers['X-CSRFToken'] = token;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'network_error' });
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** The file name a Content-Disposition header gives, if any. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/** Hand a Blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** GET a file with the session cookie and save it under the server's name (else `fallbackName`). */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    // Accept anything: asking for the file's own type would make DRF answer 406.
    response = await fetch(buildUrl(path), {
      headers: { Accept: '*/*', 'Accept-Language': apiLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network_error' });
  }
  if (!response.ok) throw await failure(response);
  const name = attachmentName(response.headers.get('content-disposition')) ?? fallbackName;
  saveBlob(await response.blob(), name);
  return name;
}

/** One's personal data as a readable JSON file. */
export async function downloadPersonalData(): Promise<string> {
  const data = await api.get<unknown>(personalDataPath);
  const name = 'linli-my-data.json';
  saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), name);
  return name;
}

// --- hooks ---------------------------------------------------------------------------------------

export function useEstates(filters: EstateFilters) {
  return useQuery({
    queryKey: estatesKeys.list(filters),
    queryFn: ({ signal }) => listEstates(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEstate(id: number) {
  return useQuery({
    queryKey: estatesKeys.detail(id),
    queryFn: ({ signal }) => getEstate(id, signal),
    enabled: Number.isFinite(id),
  });
}

export function useBuildings(estate: number) {
  return useQuery({ queryKey: estatesKeys.buildings(estate), queryFn: ({ signal }) => listBuildings(estate, signal) });
}

export function useUnits(estate: number, filters: UnitFilters) {
  return useQuery({
    queryKey: estatesKeys.units(estate, filters),
    queryFn: ({ signal }) => listUnits(estate, filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Units matching what is typed in a unit picker (the first 50); asks nothing without an estate. */
export function useUnitSearch(estate: number | null | undefined, search: string, building?: number) {
  return useQuery({
    queryKey: estatesKeys.unitSearch(estate ?? 0, search, building),
    queryFn: ({ signal }) => listUnits(estate ?? 0, { search, building }, signal, UNIT_SEARCH_SIZE),
    enabled: !!estate,
    placeholderData: keepPreviousData,
  });
}

/** An estate's common areas (all of them); asks nothing without an estate. */
export function useCommonAreas(estate: number | null | undefined) {
  return useQuery({
    queryKey: estatesKeys.areas(estate ?? 0),
    queryFn: ({ signal }) => listCommonAreas(estate ?? 0, signal),
    enabled: !!estate,
    staleTime: PICKER_STALE_MS,
  });
}

export function usePeople(estate: number, filters: PeopleFilters) {
  return useQuery({
    queryKey: estatesKeys.people(estate, filters),
    queryFn: ({ signal }) => listPeople(estate, filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** An estate's staff assignments (one per person and role); asks nothing without an estate. */
export function useStaff(estate: number | null | undefined) {
  return useQuery({
    queryKey: estatesKeys.staff(estate ?? 0),
    queryFn: ({ signal }) => listStaff(estate ?? 0, signal),
    enabled: !!estate,
    staleTime: PICKER_STALE_MS,
  });
}

/** One assignment per person (a manager who is also staff is one assignee). */
export function uniqueStaff(assignments: StaffAssignment[]): StaffAssignment[] {
  const seen = new Map<number, StaffAssignment>();
  for (const a of assignments) if (!seen.has(a.user)) seen.set(a.user, a);
  return [...seen.values()];
}

/** Who works on an estate, one entry per person: the same query (and cache) as `useStaff`. */
export function useAssignees(estate: number | null | undefined) {
  return useQuery({
    queryKey: estatesKeys.staff(estate ?? 0),
    queryFn: ({ signal }) => listStaff(estate ?? 0, signal),
    select: (page) => uniqueStaff(page.results),
    enabled: !!estate,
    staleTime: PICKER_STALE_MS,
  });
}

/** Every estate the user may see (pickers). */
export function useEstateChoices(enabled = true) {
  return useQuery({
    queryKey: estatesKeys.choices,
    queryFn: ({ signal }) => listAllEstates(signal),
    enabled,
    staleTime: PICKER_STALE_MS,
  });
}

export function useFirmUsers(role: StaffRole, enabled: boolean) {
  return useQuery({
    queryKey: estatesKeys.firmUsers(role),
    queryFn: ({ signal }) => listFirmUsers(role, signal),
    enabled,
  });
}

export function useCommittee(estate: number) {
  return useQuery({ queryKey: estatesKeys.committee(estate), queryFn: ({ signal }) => listCommittee(estate, signal) });
}

export function useJoinRequests(estate: number, filters: JoinRequestFilters) {
  return useQuery({
    queryKey: estatesKeys.joinRequests(estate, filters),
    queryFn: ({ signal }) => listJoinRequests(estate, filters, signal),
    placeholderData: keepPreviousData,
  });
}

const RUNNING = new Set(['queued', 'running']);

/** An import job, asked again every second while it is queued or running. */
export function useImportJob(id: number | null, initialData?: ImportJob) {
  return useQuery({
    queryKey: estatesKeys.importJob(id ?? 0),
    queryFn: ({ signal }) => getImportJob(id ?? 0, signal),
    enabled: id !== null,
    initialData,
    // The upload and the commit hand over the job: no need to ask again straight away.
    staleTime: IMPORT_POLL_MS,
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? IMPORT_POLL_MS : false),
  });
}

export function useJoinInfo(code: string) {
  return useQuery({ queryKey: estatesKeys.join(code), queryFn: ({ signal }) => getJoinInfo(code, signal) });
}

export function useMyHome() {
  return useQuery({ queryKey: estatesKeys.myHome, queryFn: ({ signal }) => getMyHome(signal) });
}

/** One of the user's own units, with the estate it belongs to. */
export interface HomePlace {
  unit: number;
  label: string;
  estate: number;
  estateName: string;
}

export const toHomePlaces = (home: HomeUnit[]): HomePlace[] =>
  home.map((unit) => ({ unit: unit.id, label: unit.unit_label, estate: unit.estate_id, estateName: unit.estate_name }));

/** The user's own units as places to report about: `me/home/` (one request, the same query as `useMyHome`). */
export function useHomePlaces(enabled = true) {
  return useQuery({
    queryKey: estatesKeys.myHome,
    queryFn: ({ signal }) => getMyHome(signal),
    select: toHomePlaces,
    enabled,
    staleTime: PICKER_STALE_MS,
  });
}

/** A write that refreshes every estates list and detail once it succeeds. */
export function useEstatesMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: estatesKeys.all }),
  });
}
