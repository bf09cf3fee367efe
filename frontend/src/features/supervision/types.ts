/** The supervision API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Rectification = Schemas['Rectification'];
export type RectificationDetail = Schemas['RectificationDetail'];
export type RectificationEvent = Schemas['RectificationEvent'];
export type PaginatedRectifications = Schemas['PaginatedRectificationList'];
export type RectificationStatus = Schemas['RectificationStatusEnum'];
export type ServiceLine = Schemas['ServiceLineEnum'];
export type SupervisionKpi = Schemas['SupervisionKpi'];

export const STATUSES: readonly RectificationStatus[] = ['open', 'answered', 'verified'];
export const SERVICE_LINES: readonly ServiceLine[] = [
  'security',
  'cleaning',
  'greening',
  'maintenance',
  'fire',
  'parking',
  'service',
];
export type Level = 'red' | 'yellow' | 'green';

/** What the firm sends when it answers a rectification (multipart). */
export interface AnswerForm {
  plan: string;
  key: string;
  before: File[];
  after: File[];
}

export type Round = Schemas['Round'];
export type Template = Schemas['Template'];
export type PaginatedTemplates = Schemas['PaginatedTemplateList'];
export type InspectionResult = Schemas['InspectionResultEnum'];
export type PaginatedRoundList = Schemas['PaginatedRoundListList'];
export type Schedule = Schemas['Schedule'];
export type PaginatedSchedules = Schemas['PaginatedScheduleList'];
