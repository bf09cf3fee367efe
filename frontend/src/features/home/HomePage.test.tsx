import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tFor } from '../../i18n';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { page, row } from '../complaints/testData';
import { homeUnits } from '../estates/testData';
import { homeName, timeLeft } from './ResidentHome';

const resident = makeMe({
  email: 'liu@example.com',
  full_name: '刘阿姨',
  roles: [
    { role: 'resident', estate_id: 1, unit_id: 101 },
    { role: 'resident', estate_id: 1, unit_id: 305 },
  ],
  capabilities: ['complaints.submit', 'complaints.view'],
});

const NOW = Date.parse('2026-11-20T04:00:00Z');

afterEach(() => {
  vi.useRealTimers();
});

describe("the resident's home", () => {
  it('names their homes as people say them, never by the code', async () => {
    mockApi({ 'GET me/home/': () => ({ body: homeUnits }), 'GET complaints/': () => page([]) });
    renderApp('/', { me: resident });
    const units = await screen.findByTestId('home-unit-101');
    expect(units.textContent).toBe('阳光花园 1栋101');
    expect(screen.getByTestId('home-unit-305').textContent).toBe('阳光花园 3栋B2-015');
    expect(screen.getByTestId('resident-home').textContent).not.toContain('1-101');
  });

  it('shows the firm name and a big 我要报事 that opens the form, and no module catalogue', async () => {
    mockApi({ 'GET me/home/': () => ({ body: [] }), 'GET complaints/': () => page([]) });
    renderApp('/', { me: resident });
    const home = await screen.findByTestId('resident-home');
    expect(screen.getByTestId('home-firm-name').textContent).toBe('阳光物业');
    const report = screen.getByTestId('home-report');
    expect(report.textContent).toContain('我要报事');
    expect(report.getAttribute('href')).toBe('/requests/new');
    expect(home.textContent).not.toContain('即将上线');
    expect(screen.queryByTestId('module-estates')).toBeNull();
    // the e-mail once, and no role tags
    expect(home.textContent?.split('liu@example.com').length).toBe(2);
    expect(home.textContent).not.toContain('住户');
    expect(await screen.findByTestId('home-no-open')).toBeTruthy();
  });

  it('lists only their open requests (and those awaiting their rating), with the state and the time left until the promised time', async () => {
    const { calls } = mockApi({
      'GET me/home/': () => ({ body: homeUnits }),
      'GET complaints/': () =>
        page([
          row({ id: 7, description: '厨房水管漏水', status: 'accepted', due_at: '2026-11-20T07:20:00Z' }),
          row({ id: 8, description: '楼道灯不亮', status: 'submitted', due_at: '2026-11-19T04:00:00Z' }),
          row({ id: 9, description: '噪音', status: 'deferred', due_at: null }),
          row({ id: 10, description: '门禁坏了', status: 'resolved', due_at: null }),
        ]),
    });
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    renderApp('/', { me: resident });
    const first = await screen.findByTestId('home-request-7');
    expect(first.getAttribute('href')).toBe('/requests/7');
    expect(within(first).getByTestId('home-request-status-7').textContent).toBe('已受理');
    expect(screen.getByTestId('home-request-due-7').textContent).toBe('距承诺时间还剩 3 小时 20 分');
    expect(screen.getByTestId('home-request-due-8').textContent).toBe('已超过承诺时间 1 天 0 小时');
    expect(screen.queryByTestId('home-request-due-9')).toBeNull();
    // resolved is not closed: it waits for the resident's rating, and says so
    expect(screen.getByTestId('home-request-status-10').textContent).toBe('已解决');
    expect(screen.getByTestId('home-request-rate-10').textContent).toBe('请确认维修结果并评价');
    const list = calls.find((c) => c.path === 'complaints/');
    expect(list?.query.get('mine')).toBe('true');
    expect(list?.query.get('status')).toBe('submitted,reopened,accepted,in_progress,deferred,resolved');
  });
});

describe('the staff home', () => {
  it('shows the e-mail and each role once', async () => {
    mockApi({});
    const me = makeMe({
      roles: [
        { role: 'manager', estate_id: 1, unit_id: null },
        { role: 'manager', estate_id: 2, unit_id: null },
      ],
    });
    renderApp('/', { me });
    const who = await screen.findByTestId('current-user');
    expect(who.textContent).toBe('admin@example.com项目经理');
    expect(screen.queryByTestId('resident-home')).toBeNull();
  });
});

