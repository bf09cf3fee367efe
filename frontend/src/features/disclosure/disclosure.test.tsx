import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Line, StatementDetail, Verification } from './types';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['disclosure.view', 'disclosure.ledger', 'disclosure.review'],
});
const firmAdmin = makeMe({ capabilities: ['disclosure.view', 'disclosure.ledger', 'disclosure.keep'] });
const resident = makeMe({
  id: 9,
  roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }],
  capabilities: ['disclosure.view'],
});

const HEAD = 'a'.repeat(64);

function statement(overrides: Partial<StatementDetail> = {}): StatementDetail {
  return {
    id: 7,
    estate: 1,
    kind: 'monthly',
    period_start: '2026-11-01',
    period_end: '2026-11-30',
    status: 'in_review',
    head_seq: 2,
    head_hash: HEAD,
    open_queries: 0,
    submitted_at: '2026-12-01T02:00:00Z',
    signed_off_at: null,
    publish_due_at: null,
    published_at: null,
    note: '',
    summary: {
      income_total: '1000.00',
      expense_total: '100.00',
      net: '900.00',
      income_by_category: { advertising: '1000.00' },
      expense_by_category: { staff: '100.00' },
      reinvestment: '0.00',
      staff_cost: '100.00',
      maintenance_fund_transfer: '0.00',
      rule: null,
      split: {
        firm_cost: '200.00',
        owners: '800.00',
        reinvestment_pct: '0.00',
        staff_cost_pct: '10.00',
        maintenance_fund_pct: '0.00',
      },
      warnings: [{ code: 'staff_cost_over_cap', actual: '10.00', limit: '8.00' }],
      line_count: 2,
    },
    queries: [],
    witness_head: null,
    actions: ['query', 'sign_off', 'verify'],
    ...overrides,
  } as StatementDetail;
}

const line = (overrides: Partial<Line>): Line =>
  ({
    id: 1,
    estate: 1,
    status: 'posted',
    seq: 1,
    kind: 'income',
    category: 'advertising',
    occurred_on: '2026-11-03',
    amount: '1000.00',
    counterparty: '分众传媒',
    description: '',
    decision: null,
    reverses: null,
    reverses_seq: null,
    reversed_by: null,
    line_hash: 'b'.repeat(64),
    attachments: [],
    created_at: '2026-11-03T02:00:00Z',
    posted_at: '2026-11-03T02:00:00Z',
    ...overrides,
  }) as Line;

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
  'GET statements/7/lines/': () =>
    page([line({}), line({ id: 2, seq: 2, kind: 'expense', category: 'staff', amount: '100.00' })]),
};

describe('a statement', () => {
  it('shows the frozen totals, the split and its warning in the reader language', async () => {
    mockApi({ ...common, 'GET statements/7/': () => ({ body: statement() }) });
    renderApp('/disclosure/statements/7', { me: committee });
    expect((await screen.findByTestId('statement-totals')).textContent).toContain('1,000.00');
    expect(screen.getByTestId('warning-staff_cost_over_cap').textContent).toContain('人员费用占比 10.00% 超过上限 8.00%。');
    expect(screen.getByTestId('statement-split').textContent).toContain('800.00');
    expect(screen.getByTestId('income-bars').textContent).toContain('电梯及楼道广告');
    expect((await screen.findAllByText('分众传媒'))[0]).toBeTruthy();
  });

  it('lets a committee member raise a query, and hides the firm-only actions', async () => {
    const { calls } = mockApi({
      ...common,
      'GET statements/7/': () => ({ body: statement() }),
      'POST statements/7/queries/': () => ({
        status: 201,
        body: statement({
          actions: ['query', 'verify'],
          queries: [
            {
              id: 3,
              question: '广告收入为何比上月少？',
              raised_by: 4,
              raised_by_name: '李主任',
              raised_at: '2026-12-02T02:00:00Z',
              answer: '',
              answered_by: null,
              answered_by_name: '',
              answered_at: null,
            },
          ],
        }),
      }),
    });
    renderApp('/disclosure/statements/7', { me: committee });
    expect(await screen.findByTestId('statement-sign-off')).toBeTruthy();
    expect(screen.queryByTestId('statement-submit')).toBeNull();
    fireEvent.change(screen.getByTestId('field-question'), { target: { value: ' 广告收入为何比上月少？ ' } });
    fireEvent.click(screen.getByTestId('query-send'));
    const query = await screen.findByTestId('query-3');
    expect(within(query).getByText('待答复')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ question: '广告收入为何比上月少？' });
    // with an open query the committee can no longer sign off
    await waitFor(() => expect(screen.queryByTestId('statement-sign-off')).toBeNull());
  });

  it('verifies and shows the recomputed head beside the witnessed one', async () => {
    const result: Verification = {
      ok: true,
      checked: 2,
      head_seq: 2,
      recomputed_head: HEAD,
      statement_head: HEAD,
      witness_head: HEAD,
      statement_matches: true,
      witness_matches: true,
      from_seq: 0,
      checkpoint_statement: null,
      first_mismatch: null,
      gap_at: null,
    };
    mockApi({
      ...common,
      'GET statements/7/': () => ({ body: statement({ status: 'published', actions: ['verify'], witness_head: HEAD }) }),
      'POST statements/7/verify/': () => ({ body: result }),
    });
    renderApp('/disclosure/statements/7', { me: resident });
    fireEvent.click(await screen.findByTestId('statement-verify'));
    expect((await screen.findByTestId('verify-ok')).textContent).toContain('核验通过');
    expect(screen.getByTestId('verify-recomputed').textContent).toContain(HEAD);
    expect(screen.getByTestId('verify-from').textContent).toContain('自第 1 笔起');
  });

  it('names the line where a tampered chain differs', async () => {
    mockApi({
      ...common,
      'GET statements/7/': () => ({ body: statement({ status: 'published', actions: ['verify'] }) }),
      'POST statements/7/verify/': () => ({
        body: {
          ok: false,
          checked: 2,
          head_seq: 2,
          recomputed_head: 'c'.repeat(64),
          statement_head: HEAD,
          witness_head: HEAD,
          statement_matches: false,
          witness_matches: true,
          first_mismatch: { seq: 1, line_id: 1, stored_hash: 'b'.repeat(64), computed_hash: 'd'.repeat(64) },
          gap_at: null,
        },
      }),
    });
    renderApp('/disclosure/statements/7', { me: resident });
    fireEvent.click(await screen.findByTestId('statement-verify'));
    expect((await screen.findByTestId('verify-failed')).textContent).toContain('第 1 笔');
  });
});

