/** Fixtures of the complaints tests, shaped like the API's answers. */
import type { ComplaintKpis, HotTopic } from './kpiTypes';
import type { RequestDetail, RequestRow } from './types';

export const RESIDENT_CAPS = ['complaints.submit', 'complaints.view', 'estates.view', 'home.view', 'notifications.view'];
export const STAFF_CAPS = ['complaints.handle', 'complaints.submit', 'complaints.view', 'estates.view', 'notifications.view'];
export const COMMITTEE_CAPS = [
  'complaints.board',
  'complaints.hot_topics.decide',
  'complaints.kpi',
  'complaints.submit',
  'complaints.view',
  'estates.view',
  'home.view',
  'notifications.view',
];
export const MANAGER_CAPS = ['complaints.kpi', 'complaints.board', ...STAFF_CAPS];

export const estate = {
  id: 1,
  name: '阳光花园',
  code: 'YG01',
  address: '浦东新区张杨路 1888 弄',
  city: '上海',
  district: '浦东新区',
  total_floor_area: '18432.00',
  household_count: 192,
  handover_date: '2012-06-30',
  contract_start: null,
  contract_end: null,
  settings: {},
  join_code: '',
  building_count: 4,
  unit_count: 192,
  created_at: '2026-01-01T00:00:00Z',
};

export const page = <T>(results: T[]) => ({ body: { count: results.length, next: null, previous: null, results } });

export function row(overrides: Partial<RequestRow> = {}): RequestRow {
  return {
    id: 7,
    number: 'YG01-000007',
    estate: 1,
    estate_code: 'YG01',
    kind: 'repair',
    category: 'repair',
    urgency: 'normal',
    place: '1-101',
    description: '厨房水管漏水',
    channel: 'web',
    status: 'submitted',
    colour: 'green',
    assignee: null,
    assignee_name: '',
    created_at: '2026-11-20T02:00:00Z',
    resolved_at: null,
    rating: null,
    reopen_count: 0,
    is_public: false,
    reject_reason: '',
    due_at: null,
    ...overrides,
  };
}

export function detail(overrides: Partial<RequestDetail> = {}): RequestDetail {
  return {
    ...row(),
    unit: 1,
    common_area: null,
    contact_name: '',
    defer_reason: '',
    deferred_until: null,
    reject_reason: '',
    rating_tags: [],
    rating_comment: '',
    first_response_at: null,
    closed_at: null,
    next_chase_at: null,
    events: [
      {
        id: 1,
        at: '2026-11-20T02:00:00Z',
        action: 'submit',
        from_status: '',
        to_status: 'submitted',
        channel: 'web',
        note: '',
        data: {},
        actor_name: '刘阿姨',
      },
    ],
    attachments: [
      {
        id: 3,
        event: 1,
        content_type: 'image/jpeg',
        size: 2048,
        url: '/api/v1/complaints/7/attachments/3/',
        created_at: '2026-11-20T02:00:00Z',
      },
    ],
    escalations: [],
    clocks: [
      {
        kind: 'response',
        budget_hours: 24,
        due_at: '2026-11-21T02:00:00Z',
        remaining_seconds: 3 * 3600 + 20 * 60,
        colour: 'yellow',
        running: true,
        paused: false,
        on_time: null,
        state: 'running',
        stop_reason: '',
      },
      {
        kind: 'resolution',
        budget_hours: 72,
        due_at: null,
        remaining_seconds: 50 * 3600,
        colour: 'green',
        running: false,
        paused: true,
        on_time: null,
        state: 'paused',
        stop_reason: '',
      },
    ],
    actions: [],
    entered_by_name: '',
    ...overrides,
  };
}

export const kpis: ComplaintKpis = {
  estate: 1,
  start: '2026-10-01',
  end: '2026-12-31',
  total: 128,
  response_p50_hours: 3.4,
  response_p90_hours: 19.75,
  on_time: { response: 0.97, plan: 0.9, resolution: 0.88 },
  resolution_rate: 0.91,
  reopen_rate: 0.06,
  repeat_rate: 0.04,
  average_rating: 4.05,
  rated_count: 73,
  answered_share: 1,
  targets: { on_time: 0.95, resolution_rate: 0.85, average_rating: 4.2, answered_share: 1.0 },
  counts: {
    answered: 128,
    answerable: 128,
    actionable: 121,
    resolved: 110,
    ever_resolved: 112,
    reopened: 7,
    with_unit: 90,
    repeated: 4,
    clocks_stopped: { response: 128, plan: 40, resolution: 112 },
    clocks_on_time: { response: 124, plan: 36, resolution: 99 },
  },
  by_category: [
    { category: 'repair', count: 61 },
    { category: 'noise', count: 18 },
  ],
  by_status: [
    { status: 'closed', count: 96 },
    { status: 'submitted', count: 6 },
  ],
  trend: [
    { month: '2026-10', count: 47, resolved: 44 },
    { month: '2026-11', count: 52, resolved: 45 },
  ],
  response_limit_hours: 24,
  min_sample: 5,
  previous: {
    estate: 1,
    start: '2026-07-02',
    end: '2026-09-30',
    total: 140,
    response_p50_hours: 4,
    response_p90_hours: 30,
    on_time: { response: 0.95, plan: 0.92, resolution: 0.8 },
    resolution_rate: 0.95,
    reopen_rate: 0.06,
    repeat_rate: 0.05,
    average_rating: 4.3,
    rated_count: 80,
    answered_share: 1,
    targets: { on_time: 0.95, resolution_rate: 0.85, average_rating: 4.2, answered_share: 1.0 },
    counts: {
      answered: 140,
      answerable: 140,
      actionable: 130,
      resolved: 124,
      ever_resolved: 120,
      reopened: 7,
      with_unit: 100,
      repeated: 5,
      clocks_stopped: { response: 140, plan: 50, resolution: 120 },
      clocks_on_time: { response: 133, plan: 46, resolution: 96 },
    },
    by_category: [],
    by_status: [],
    trend: [],
  },
};

export const hotTopic: HotTopic = {
  id: 5,
  estate: 1,
  category: 'noise',
  keywords: ['广场舞', '噪音'],
  request_count: 6,
  requests: [
    { id: 2, number: 'YG01-000002' },
    { id: 9, number: 'YG01-000009' },
  ],
  status: 'suggested',
  created_at: '2026-11-20T02:00:00Z',
  decided_at: null,
};
