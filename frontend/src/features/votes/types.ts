/** The votes API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Vote = Schemas['Vote'];
export type VoteListItem = Schemas['VoteList'];
export type VoteBody = Schemas['VoteCreateRequest'];
export type VoteWrite = Schemas['VoteWriteRequest'];
export type VoteTally = Schemas['VoteTally'];
export type MyElector = Schemas['VoteMyElector'];
export type CastResult = Schemas['VoteCastResult'];
export type BallotRow = Schemas['VoteBallotRow'];
export type Ballots = Schemas['VoteBallots'];
export type Elector = Schemas['VoteElector'];
export type ReceiptAnswer = Schemas['VoteReceiptAnswer'];
export type Matter = Schemas['VoteMatterEnum'];
export type VoteStatus = Schemas['VoteStatusEnum'];

/** Civil Code art. 278 items, in the law's order; items 6-8 are special matters (≥ 3/4). */
export const MATTERS: readonly Matter[] = [
  'rules',
  'covenant',
  'committee',
  'manager',
  'fund_use',
  'fund_raise',
  'rebuild',
  'common_use',
  'other',
];
export const SPECIAL_MATTERS: readonly Matter[] = ['fund_raise', 'rebuild', 'common_use'];
