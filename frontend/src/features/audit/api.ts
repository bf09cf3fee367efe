/** The audit log's calls: one page of entries, and the same filters as a CSV download. */
import { api, buildUrl } from '../../api/client';
import type { AuditListQuery, PaginatedAuditEntryList } from '../../api/types';
import { downloadFile } from '../estates/api';

export const PAGE_SIZE = 20;

export interface AuditFilters {
  estate?: number;
  actor?: number;
  kind?: AuditListQuery['kind'];
  since?: string;
  until?: string;
  page?: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

function query(filters: AuditFilters): AuditListQuery {
  const q: AuditListQuery = {};
  if (filters.estate) q.estate = filters.estate;
  if (filters.actor) q.actor = filters.actor;
  if (filters.kind) q.kind = filters.kind;
  if (filters.since) q.since = filters.since;
  if (filters.until) q.until = filters.until;
  return q;
}

export function listAuditEntries(filters: AuditFilters, signal?: AbortSignal) {
  return api.get<PaginatedAuditEntryList>(
    'audit/events/',
    { ...query(filters), page: filters.page, page_size: PAGE_SIZE },
    signal,
  );
}

export function exportAuditLog(filters: AuditFilters): Promise<string> {
  // downloadFile prefixes the API base itself: hand it the path with the query
  const path = buildUrl('audit/events/export/', { ...query(filters) }).replace(/^\/api\/v1\//, '');
  return downloadFile(path, 'audit-log.csv');
}