describe('the ledger', () => {
  it('posts a draft line and offers a reversal only for posted lines', async () => {
    let posted = false;
    const { calls } = mockApi({
      ...common,
      'GET disclosure/lines/': () =>
        page([line({ id: 5, seq: null, status: posted ? 'posted' : 'draft' } as Partial<Line>), line({})]),
      'GET disclosure/split-rules/': () => page([]),
      'POST disclosure/lines/5/post/': () => {
        posted = true;
        return { body: line({ id: 5, seq: 2 }) };
      },
    });
    renderApp('/disclosure/ledger', { me: firmAdmin });
    fireEvent.click(await screen.findByTestId('post-5'));
    await waitFor(() => expect(calls.some((c) => c.path === 'disclosure/lines/5/post/')).toBe(true));
    expect(await screen.findByTestId('reverse-1')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('post-5')).toBeNull());
  });

  it('shows a committee member the lines without any write button', async () => {
    mockApi({
      ...common,
      'GET disclosure/lines/': () => page([line({ id: 5, seq: null, status: 'draft' } as Partial<Line>), line({})]),
      'GET disclosure/split-rules/': () => page([]),
    });
    renderApp('/disclosure/ledger', { me: committee });
    expect((await screen.findAllByText('分众传媒'))[0]).toBeTruthy();
    await screen.findAllByTestId('status-posted');
    expect(screen.queryByTestId('post-5')).toBeNull();
    expect(screen.queryByTestId('reverse-1')).toBeNull();
    expect(screen.queryByTestId('line-new')).toBeNull();
    expect(screen.getByText('尚未设置分配规则')).toBeTruthy();
  });
});

describe('the check page behind a notice QR code', () => {
  const check = {
    statement_id: 7,
    kind: 'monthly',
    period_start: '2026-11-01',
    period_end: '2026-11-30',
    head_seq: 2,
    published_at: '2026-12-02T02:00:00Z',
    matches_statement: true,
    matches_witness: true,
  };

  it('tells anyone without logging in that the printed head still holds', async () => {
    const { calls } = mockApi({ 'GET disclosure/check/7/': () => ({ body: check }) });
    renderApp(`/disclosure/check/7?head=${HEAD}`, { me: null });
    expect((await screen.findByTestId('check-holds')).textContent).toContain('仍以纸质公示上的链头结尾');
    expect(calls.find((c) => c.path === 'disclosure/check/7/')?.query.get('head')).toBe(HEAD);
  });

  it('says plainly when today’s statement no longer ends in the printed head', async () => {
    mockApi({ 'GET disclosure/check/7/': () => ({ body: { ...check, matches_statement: false, matches_witness: false } }) });
    renderApp(`/disclosure/check/7?head=${HEAD}`, { me: null });
    expect((await screen.findByTestId('check-differs')).textContent).toContain('平台见证记录的链头与纸质公示不一致');
  });
});

describe('the statements of an estate', () => {
  it('shows a resident the maintenance fund, each use with the decision that authorised it', async () => {
    mockApi({
      ...common,
      'GET statements/': () => page([statement({ status: 'published' })]),
      'GET disclosure/fund/balance/': () => ({
        body: { estate: 1, in_total: '5000.00', used_total: '1200.00', balance: '3800.00' },
      }),
      'GET disclosure/fund/': () =>
        page([
          {
            id: 1,
            estate: 1,
            kind: 'use',
            amount: '1200.00',
            occurred_on: '2026-10-08',
            description: '3 号楼电梯更换钢丝绳',
            decision: 2,
            decision_title: '2026 年第二次业主大会决议',
            ledger_line: null,
            created_at: '2026-10-08T02:00:00Z',
          },
        ]),
    });
    renderApp('/disclosure', { me: resident });
    const fund = await screen.findByTestId('fund-movements');
    await waitFor(() => expect(fund.textContent).toContain('依据：2026 年第二次业主大会决议'));
    expect(screen.getByTestId('fund-card').textContent).toContain('3,800.00');
    expect(screen.queryByTestId('statement-new')).toBeNull();
  });
});
