/**
 * KPI and hot-topic types, generated from the OpenAPI document (src/api/schema.d.ts), plus the
 * few the API leaves as plain strings.
 */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/** A share between 0 and 1, or null when there is nothing to measure yet. */
export type Rate = number | null;
export type ComplaintKpis = Schemas['EstateKpis'];
export type KpiCounts = Schemas['KpiCounts'];
export type PeriodKpis = Schemas['PeriodKpis'];
export type EstateComparison = Schemas['EstateComparison'];
export type Task = Schemas['Task'];
export type MyTasks = Schemas['MyTasks'];
/** The requests behind a tile: `kpi=` on the request list (complaints.kpis.KpiSubset). */
export type KpiSubset = NonNullable<
  NonNullable<import('../../api/schema').operations['complaints_list']['parameters']['query']>['kpi']
>;
export type HotTopic = Omit<Schemas['HotTopic'], 'status'> & { status: HotTopicStatus };
export type PaginatedHotTopics = Omit<Schemas['PaginatedHotTopicList'], 'results'> & {
  results: HotTopic[];
};
export type HotTopicStatus = 'suggested' | 'accepted' | 'dismissed';

export interface KpiQuery {
  estate: number;
  start?: string;
  end?: string;
}
