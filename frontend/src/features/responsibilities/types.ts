/** The responsibility list's API types: aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Overview = Schemas['Overview'];
export type Revision = Schemas['Revision'];
export type DutyItem = Schemas['DutyItem'];
export type Party = DutyItem['party'];

export const PARTIES: readonly Party[] = ['firm', 'committee', 'residents_committee', 'owners'];