describe("the staff home's scoring card", () => {
  const keeper = makeMe({
    roles: [{ role: 'manager', estate_id: 1, unit_id: null }],
    capabilities: ['estates.view', 'scoring.view', 'scoring.draft'],
  });
  const alert = (id: number, overrides: object = {}) => ({
    id,
    estate: 1,
    kind: 'improvement_plan',
    key: String(id),
    figures: {},
    created_at: '2027-01-02T02:00:00Z',
    due_on: '2027-02-01',
    reported_at: null,
    report_note: '',
    returned_note: '',
    done_at: null,
    ...overrides,
  });

  it("shows the latest published score of the keeper's estates, weakest first, and the open improvement plans", async () => {
    mockApi({
      'GET scoring/portfolio/': () => ({
        body: {
          average: '72.00',
          estates: [
            { estate: 2, name: '翠湖苑', rank: 1, score: '81.50', trend: ['81.50'], weakest: null },
            { estate: 1, name: '阳光花园', rank: 2, score: '62.50', trend: ['65.00', '62.50'], weakest: 'satisfaction' },
            { estate: 3, name: '新苑', rank: null, score: null, trend: [], weakest: null },
          ],
        },
      }),
      'GET scoring/alerts/': () =>
        page([
          alert(1),
          alert(2, { reported_at: '2027-01-20T02:00:00Z' }),
          alert(3, { done_at: '2027-01-21T02:00:00Z' }),
          alert(4, { kind: 'retender', due_on: null }),
        ] as never[]),
    });
    renderApp('/', { me: keeper });
    const card = await screen.findByTestId('home-scoring');
    await within(card).findByTestId('home-score-1');
    expect(
      within(card)
        .getAllByTestId(/^home-score-\d+$/)
        .map((e) => e.getAttribute('data-testid')),
    ).toEqual(['home-score-1', 'home-score-2']);
    expect(screen.getByTestId('home-score-value-1').textContent).toBe('62.50 分');
    expect(screen.getByTestId('home-plans').textContent).toContain('未完成的整改提升计划：2 项');
    expect(screen.getByTestId('home-plan-1').textContent).toBe('阳光花园期限 2027/02/01');
    expect(screen.getByTestId('home-plan-2').textContent).toBe('阳光花园待业委会确认');
    expect(screen.queryByTestId('home-plan-3')).toBeNull();
    expect(screen.queryByTestId('home-plan-4')).toBeNull();
  });

  it('says when nothing is published or open, and is not shown to staff who keep no scores', async () => {
    mockApi({
      'GET scoring/portfolio/': () => ({ body: { average: null, estates: [] } }),
      'GET scoring/alerts/': () => page([]),
    });
    const { unmount } = renderApp('/', { me: keeper });
    expect(await screen.findByTestId('home-scoring-none')).toBeTruthy();
    expect(screen.getByTestId('home-plans-none')).toBeTruthy();
    unmount();
    renderApp('/', { me: makeMe({ roles: [{ role: 'staff', estate_id: 1, unit_id: null }], capabilities: ['scoring.view'] }) });
    expect(await screen.findByTestId('current-user')).toBeTruthy();
    expect(screen.queryByTestId('home-scoring')).toBeNull();
  });
});

describe("a committee member's home", () => {
  it('adds the estate score and the plans the firm reported done, awaiting their confirmation', async () => {
    mockApi({
      'GET me/home/': () => ({ body: homeUnits }),
      'GET complaints/': () => page([]),
      'GET scoring/surveys/': () => page([]),
      'GET notices/': () => page([]),
      'GET scoring/portfolio/': () => ({
        body: {
          average: '70.00',
          estates: [{ estate: 1, name: '阳光花园', rank: null, score: '62.50', trend: [], weakest: null }],
        },
      }),
      'GET scoring/alerts/': () =>
        page([
          {
            id: 5,
            estate: 1,
            kind: 'improvement_plan',
            key: '5',
            figures: {},
            created_at: '2027-01-02T02:00:00Z',
            due_on: '2027-02-01',
            reported_at: '2027-01-20T02:00:00Z',
            report_note: '门禁已换新',
            returned_note: '',
            done_at: null,
          },
        ] as never[]),
    });
    const member = makeMe({
      roles: [
        { role: 'resident', estate_id: 1, unit_id: 101 },
        { role: 'committee', estate_id: 1, unit_id: null },
      ],
      capabilities: ['complaints.submit', 'complaints.view', 'scoring.view', 'scoring.supervise'],
    });
    renderApp('/', { me: member });
    expect(await screen.findByTestId('resident-home')).toBeTruthy();
    expect((await screen.findByTestId('home-score-value-1')).textContent).toBe('62.50 分');
    expect(screen.getByTestId('home-plan-5').textContent).toBe('阳光花园物业已提交，待您确认');
  });

  it('is not shown to a resident', async () => {
    const { calls } = mockApi({ 'GET me/home/': () => ({ body: homeUnits }), 'GET complaints/': () => page([]) });
    renderApp('/', { me: resident });
    expect(await screen.findByTestId('home-unit-101')).toBeTruthy();
    expect(screen.queryByTestId('home-scoring')).toBeNull();
    expect(calls.some((c) => c.path === 'scoring/portfolio/' || c.path === 'scoring/alerts/')).toBe(false);
  });
});

describe('homeName and timeLeft', () => {
  const t = tFor('en');
  it('say a named building as it is, in English too', () => {
    expect(homeName(t, { estate_name: '阳光花园', building_name: '3号楼', number: '101' })).toBe('阳光花园, 3号楼, 101');
    expect(homeName(t, { estate_name: 'Sunny', building_name: '1', number: '101' })).toBe('Sunny, Building 1, 101');
  });
  it('say nothing without a running clock', () => {
    expect(timeLeft(t, null, NOW)).toBe('');
  });
});
