/** Topics' API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Topic = Schemas['Topic'];
export type TopicHall = Schemas['TopicHall'];
export type TopicAnswerBody = Schemas['TopicAnswerRequest'];
