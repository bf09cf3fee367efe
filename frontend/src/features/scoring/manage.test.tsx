import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp, type FakeRequest } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import { committee, manager } from './testData';
import { DEFAULT_WEIGHTS, type ScoreAlert, type WeightAgreement } from './types';

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate, { ...estate, id: 2, name: '翠湖苑', code: 'CH02' }]),
};

const posts = (calls: FakeRequest[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

function agreement(overrides: Partial<WeightAgreement> = {}): WeightAgreement {
  return {
    id: 4,
    estate: 1,
    weights: { ...DEFAULT_WEIGHTS, satisfaction: 50, complaint_rating: 0 },
    proposed_by_side: 'firm',
    firm_signed_at: '2026-12-01T02:00:00Z',
    committee_signed_at: null,
    agreed_at: null,
    superseded: false,
    created_at: '2026-12-01T02:00:00Z',
    status: 'pending',
    ...overrides,
  } as WeightAgreement;
}

describe('score weights', () => {
  it("shows the defaults in force and lets the committee sign the firm's proposal", async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/weights/current/': () => ({
        body: { estate: 1, source: 'default', weights: DEFAULT_WEIGHTS, agreement: null, pending: agreement() },
      }),
      'GET scoring/weights/': () => page([agreement()]),
      'POST scoring/weights/4/sign/': () => ({
        body: agreement({ committee_signed_at: '2026-12-02T02:00:00Z', status: 'agreed' }),
      }),
    });
    renderApp('/scoring/weights', { me: committee });
    expect((await screen.findByTestId('weights-source')).textContent).toBe('平台默认');
    expect(calls.find((c) => c.path === 'scoring/weights/current/')?.query.get('estate')).toBe('1');
    expect(screen.getByTestId('weights-now-satisfaction').textContent).toBe('40');
    const pending = screen.getByTestId('weights-pending');
    expect(pending.textContent).toContain('物业公司提出');
    expect(within(pending).getByTestId('weights-pending-satisfaction').textContent).toBe('业主满意度 50');
    expect(screen.getByTestId('weights-sig-committee').textContent).toBe('业委会未签署');
    fireEvent.click(screen.getByTestId('weights-sign'));
    await waitFor(() => expect(posts(calls, 'scoring/weights/4/sign/')).toHaveLength(1));
    expect(await screen.findByText('已签署')).toBeTruthy();
  });

  it('lets the firm propose whole numbers summing to 100, and offers no second signature', async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/weights/current/': () => ({
        body: { estate: 1, source: 'default', weights: DEFAULT_WEIGHTS, agreement: null, pending: agreement() },
      }),
      'GET scoring/weights/': () => page([]),
      'POST scoring/weights/': () => ({ status: 201, body: agreement({ id: 5 }) }),
    });
    renderApp('/scoring/weights', { me: manager });
    expect(await screen.findByTestId('weights-pending')).toBeTruthy();
    expect(screen.queryByTestId('weights-sign')).toBeNull();
    const field = (k: string) =>
      within(screen.getByTestId(`weights-field-${k}`).closest('.ant-input-number') as HTMLElement).getByRole('spinbutton');
    fireEvent.change(field('satisfaction'), { target: { value: '45' } });
    expect(await screen.findByText(/合计 105 \/ 100 · 合计须为 100/)).toBeTruthy();
    expect((screen.getByTestId('weights-propose-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field('complaint_response'), { target: { value: '0' } });
    await waitFor(() => expect(screen.getByTestId('weights-sum').textContent).toBe('合计 100 / 100'));
    fireEvent.click(screen.getByTestId('weights-propose-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/weights/')).toHaveLength(1));
    expect(posts(calls, 'scoring/weights/')[0].body).toEqual({
      estate: 1,
      weights: { ...DEFAULT_WEIGHTS, satisfaction: 45, complaint_response: 0 },
    });
  });
});

describe('the portfolio and alerts', () => {
  const portfolio = {
    average: '74.35',
    estates: [
      { estate: 2, name: '翠湖苑', rank: 1, score: '80.00', trend: ['70.00', '80.00'], weakest: 'complaint_response' },
      { estate: 1, name: '阳光花园', rank: 2, score: '68.70', trend: ['66.00', '68.70'], weakest: 'satisfaction' },
      { estate: 3, name: '新盘', rank: null, score: null, trend: [], weakest: null },
    ],
  };

  it('ranks the firm’s estates by score with trend and weakest input, and the average', async () => {
    mockApi({ ...common, 'GET scoring/portfolio/': () => ({ body: portfolio }) });
    renderApp('/scoring/portfolio', { me: manager });
    expect((await screen.findByTestId('portfolio-average')).textContent).toContain('74.35');
    const rows = within(screen.getByTestId('portfolio-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('1翠湖苑80.00'),
      expect.stringContaining('2阳光花园68.70'),
      expect.stringContaining('—新盘暂无评分'),
    ]);
    expect(rows[0].textContent).toContain('响应速度');
    expect(rows[1].textContent).toContain('业主满意度');
    expect(screen.getByTestId('portfolio-trend-1').getAttribute('aria-label')).toBe('阳光花园: 66.00 → 68.70');
    expect(screen.queryByTestId('portfolio-committee-note')).toBeNull();
  });

  it('shows the committee its own estate and only the firm average', async () => {
    mockApi({ ...common, 'GET scoring/portfolio/': () => ({ body: { average: '74.35', estates: [portfolio.estates[1]] } }) });
    renderApp('/scoring/portfolio', { me: committee });
    expect((await screen.findByTestId('portfolio-average')).textContent).toContain('74.35');
    expect(screen.getByTestId('portfolio-committee-note')).toBeTruthy();
    expect(within(screen.getByTestId('portfolio-table')).getAllByRole('row')).toHaveLength(2);
    expect(screen.queryByText('翠湖苑')).toBeNull();
  });

  it('lists the alerts with the figures that raised them and the deadline', async () => {
    mockApi({
      ...common,
      'GET scoring/alerts/': () =>
        page([
          {
            id: 1,
            estate: 1,
            kind: 'improvement_plan',
            key: '40',
            figures: { scores: ['66.00', '68.70'], periods: [] },
            created_at: '2027-01-02T02:00:00Z',
            due_on: '2027-02-01',
            done_at: null,
          },
          {
            id: 2,
            estate: 1,
            kind: 'retender',
            key: '2026',
            figures: { years: [2025, 2026], satisfaction: ['55.00', '58.33'] },
            created_at: '2027-01-02T02:00:00Z',
            due_on: null,
            done_at: null,
          },
        ]),
    });
    renderApp('/scoring/alerts', { me: committee });
    expect((await screen.findByTestId('alert-text-1')).textContent).toBe('连续两期评分低于 70 分：66.00 → 68.70');
    expect(screen.getByTestId('alert-due-1').textContent).toBe('期限 2027/02/01');
    expect(screen.getByTestId('alert-text-2').textContent).toBe('满意度连续两年低于 60：2025 年 55.00，2026 年 58.33');
    expect(screen.getByTestId('alert-1').textContent).toContain('阳光花园');
  });
});

