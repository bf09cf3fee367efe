/**
 * ⚠️ HAND-WRITTEN, TEMPORARY. ⚠️
 *
 * `GET complaints/kpis/` and `complaints/hot-topics/` are being written right now and are not in
 * openapi.json yet. These shapes follow the agreed contract word for word. When the endpoints land:
 * `npm run gen:api`, then replace each interface below with an alias of the generated schema
 * (e.g. `export type ComplaintKpis = components['schemas']['ComplaintKpis']`) and delete the rest.
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
  by_category: { category: string; count: number }[];
  by_status: { status: string; count: number }[];
  /** month: YYYY-MM */
  trend: { month: string; count: number; resolved: number }[];
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
