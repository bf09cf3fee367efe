/**
 * Where estate onboarding stands, read from the firm's own data (nothing about the wizard is
 * stored): the estates made, each estate's units imported, and who of the firm's managers and
 * staff is assigned to it. The wizard opens at the first step this says is not done, so it
 * picks up where the data is after leaving and coming back.
 */
import type { FirmUser } from '../../../api/types';
import type { Estate } from '../../estates/types';

export const STEPS = ['estates', 'import', 'invite', 'done'] as const;
export type StepKey = (typeof STEPS)[number];
export type WorkStep = Exclude<StepKey, 'done'>;

export const isStep = (value: string | null): value is StepKey => STEPS.includes(value as StepKey);

export interface EstateProgress {
  estate: Estate;
  units: number;
  managers: FirmUser[];
  staff: FirmUser[];
}

export interface OnboardingProgress {
  estates: EstateProgress[];
  /** estates with units */
  imported: number;
  /** estates with a manager or staff member assigned */
  staffed: number;
  complete: Record<WorkStep, boolean>;
  /** the first step not done ('done' when every step is) */
  resume: StepKey;
  /** 0-100: a third per step, the import and invite steps counted per estate */
  percent: number;
}

const assignedTo = (users: FirmUser[], role: 'manager' | 'staff', estate: number) =>
  users.filter((u) => u.is_active && u.roles.some((r) => r.role === role && r.estate_id === estate));

export function onboardingProgress(estates: Estate[], managers: FirmUser[], staff: FirmUser[]): OnboardingProgress {
  const rows = estates.map((estate) => ({
    estate,
    units: estate.unit_count,
    managers: assignedTo(managers, 'manager', estate.id),
    staff: assignedTo(staff, 'staff', estate.id),
  }));
  const total = rows.length;
  const imported = rows.filter((r) => r.units > 0).length;
  const staffed = rows.filter((r) => r.managers.length + r.staff.length > 0).length;
  const complete = {
    estates: total > 0,
    import: total > 0 && imported === total,
    invite: total > 0 && staffed === total,
  };
  const resume: StepKey = !complete.estates ? 'estates' : !complete.import ? 'import' : !complete.invite ? 'invite' : 'done';
  const share = (done: number) => (total === 0 ? 0 : done / total);
  const percent = Math.round(((complete.estates ? 1 : 0) + share(imported) + share(staffed)) * (100 / 3));
  return { estates: rows, imported, staffed, complete, resume, percent };
}
