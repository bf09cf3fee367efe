/** Notice API types: aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Notice = Schemas['Notice'];
export type PaginatedNotices = Schemas['PaginatedNoticeList'];
