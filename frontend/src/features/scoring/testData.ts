/** Fixtures of the scoring tests, shaped like the API's answers. */
import { makeMe } from '../../test/utils';
import type { EstateScore, MyUnit, Survey } from './types';

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

/** A published score with the default weights and no supervision figures (METHOD.md v1). */
export function estateScore(overrides: Partial<EstateScore> = {}): EstateScore {
  return {
    id: 40,
    estate: 1,
    survey: 7,
    period_start: '2026-10-01',
    period_end: '2026-12-31',
    method_version: 'v1',
    weights: {
      satisfaction: 40,
      inspection_pass: 15,
      rectification: 15,
      complaint_on_time: 10,
      complaint_reopen: 5,
      complaint_rating: 10,
      complaint_response: 5,
    },
    weights_source: 'default',
    weights_agreement_id: null,
    supervision_included: false,
    inputs: [
      {
        key: 'satisfaction',
        available: true,
        reason: '',
        counts: { ballots_online: 5, ballots_paper: 1, ratings_sum: 144, ratings_count: 36 },
        value: '4.00',
        score: '75.00',
      },
      {
        key: 'inspection_pass',
        available: false,
        reason: 'supervision_absent',
        counts: { items_inspected: 0, items_passed: 0 },
        value: null,
        score: null,
      },
      {
        key: 'rectification',
        available: false,
        reason: 'supervision_absent',
        counts: { rectifications_opened: 0, rectifications_verified: 0, rectifications_verified_on_time: 0 },
        value: null,
        score: null,
      },
      {
        key: 'complaint_on_time',
        available: true,
        reason: '',
        counts: { clocks_stopped: 20, clocks_on_time: 17 },
        value: '85.00',
        score: '85.00',
      },
      {
        key: 'complaint_reopen',
        available: true,
        reason: '',
        counts: { ever_resolved: 10, reopened: 1 },
        value: '10.00',
        score: '90.00',
      },
      {
        key: 'complaint_rating',
        available: true,
        reason: '',
        counts: { rated_count: 8, average_rating: '4.50' },
        value: '4.50',
        score: '87.50',
      },
      {
        key: 'complaint_response',
        available: true,
        reason: '',
        counts: { answered: 20, p90_hours: '3.00', limit_hours: '2.00' },
        value: '3.00',
        score: '66.67',
      },
    ],
    score: '78.69',
    published_at: '2027-01-02T02:00:00Z',
    ...overrides,
  } as EstateScore;
}
