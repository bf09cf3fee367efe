import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { tFor } from '../../i18n';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Statement, StatementDetail } from '../disclosure/types';
import { homeUnits } from '../estates/testData';
import { estateScore } from '../scoring/testData';
import { periodLabel, scoreChange } from './EstateDigestCard';
import { latestStatement, prefetchResidentHome } from './queries';

const resident = makeMe({
  id: 9,
  email: 'liu@example.com',
  full_name: '刘阿姨',
  roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }],
  capabilities: ['complaints.submit', 'complaints.view', 'disclosure.view', 'scoring.view', 'notices.view'],
});

function statementRow(overrides: Partial<Statement> = {}): Statement {
  return {
    id: 7,
    estate: 1,
    kind: 'quarterly',
    period_start: '2026-07-01',
    period_end: '2026-09-30',
    status: 'published',
    head_seq: 12,
    head_hash: 'a'.repeat(64),
    open_queries: 0,
    submitted_at: '2026-10-03T02:00:00Z',
    signed_off_at: '2026-10-06T02:00:00Z',
    publish_due_at: '2026-10-07T02:00:00Z',
    published_at: '2026-10-07T01:00:00Z',
    ...overrides,
  } as Statement;
}

function statementDetail(overrides: Partial<StatementDetail> = {}): StatementDetail {
  return {
    ...statementRow(),
    note: '',
    summary: {
      income_total: '12345.60',
      expense_total: '2300.00',
      net: '10045.60',
      income_by_category: { advertising: '12345.60' },
      expense_by_category: { repairs: '2300.00' },
      reinvestment: '0.00',
      staff_cost: '0.00',
      maintenance_fund_transfer: '0.00',
      rule: null,
      split: null,
      warnings: [],
      line_count: 5,
    },
    queries: [],
    witness_head: 'a'.repeat(64),
    actions: ['verify'],
    ...overrides,
  } as StatementDetail;
}

const previousScore = estateScore({ id: 30, survey: 6, period_start: '2026-07-01', period_end: '2026-09-30', score: '75.50' });

/** The home's own reads, and the statement's and score's: each test overrides what it needs. */
function homeApi(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET me/home/': () => ({ body: homeUnits }),
    'GET complaints/': () => page([]),
    'GET notices/': () => page([]),
    'GET scoring/surveys/': () => page([]),
    'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
    'GET statements/': () =>
      page([
        // newest period first, as the API orders them: September's detail, then the quarter
        statementRow({ id: 8, kind: 'monthly', period_start: '2026-09-01', period_end: '2026-09-30' }),
        statementRow({ id: 6, kind: 'monthly', period_start: '2026-08-01', period_end: '2026-08-31' }),
        statementRow(),
      ]),
    'GET statements/7/': () => ({ body: statementDetail() }),
    'GET scoring/scores/': () => page([estateScore(), previousScore]),
    ...overrides,
  });
}

afterEach(() => {
  window.localStorage.clear();
});

