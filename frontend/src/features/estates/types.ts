/**
 * The estates API's types: named aliases of the schemas GENERATED from the backend's OpenAPI
 * document (src/api/schema.d.ts). Only the shapes the schema leaves open (`settings`, an import's
 * `summary` and `errors`) are written here, as the server's code writes them.
 */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Estate = Schemas['Estate'];
export type EstateWrite = Schemas['EstateWriteRequest'];
export type EstatePatch = Schemas['PatchedEstateWriteRequest'];
export type PaginatedEstateList = Schemas['PaginatedEstateList'];
export type Building = Schemas['Building'];
export type BuildingWrite = Schemas['BuildingRequest'];
export type PaginatedBuildingList = Schemas['PaginatedBuildingList'];
export type Unit = Schemas['Unit'];
export type UnitWrite = Schemas['UnitWriteRequest'];
export type UnitUse = Schemas['UseEnum'];
export type PaginatedUnitList = Schemas['PaginatedUnitList'];
export type CommonArea = Schemas['CommonArea'];
export type CommonAreaWrite = Schemas['CommonAreaRequest'];
export type CommonAreaUpdate = Schemas['PatchedCommonAreaUpdateRequest'];
export type PaginatedCommonAreaList = Schemas['PaginatedCommonAreaList'];
export type Person = Schemas['Person'];
export type PersonWrite = Schemas['PersonWriteRequest'];
export type PaginatedPersonList = Schemas['PaginatedPersonList'];
export type OwnerLink = Schemas['OwnerLinkOut'];
export type OccupancyLink = Schemas['OccupancyOut'];
export type OccupancyKind = Schemas['OccupancyKindEnum'];
export type LinkOwner = Schemas['LinkOwnerRequest'];
export type LinkOccupant = Schemas['LinkOccupantRequest'];
export type EndLink = Schemas['EndLinkRequest'];
export type CreateAccount = Schemas['CreateAccountRequest'];
export type AccountCreated = Schemas['AccountCreated'];
export type StaffAssignment = Schemas['StaffAssignment'];
export type StaffAssign = Schemas['StaffAssignRequest'];
export type StaffRole = Schemas['StaffAssignRoleEnum'];
export type PaginatedStaffAssignmentList = Schemas['PaginatedStaffAssignmentList'];
export type CommitteeMembership = Schemas['CommitteeMembership'];
export type CommitteePosition = Schemas['PositionEnum'];
export type PaginatedCommitteeMembershipList = Schemas['PaginatedCommitteeMembershipList'];
export type JoinRequest = Schemas['JoinRequest'];
export type JoinStatus = Schemas['JoinStatusEnum'];
export type JoinRelation = Schemas['RelationEnum'];
export type PaginatedJoinRequestList = Schemas['PaginatedJoinRequestList'];
export type JoinInfo = Schemas['JoinInfo'];
export type JoinSubmit = Schemas['JoinSubmitRequest'];
export type ImportJob = Schemas['ImportJob'];
export type ImportStatus = Schemas['ImportStatusEnum'];
export type HomeUnit = Schemas['HomeUnit'];
export type FirmUser = Schemas['FirmUser'];
export type PaginatedFirmUserList = Schemas['PaginatedFirmUserList'];

/** The response clocks of an estate (`settings.sla_hours`, estates.models.default_estate_settings). */
export interface SlaHours {
  response: number;
  plan: number;
  emergency_fix: number;
  resolution: number;
}
export const SLA_KEYS = ['response', 'plan', 'emergency_fix', 'resolution'] as const satisfies readonly (keyof SlaHours)[];
export const DEFAULT_SLA_HOURS: SlaHours = { response: 24, plan: 72, emergency_fix: 8, resolution: 72 };

/** One problem the import found (estates.importing.validation.RowError.as_dict). */
export interface ImportRowError {
  sheet: string;
  row: number | null;
  field: string;
  /** The column's header in the user's language (`field` is the key, for programs). */
  column: string;
  message: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import would do or did, per kind of record (estates.importing.planning). */
export const IMPORT_ENTITIES = ['buildings', 'units', 'people', 'owner_records', 'occupancies'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export interface ImportProgress {
  status: ImportStatus;
  total_rows: number;
  processed_rows: number;
  percent: number;
}

export const UNIT_USES = ['residential', 'shop', 'parking', 'other'] as const satisfies readonly UnitUse[];
export const POSITIONS = ['chair', 'vice_chair', 'member', 'supervision'] as const satisfies readonly CommitteePosition[];
export const RELATIONS = ['owner', 'occupant', 'tenant'] as const satisfies readonly JoinRelation[];
export const JOIN_STATUSES = ['pending', 'approved', 'rejected'] as const satisfies readonly JoinStatus[];
export const STAFF_ROLES = ['manager', 'staff'] as const satisfies readonly StaffRole[];

// Fail to compile if the API adds a choice these lists lack.
type AssertNever<T extends never> = T;
export type EstatesChoicesComplete = AssertNever<
  | Exclude<UnitUse, (typeof UNIT_USES)[number]>
  | Exclude<CommitteePosition, (typeof POSITIONS)[number]>
  | Exclude<JoinRelation, (typeof RELATIONS)[number]>
  | Exclude<JoinStatus, (typeof JOIN_STATUSES)[number]>
  | Exclude<StaffRole, (typeof STAFF_ROLES)[number]>
>;
