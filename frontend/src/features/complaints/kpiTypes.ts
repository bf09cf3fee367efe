/**
 * ⚠️ HAND-WRITTEN, TEMPORARY. ⚠️
 *
 * `GET complaints/kpis/` and `complaints/hot-topics/` were being written while these screens were,
 * and src/api/schema.d.ts does not describe them yet. These shapes follow the agreed contract word
 * for word. Once `npm run gen:api` has been run on an openapi.json that has both (and schema.d.ts
 * committed), replace this file's body with:
 *
 *   import type { components } from '../../api/schema';
 *   type Schemas = components['schemas'];
 *   export type ComplaintKpis = Schemas['EstateKpis'];
 *   export type HotTopic = Schemas['HotTopic'];
 *   export type PaginatedHotTopics = Schemas['PaginatedHotTopicList'];
 *   export type HotTopicStatus = 'suggested' | 'accepted' | 'dismissed'; // the API says `string`
 *   export type Rate = number | null;
 *   export interface KpiCounts {
  answered: number;
  actionable: number;
  resolved: number;
  ever_resolved: number;
  reopened: number;
  with_unit: number;
  repeated: number;
  clocks_stopped: { response: number; plan: number; resolution: number };
  clocks_on_time: { response: number; plan: number; resolution: number };
}

export interface KpiQuery { estate: number; start?: string; end?: string }
 */

/** A share between 0 and 1, or null when there is nothing to measure yet. */
export type Rate = number | null;

export interface ComplaintKpis {
  estate: number;
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD */
  end: string;
  total: number;
  response_p50_hours: number | null;
  response_p90_hours: number | null;
  on_time: { response: Rate; plan: Rate; resolution: Rate };
  resolution_rate: Rate;
  reopen_rate: Rate;
  repeat_rate: Rate;
  average_rating: number | null;
  rated_count: number;
  answered_share: Rate;
  targets: { on_time: number; resolution_rate: number; average_rating: number; answered_share: number };
  /** The numerators and denominators behind the rates (the backend adds them; not in the first contract). */
  counts?: KpiCounts;
  by_category: { category: string; count: number }[];
  by_status: { status: string; count: number }[];
  /** month: YYYY-MM */
  trend: { month: string; count: number; resolved: number }[];
}

export interface KpiCounts {
  answered: number;
  actionable: number;
  resolved: number;
  ever_resolved: number;
  reopened: number;
  with_unit: number;
  repeated: number;
  clocks_stopped: { response: number; plan: number; resolution: number };
  clocks_on_time: { response: number; plan: number; resolution: number };
}

export interface KpiQuery {
  estate: number;
  start?: string;
  end?: string;
}

export type HotTopicStatus = 'suggested' | 'accepted' | 'dismissed';

export interface HotTopic {
  id: number;
  estate: number;
  category: string;
  keywords: string[];
  request_count: number;
  requests: { id: number; number: string }[];
  status: HotTopicStatus;
  created_at: string;
  decided_at: string | null;
}

export interface PaginatedHotTopics {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: HotTopic[];
}
