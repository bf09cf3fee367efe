/** Tracked-decision API types: aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Decision = Schemas['TrackedDecision'];
export type DecisionDetail = Schemas['TrackedDecisionDetail'];
export type DecisionOwnerOption = Schemas['TrackedDecisionOwnerOption'];
export type Topic = Schemas['Topic'];
export type VoteRow = Schemas['VoteList'];
