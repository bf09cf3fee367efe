/** The committee's API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Filing = Schemas['Filing'];
export type PaginatedFilings = Schemas['PaginatedFilingList'];
export type PlatformFiling = Schemas['PlatformFiling'];
export type PaginatedPlatformFilings = Schemas['PaginatedPlatformFilingList'];
export type FilingStatus = Schemas['FilingStatusEnum'];
export type Member = Schemas['Member'];
export type Position = Member['position'];
export type Roster = Schemas['Roster'];
export type Seat = Schemas['Seat'];
export type RosterEvent = Schemas['RosterEvent'];
export type PaginatedRosterEvents = Schemas['PaginatedRosterEventList'];

export const POSITIONS: readonly Position[] = ['chair', 'vice_chair', 'member', 'supervision'];

/** What the filing form sends (the receipt and the members go into a multipart body). */
export interface FilingForm {
  estate: number;
  number: string;
  street_authority: string;
  housing_authority: string;
  election_date: string;
  filed_on: string;
  term_start: string;
  term_end: string;
  members: Member[];
  receipt: File;
}
