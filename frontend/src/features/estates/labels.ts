/**
 * The UI's words for the API's choices, and small formatting helpers shared by the screens.
 */
import type { TFunction } from '../../i18n';
import type { CommitteePosition, ImportStatus, JoinRelation, JoinStatus, OccupancyKind, StaffRole, UnitUse } from './types';

export const unitUseLabel = (t: TFunction, use: UnitUse | string) => (isUse(use) ? t(`estates.use.${use}`) : use);
export const positionLabel = (t: TFunction, position: CommitteePosition) => t(`estates.position.${position}`);
export const relationLabel = (t: TFunction, relation: JoinRelation | OccupancyKind) => t(`estates.relation.${relation}`);
export const joinStatusLabel = (t: TFunction, status: JoinStatus) => t(`estates.joinStatus.${status}`);
export const importStatusLabel = (t: TFunction, status: ImportStatus) => t(`estates.importStatus.${status}`);
export const staffRoleLabel = (t: TFunction, role: StaffRole | string) =>
  role === 'manager' || role === 'staff' ? t(`estates.staffRole.${role}`) : role;

function isUse(value: string): value is UnitUse {
  return value === 'residential' || value === 'shop' || value === 'parking' || value === 'other';
}

/** "89.50" -> "89.5 m²"; empty stays empty. */
export function formatArea(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} m²` : String(value);
}

/** "50.00" -> "50%"; owners without a share show nothing. */
export function formatShare(value: string | null | undefined): string {
  if (!value) return '';
  const n = Number(value);
  return Number.isFinite(n) ? `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%` : value;
}

/** Today in the estates' timezone, as the API writes dates (YYYY-MM-DD). */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}