function plan(overrides: Partial<ScoreAlert> = {}): ScoreAlert {
  return {
    id: 1,
    estate: 1,
    kind: 'improvement_plan',
    key: '40',
    figures: { scores: ['66.00', '68.70'], periods: [] },
    created_at: '2027-01-02T02:00:00Z',
    due_on: '2027-02-01',
    reported_at: null,
    report_note: '',
    returned_note: '',
    done_at: null,
    ...overrides,
  };
}

describe('an improvement plan marked done', () => {
  it('lets the firm report it done with what it did; the committee gets no such button', async () => {
    let current = plan({ returned_note: '三号楼门禁仍然坏着' });
    const { calls } = mockApi({
      ...common,
      'GET scoring/alerts/': () => page([current]),
      'POST scoring/alerts/1/report/': (req) => {
        current = plan({ reported_at: '2027-01-20T02:00:00Z', report_note: (req.body as { note: string }).note });
        return { body: current };
      },
    });
    renderApp('/scoring/alerts', { me: manager });
    expect((await screen.findByTestId('plan-returned-1')).textContent).toBe('业委会已退回：三号楼门禁仍然坏着');
    fireEvent.click(screen.getByTestId('plan-report-1'));
    fireEvent.click(await screen.findByTestId('plan-report-submit'));
    expect(await screen.findByText('请填写')).toBeTruthy();
    expect(posts(calls, 'scoring/alerts/1/report/')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('plan-report-text'), { target: { value: '  门禁已换新，保洁每天两次  ' } });
    fireEvent.click(screen.getByTestId('plan-report-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/alerts/1/report/')).toHaveLength(1));
    expect(posts(calls, 'scoring/alerts/1/report/')[0].body).toEqual({ note: '门禁已换新，保洁每天两次' });
    expect((await screen.findByTestId('plan-awaiting-1')).textContent).toBe('待业委会确认');
    expect(screen.getByTestId('plan-note-1').textContent).toBe('门禁已换新，保洁每天两次');
    // the firm cannot confirm its own work
    expect(screen.queryByTestId('plan-confirm-1')).toBeNull();
    expect(screen.queryByTestId('plan-report-1')).toBeNull();
  });

  it('lets the committee confirm the reported plan, or send it back with its reasons', async () => {
    let current = [plan({ reported_at: '2027-01-20T02:00:00Z', report_note: '门禁已换新' }), plan({ id: 2 })];
    const { calls } = mockApi({
      ...common,
      'GET scoring/alerts/': () => page(current),
      'POST scoring/alerts/1/send-back/': () => ({ body: plan({ returned_note: '没换' }) }),
      'POST scoring/alerts/1/confirm/': () => {
        current = [
          plan({ reported_at: '2027-01-20T02:00:00Z', report_note: '门禁已换新', done_at: '2027-01-21T02:00:00Z' }),
          plan({ id: 2 }),
        ];
        return { body: current[0] };
      },
    });
    renderApp('/scoring/alerts', { me: committee });
    expect((await screen.findByTestId('plan-note-1')).textContent).toBe('门禁已换新');
    // a plan the firm has not reported: nothing for the committee to do yet
    expect(screen.queryByTestId('plan-report-2')).toBeNull();
    expect(screen.queryByTestId('plan-confirm-2')).toBeNull();

    fireEvent.click(screen.getByTestId('plan-send-back-1'));
    fireEvent.change(await screen.findByTestId('plan-send-back-text'), { target: { value: '没换' } });
    fireEvent.click(screen.getByTestId('plan-send-back-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/alerts/1/send-back/')).toHaveLength(1));
    expect(posts(calls, 'scoring/alerts/1/send-back/')[0].body).toEqual({ reason: '没换' });

    fireEvent.click(screen.getByTestId('plan-confirm-1'));
    fireEvent.click(await screen.findByTestId('plan-confirm-ok-1'));
    await waitFor(() => expect(posts(calls, 'scoring/alerts/1/confirm/')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('plan-1')).toBeNull());
    expect(within(screen.getByTestId('alert-1')).getByText('已完成')).toBeTruthy();
    expect(screen.getByTestId('alert-done-note-1').textContent).toBe('业委会于 2027/01/21 确认完成。物业所做整改：门禁已换新');
  });
});
