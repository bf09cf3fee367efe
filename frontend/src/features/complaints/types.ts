/**
 * The complaints screens' API types: named aliases of the schemas GENERATED from the backend's
 * OpenAPI document (src/api/schema.d.ts). Nothing here is hand-written except the two lists that
 * pin enum order for the UI (checked against the generated unions below).
 *
 * The KPI and hot-topic shapes are not in the document yet: see ./kpiTypes.ts.
 */
import type { components, operations } from '../../api/schema';

type Schemas = components['schemas'];
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type RequestRow = Schemas['RequestList'];
export type RequestDetail = Schemas['RequestDetail'];
export type RequestEvent = Schemas['Event'];
export type RequestAttachment = Schemas['Attachment'];
export type RequestMessage = Schemas['Message'];
export type SlaClock = Schemas['Clock'];
export type PaginatedRequests = Schemas['PaginatedRequestListList'];
export type RequestListQuery = QueryOf<'complaints_list'>;
export type RequestSubmit = Schemas['RequestSubmitRequest'];
export type RequestKind = Schemas['RequestKindEnum'];
export type Category = Schemas['CategoryEnum'];
export type Urgency = Schemas['UrgencyEnum'];
export type Channel = Schemas['ChannelEnum'];
export type RequestStatus = Schemas['RequestStatusEnum'];
export type Colour = Schemas['ColourEnum'];
export type ClockKind = Schemas['ClockEnum'];
export type RatingTag = Schemas['TagsEnum'];
export type AcceptBody = Schemas['AcceptRequest'];
export type ReassignBody = Schemas['ReassignRequest'];
export type DeferBody = Schemas['DeferRequest'];
export type NoteBody = Schemas['NoteRequest'];
export type RejectBody = Schemas['RejectRequest'];
export type RateBody = Schemas['RateRequest'];
export type ReopenBody = Schemas['ReopenRequest'];
export type BulkAssignBody = Schemas['BulkAssignRequest'];
export type BulkAssignResult = Schemas['BulkAssignResult'];

export const KINDS = ['repair', 'complaint', 'suggestion'] as const satisfies readonly RequestKind[];
export const CATEGORIES = [
  'repair',
  'cleaning',
  'security',
  'greening',
  'parking',
  'noise',
  'fees',
  'other',
] as const satisfies readonly Category[];
export const STATUSES = [
  'submitted',
  'reopened',
  'accepted',
  'in_progress',
  'deferred',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
] as const satisfies readonly RequestStatus[];
export const OPEN_STATUSES = [
  'submitted',
  'reopened',
  'accepted',
  'in_progress',
  'deferred',
] as const satisfies readonly RequestStatus[];
export const COLOURS = ['green', 'yellow', 'red'] as const satisfies readonly Colour[];
export const CLOCK_KINDS = ['response', 'plan', 'resolution'] as const satisfies readonly ClockKind[];
export const RATING_TAGS = [
  'slow',
  'poor_quality',
  'rude',
  'not_fixed',
  'no_update',
  'good',
] as const satisfies readonly RatingTag[];
/** Channels staff use when they record a request for a resident. */
export const STAFF_CHANNELS = ['phone', 'front_desk', 'walk_in', 'paper'] as const satisfies readonly Channel[];

// Fail to compile when the API adds a value one of these lists lacks.
type AssertNever<T extends never> = T;
export type KindsComplete = AssertNever<Exclude<RequestKind, (typeof KINDS)[number]>>;
export type CategoriesComplete = AssertNever<Exclude<Category, (typeof CATEGORIES)[number]>>;
export type StatusesComplete = AssertNever<Exclude<RequestStatus, (typeof STATUSES)[number]>>;
export type ColoursComplete = AssertNever<Exclude<Colour, (typeof COLOURS)[number]>>;
export type ClocksComplete = AssertNever<Exclude<ClockKind, (typeof CLOCK_KINDS)[number]>>;
export type TagsComplete = AssertNever<Exclude<RatingTag, (typeof RATING_TAGS)[number]>>;

/** The transitions a detail's `actions` may list (drives the buttons). */
export const ACTIONS = [
  'take',
  'accept',
  'depart',
  'start',
  'resolve',
  'defer',
  'resume',
  'reassign',
  'reject',
  'rate',
  'reopen',
  'chase',
  'withdraw',
] as const;
export type RequestAction = (typeof ACTIONS)[number];
