/** Sample API answers for the estates tests (shapes from the generated schema). */
import type { CommitteeMembership, Estate, HomeUnit, ImportJob, JoinInfo } from './types';

export const page = <T>(results: T[]) => ({ body: { count: results.length, next: null, previous: null, results } });

export function estate(overrides: Partial<Estate> = {}): Estate {
  return {
    id: 1,
    name: '阳光花园',
    code: 'YG01',
    address: '浦东新区张杨路 1888 弄',
    city: '上海',
    district: '浦东新区',
    total_floor_area: '18432.00',
    household_count: 192,
    handover_date: '2012-06-30',
    contract_start: '2025-01-01',
    contract_end: '2028-12-31',
    settings: { sla_hours: { response: 24, plan: 72, emergency_fix: 8, resolution: 72 } },
    join_code: 'k3Jd9aQ2',
    building_count: 4,
    unit_count: 192,
    created_at: '2026-01-05T02:00:00Z',
    ...overrides,
  };
}

export function member(overrides: Partial<CommitteeMembership> = {}): CommitteeMembership {
  return {
    id: 3,
    estate: 1,
    user: 9,
    user_email: 'chen@demo.test',
    user_name: '陈志强',
    full_name: '陈志强',
    position: 'chair',
    term_start: '2025-06-01',
    term_end: '2030-05-31',
    ended_on: null,
    end_reason: '',
    active: true,
    confirmed: true,
    filing_number: '浦房业备字〔2025〕第0001号',
    ...overrides,
  };
}

export function importJob(overrides: Partial<ImportJob> = {}): ImportJob {
  const counts = (created: number) => ({ created, updated: 0, unchanged: 0 });
  return {
    id: 7,
    estate: 1,
    filename: 'units.xlsx',
    status: 'previewed',
    total_rows: 3,
    processed_rows: 0,
    errors: [],
    summary: {
      buildings: counts(1),
      units: counts(3),
      people: counts(3),
      owner_records: counts(3),
      occupancies: counts(0),
      errors_total: 0,
    },
    progress: { status: 'previewed', total_rows: 3, processed_rows: 0, percent: 0 },
    created_at: '2026-01-05T02:00:00Z',
    ...overrides,
  };
}

export const joinInfo: JoinInfo = {
  estate_name: '阳光花园',
  address: '浦东新区张杨路 1888 弄',
  buildings: [
    {
      id: 11,
      name: '1',
      units: [
        { id: 101, number: '101' },
        { id: 102, number: '102' },
      ],
    },
    { id: 12, name: '2', units: [{ id: 201, number: '201' }] },
  ],
};

export const homeUnits: HomeUnit[] = [
  {
    id: 101,
    estate_id: 1,
    unit_label: '1-101',
    estate_name: '阳光花园',
    estate_address: '浦东新区张杨路 1888 弄',
    building_name: '1',
    number: '101',
    floor: 1,
    area: '89.50',
    use: 'residential',
    owners: ['刘阿姨', '王建华'],
    occupants: ['刘小明'],
  },
  {
    id: 305,
    estate_id: 1,
    unit_label: '3-B2-015',
    estate_name: '阳光花园',
    estate_address: '浦东新区张杨路 1888 弄',
    building_name: '3',
    number: 'B2-015',
    floor: -2,
    area: '12.00',
    use: 'parking',
    owners: ['刘阿姨'],
    occupants: [],
  },
];
