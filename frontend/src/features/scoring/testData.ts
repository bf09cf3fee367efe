/** Fixtures of the scoring tests, shaped like the API's answers. */
import { makeMe } from '../../test/utils';
import type { MyUnit, Survey } from './types';

export const RESIDENT_CAPS = ['estates.view', 'home.view', 'notifications.view', 'scoring.view', 'scoring.answer'];
export const COMMITTEE_CAPS = [...RESIDENT_CAPS, 'scoring.supervise'];
export const MANAGER_CAPS = ['estates.view', 'notifications.view', 'scoring.view', 'scoring.draft'];

export const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: RESIDENT_CAPS });
export const committee = makeMe({
  id: 5,
  full_name: '李主任',
  roles: [{ role: 'committee', estate_id: 1, unit_id: 4 }],
  capabilities: COMMITTEE_CAPS,
});
export const manager = makeMe({ id: 3, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: MANAGER_CAPS });

export function survey(overrides: Partial<Survey> = {}): Survey {
  return {
    id: 7,
    estate: 1,
    estate_name: '阳光花园',
    title: '阳光花园 2026 年第四季度物业服务满意度调查',
    period_start: '2026-10-01',
    period_end: '2026-12-31',
    status: 'open',
    dimensions: ['overall', 'cleaning', 'security', 'greening', 'repairs', 'service'],
    answered_units: 12,
    opened_at: '2026-12-01T01:00:00Z',
    closed_at: null,
    last_reminder_at: null,
    reminders_sent: 0,
    actions: ['answer'],
    score: null,
    ...overrides,
  } as Survey;
}

export function myUnit(overrides: Partial<MyUnit> = {}): MyUnit {
  return { unit: 3, label: '1-101', voice: 'owner', answered: false, answered_by: null, answered_by_me: false, ...overrides };
}
