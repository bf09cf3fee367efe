/**
 * The API's types, as named aliases of the schemas GENERATED from the backend's
 * OpenAPI document (`npm run gen:api` turns ../../openapi.json into ./schema.d.ts).
 * Never hand-write a response shape elsewhere: alias it here.
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type Me = Schemas['Me'];
export type Session = Schemas['Session'];
export type MeUpdate = Schemas['PatchedMeUpdateRequest'];
export type Role = Schemas['Role'];
export type RoleName = Schemas['RoleEnum'];
export type Language = Schemas['LanguageEnum'];
export type HostKind = Schemas['HostKindEnum'];
export type Site = Schemas['Site'];
export type SiteFirm = Schemas['SiteFirm'];
export type LoginRequest = Schemas['LoginRequest'];
export type SmsCodeRequest = Schemas['SmsCodeRequestRequest'];
export type SmsLoginRequest = Schemas['SmsLoginRequest'];
export type PasswordResetRequest = Schemas['PasswordResetRequest'];
export type PasswordResetConfirmRequest = Schemas['PasswordResetConfirmRequest'];
export type InvitationInfo = Schemas['InvitationInfo'];
export type InvitationAcceptRequest = Schemas['InvitationAcceptRequest'];
export type FirmUser = Schemas['FirmUser'];
export type UserInvite = Schemas['UserInviteRequest'];
export type InviteRole = Schemas['UserInviteRoleEnum'];
export type PaginatedFirmUserList = Schemas['PaginatedFirmUserList'];
export type UserListQuery = Query<'users_list'>;
export type Firm = Schemas['Firm'];
export type FirmCreate = Schemas['FirmCreateRequest'];
export type FirmStatus = Schemas['FirmStatusEnum'];
export type ProvisioningStatus = Schemas['ProvisioningStatusEnum'];
export type PaginatedFirmList = Schemas['PaginatedFirmList'];
export type FirmListQuery = Query<'platform_firms_list'>;
export type Offboarding = Schemas['Offboarding'];
export type OffboardStart = Schemas['OffboardStartRequest'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditChange = Schemas['AuditChange'];
export type PaginatedAuditEntryList = Schemas['PaginatedAuditEntryList'];
export type AuditListQuery = Query<'audit_events_list'>;
export type SlugAvailability = Schemas['SlugAvailability'];

/** Roles a firm admin may grant when inviting someone (the API's own list). */
export const INVITE_ROLES = [
  'firm_admin',
  'manager',
  'staff',
  'committee',
  'resident',
  'auditor',
] as const satisfies readonly InviteRole[];

// Fails to compile if the API adds an invitable role this list lacks.
type AssertNever<T extends never> = T;
export type InviteRolesComplete = AssertNever<Exclude<InviteRole, (typeof INVITE_ROLES)[number]>>;