describe("the home's estate disclosures (小区公示)", () => {
  it("shows the estate's latest published statement: the quarter, its three figures in CNY, when it was published", async () => {
    const { calls } = homeApi();
    renderApp('/', { me: resident });
    const part = await screen.findByTestId('home-statement-1');
    expect(screen.getByTestId('home-statement-period-1').textContent).toBe('2026 年第三季度');
    expect((await screen.findByTestId('home-statement-income-1')).textContent).toBe('¥12,345.60');
    expect(screen.getByTestId('home-statement-expense-1').textContent).toBe('¥2,300.00');
    expect(screen.getByTestId('home-statement-net-1').textContent).toBe('¥10,045.60');
    expect(within(part).getByText('收入')).toBeTruthy();
    expect(within(part).getByText('结余')).toBeTruthy();
    expect(screen.getByTestId('home-statement-status-1').textContent).toBe('已公示');
    expect(screen.getByTestId('home-statement-published-1').textContent).toBe('已于 2026/10/07 公示');
    expect(screen.getByTestId('home-statement-open-1').getAttribute('href')).toBe('/disclosure/statements/7');
    // one estate: the card is not named after it
    expect(within(screen.getByTestId('home-digest-1')).getByRole('heading').textContent).toBe('小区公示');
    // only this estate's published statements were asked for, and only the chosen one's figures
    const list = calls.find((c) => c.path === 'statements/');
    expect(list?.query.get('estate')).toBe('1');
    expect(list?.query.get('status')).toBe('published');
    expect(calls.filter((c) => c.path.startsWith('statements/') && c.path !== 'statements/').map((c) => c.path)).toEqual([
      'statements/7/',
    ]);
  });

  it("shows the estate's latest score with its period, the change since the one before and the link to its explanation", async () => {
    const { calls } = homeApi();
    renderApp('/', { me: resident });
    expect((await screen.findByTestId('home-digest-score-value-1')).textContent).toBe('78.69 分');
    expect(screen.getByTestId('home-digest-score-period-1').textContent).toBe('2026 年第四季度');
    expect(screen.getByTestId('home-digest-score-change-1').textContent).toBe('比上期高 3.19 分');
    expect(screen.getByTestId('home-digest-score-open-1').getAttribute('href')).toBe('/scoring/scores/40');
    const scores = calls.find((c) => c.path === 'scoring/scores/');
    expect(scores?.query.get('estate')).toBe('1');
    expect(scores?.query.get('page_size')).toBe('2');
  });

  it('says a lower score, and a period without a score, plainly; no change without an earlier score', async () => {
    homeApi({ 'GET scoring/scores/': () => page([estateScore({ score: '70.00' }), previousScore]) });
    const { unmount } = renderApp('/', { me: resident });
    expect((await screen.findByTestId('home-digest-score-change-1')).textContent).toBe('比上期低 5.5 分');
    unmount();

    homeApi({ 'GET statements/': () => page([]), 'GET scoring/scores/': () => page([estateScore({ score: null })]) });
    renderApp('/', { me: resident });
    expect((await screen.findByTestId('home-digest-score-value-1')).textContent).toBe('数据不足，本期未出评分');
    expect(screen.queryByTestId('home-digest-score-change-1')).toBeNull();
    // no statement published: no statement part, the score alone
    expect(screen.queryByTestId('home-statement-1')).toBeNull();
  });

  it('shows nothing when neither a statement nor a score is published', async () => {
    homeApi({ 'GET statements/': () => page([]), 'GET scoring/scores/': () => page([]) });
    renderApp('/', { me: resident });
    expect(await screen.findByTestId('home-unit-101')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('home-no-open')).toBeTruthy());
    expect(screen.queryByTestId('home-digest-1')).toBeNull();
    expect(screen.getByTestId('resident-home').textContent).not.toContain('小区公示');
  });

  it('asks nothing for a resident without a home yet', async () => {
    const { calls } = homeApi({ 'GET me/home/': () => ({ body: [] }) });
    renderApp('/', { me: resident });
    expect(await screen.findByTestId('home-no-open')).toBeTruthy();
    expect(calls.some((c) => c.path === 'statements/' || c.path === 'scoring/scores/')).toBe(false);
  });

  it('gives each estate where they have a home its own card, named after it', async () => {
    const second = { ...homeUnits[0], id: 900, estate_id: 2, estate_name: '翠湖苑', building_name: '2', number: '202' };
    const { calls } = homeApi({
      'GET me/home/': () => ({ body: [...homeUnits, second] }),
      'GET statements/': (req) => (req.query.get('estate') === '1' ? page([statementRow()]) : page([])),
      'GET scoring/scores/': (req) =>
        req.query.get('estate') === '2' ? page([estateScore({ id: 41, estate: 2, score: '88.00' })]) : page([]),
    });
    renderApp('/', { me: resident });
    const first = await screen.findByTestId('home-digest-1');
    expect(within(first).getByRole('heading').textContent).toBe('阳光花园小区公示');
    expect(within(first).queryByTestId('home-digest-score-1')).toBeNull();
    const other = await screen.findByTestId('home-digest-2');
    expect(within(other).getByRole('heading').textContent).toBe('翠湖苑小区公示');
    expect(within(other).getByTestId('home-digest-score-value-2').textContent).toBe('88.00 分');
    expect(within(other).queryByTestId('home-statement-2')).toBeNull();
    // one read of each kind per estate, the estate named (two homes in estate 1 ask once)
    expect(calls.filter((c) => c.path === 'statements/').map((c) => c.query.get('estate'))).toEqual(['1', '2']);
  });

  it('comes after the requests: in elder mode the firm name and 我要报事 stay first', async () => {
    window.localStorage.setItem('linli.elderMode', 'true');
    homeApi();
    renderApp('/', { me: { ...resident, elder_mode: true } });
    const digest = await screen.findByTestId('home-digest-1');
    expect(document.documentElement.classList.contains('elder-mode')).toBe(true);
    const before = (a: Element, b: Element) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    const home = screen.getByTestId('resident-home');
    const cards = [...home.children];
    expect(cards.indexOf(screen.getByTestId('home-firm-name').closest('section')!)).toBe(0);
    expect(before(screen.getByTestId('home-firm-name'), screen.getByTestId('home-report'))).toBe(true);
    expect(before(screen.getByTestId('home-report'), digest)).toBe(true);
    expect(before(screen.getByTestId('home-open-requests'), digest)).toBe(true);
    expect(cards.at(-1)).toBe(digest);
  });

  it('opens the published statement and the score explanation, both of which a resident may read', async () => {
    const hidden = { n: null, suppressed: true, mean: null, distribution: null };
    homeApi({
      'GET estates/': () => page([estate]),
      'GET statements/7/lines/': () => page([]),
      'GET scoring/scores/40/': () => ({ body: estateScore() }),
      'GET scoring/surveys/7/results/': () => ({
        body: {
          survey: 7,
          min_group: 5,
          answers: 4,
          online: 4,
          paper: 0,
          dimensions: { overall: hidden },
          buildings: [],
          comments: [],
        },
      }),
    });
    const { unmount } = renderApp('/', { me: resident });
    fireEvent.click(await screen.findByTestId('home-statement-open-1'));
    expect((await screen.findByTestId('statement-totals')).textContent).toContain('12,345.60');
    expect(screen.getByTestId('status-published')).toBeTruthy();
    unmount();

    renderApp('/', { me: resident });
    fireEvent.click(await screen.findByTestId('home-digest-score-open-1'));
    expect((await screen.findByTestId('score-value')).textContent).toContain('78.69');
  });
});

