/** Notice API types: aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Notice = Schemas['Notice'];
export type PaginatedNotices = Schemas['PaginatedNoticeList'];
export type NoticeKind = Schemas['NoticeKindEnum'];
/** The kinds a person chooses when publishing; the others are posted by the system only. */
export type ManualKind = Schemas['NoticeManualKindEnum'];

export const MANUAL_KINDS: readonly ManualKind[] = ['general', 'outage', 'works', 'meeting'];
export const ALL_KINDS: readonly NoticeKind[] = [...MANUAL_KINDS, 'inspection', 'statement', 'score', 'vote'];