describe("the home's prefetch", () => {
  it("asks for the card's reads as soon as the homes are known, the chosen statement's figures included, once per estate", async () => {
    const { calls } = homeApi();
    const client = new QueryClient();
    prefetchResidentHome(client);
    await waitFor(() => expect(client.getQueryData(['disclosure', 'statement', 7])).toBeTruthy());
    await waitFor(() => expect(client.getQueryData(['scoring', 'scores', 1, 'latest'])).toBeTruthy());
    expect(calls.map((c) => c.path).sort()).toEqual([
      'complaints/',
      'me/home/',
      'scoring/scores/',
      'statements/',
      'statements/7/',
    ]);
  });
});

describe('periodLabel, latestStatement and scoreChange', () => {
  const zh = tFor('zh-CN');
  const en = tFor('en');
  it('say a calendar month or quarter as people say it, in both languages, and any other period by its dates', () => {
    expect(periodLabel(zh, 'zh-CN', '2026-09-01', '2026-09-30')).toBe('2026 年 9 月');
    expect(periodLabel(zh, 'zh-CN', '2026-01-01', '2026-03-31')).toBe('2026 年第一季度');
    expect(periodLabel(zh, 'zh-CN', '2024-02-01', '2024-02-29')).toBe('2024 年 2 月');
    expect(periodLabel(en, 'en', '2026-09-01', '2026-09-30')).toBe('September 2026');
    expect(periodLabel(en, 'en', '2026-10-01', '2026-12-31')).toBe('Q4 2026');
    expect(periodLabel(zh, 'zh-CN', '2026-02-01', '2026-04-30')).toBe('2026/02/01 至 2026/04/30');
    expect(periodLabel(zh, 'zh-CN', '2026-09-01', '2026-09-29')).toBe('2026/09/01 至 2026/09/29');
  });

  it("prefer the quarter's pack to its last month, and a later end to either", () => {
    const september = statementRow({ id: 8, kind: 'monthly', period_start: '2026-09-01', period_end: '2026-09-30' });
    const quarter = statementRow();
    expect(latestStatement([september, quarter])?.id).toBe(7);
    const october = statementRow({ id: 9, kind: 'monthly', period_start: '2026-10-01', period_end: '2026-10-31' });
    expect(latestStatement([october, september, quarter])?.id).toBe(9);
    expect(latestStatement([])).toBeUndefined();
  });

  it('compute the change in points only when both scores exist', () => {
    expect(scoreChange(estateScore({ score: '78.69' }), previousScore)).toBe(3.19);
    expect(scoreChange(estateScore({ score: '75.50' }), previousScore)).toBe(0);
    expect(scoreChange(estateScore(), undefined)).toBeNull();
    expect(scoreChange(estateScore(), estateScore({ score: null }))).toBeNull();
  });

  it('word the card in English without Chinese', () => {
    expect(en('home.digest.scoreUp', { delta: '3.19' })).toBe('3.19 points above the last period');
    expect(en('home.digest.publishedOn', { date: '2026/10/07' })).toBe('Published on 2026/10/07');
  });
});
