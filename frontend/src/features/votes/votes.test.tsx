import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { BallotRow, Vote, VoteListItem, VoteTally } from './types';

const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: [] });
const committee = makeMe({ id: 4, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: [] });
const otherMember = makeMe({ id: 5, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: [] });
const firmAdmin = makeMe({ capabilities: ['users.view'] });

const tally: VoteTally = {
  electorate_area: '300.00',
  electorate_heads: 3,
  voted_area: '200.00',
  voted_heads: 2,
  turnout_area_met: true,
  turnout_heads_met: true,
  quorum: true,
  sealed: false,
  options: [
    { index: 0, option: '同意', area: '200.00', heads: 2, passes: true },
    { index: 1, option: '不同意', area: '0.00', heads: 0, passes: false },
  ],
  adopted: 0,
  passed: true,
  rule_text: '参与表决：专有面积和人数均≥2/3；通过：参与面积和人数均过半数',
  buildings: [
    {
      building: 1,
      building_name: '1号楼',
      electorate_area: '300.00',
      electorate_heads: 3,
      voted_area: '200.00',
      voted_heads: 2,
    },
  ],
};

/** What the API sends for a secret vote still open: turnout only (the counts come at the close). */
const sealedTally: VoteTally = { ...tally, sealed: true, options: [], adopted: null, passed: null };

function vote(overrides: Partial<Vote> = {}): Vote {
  return {
    id: 7,
    estate: 1,
    title: '使用维修资金更换电梯',
    body: '1号楼电梯已使用 20 年。',
    options: ['同意', '不同意'],
    matter: 'fund_use',
    kind: 'ordinary',
    secret: true,
    changeable: true,
    building_ids: [],
    notice_days: 15,
    opens_at: '2026-12-01T01:00:00Z',
    closes_at: '2026-12-20T10:00:00Z',
    status: 'open',
    announced_at: '2026-11-10T01:00:00Z',
    opened_at: '2026-12-01T01:00:00Z',
    electorate_day: '2026-12-01',
    closed_at: null,
    rule: {},
    rule_text: tally.rule_text,
    actions: [],
    tally,
    mine: [],
    result: null,
    topics: [],
    decision: null,
    ...overrides,
  } as Vote;
}

const listItem: VoteListItem = {
  id: 7,
  estate: 1,
  title: '使用维修资金更换电梯',
  matter: 'fund_use',
  kind: 'ordinary',
  status: 'open',
  opens_at: '2026-12-01T01:00:00Z',
  closes_at: '2026-12-20T10:00:00Z',
};

const paperRow = (overrides: Partial<BallotRow> = {}): BallotRow =>
  ({
    id: 31,
    elector: 12,
    elector_names: '王奶奶',
    unit_labels: '1-101',
    channel: 'paper',
    status: 'entered',
    revision: 1,
    choice: 0,
    entered_by: 4,
    cast_at: '2026-12-02T02:00:00Z',
    confirmed_at: null,
    ...overrides,
  }) as BallotRow;

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

const mine = { id: 11, unit_labels: '1-102', area: '100.00', choice: null, channel: null, receipt: null };

describe('an owner on the votes screens', () => {
  it("lists the estate's votes and opens one", async () => {
    const { calls } = mockApi({ ...common, 'GET votes/': () => ({ body: [listItem] }) });
    renderApp('/votes', { me: resident });
    const link = await screen.findByTestId('vote-7');
    expect(link.textContent).toBe('使用维修资金更换电梯');
    expect(screen.getByTestId('vote-status-open').textContent).toBe('投票中');
    expect(screen.queryByTestId('vote-new')).toBeNull();
    expect(calls.find((c) => c.path === 'votes/')?.query.get('estate')).toBe('1');
  });

  it('votes in three steps and gets a copyable receipt', async () => {
    let cast = false;
    const { calls } = mockApi({
      ...common,
      'GET votes/7/': () => ({
        body: vote({
          actions: ['cast'],
          mine: [cast ? { ...mine, choice: 0, channel: 'online', receipt: 'R-ABCD-1234' } : mine],
        }),
      }),
      'POST votes/7/cast/': () => {
        cast = true;
        return { status: 201, body: { receipt: 'R-ABCD-1234', elector: 11, revision: 1 } };
      },
    });
    renderApp('/votes/7', { me: resident });
    const submit = await screen.findByTestId('cast-submit');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('cast-option-1'));
    fireEvent.click(screen.getByTestId('cast-submit'));
    expect(await screen.findByText('您选择的是：不同意')).toBeTruthy();
    fireEvent.click(screen.getByTestId('cast-confirm'));
    expect((await screen.findByTestId('cast-receipt')).textContent).toContain('R-ABCD-1234');
    expect(screen.getByTestId('cast-done').textContent).toContain('回执码不会显示您投了什么');
    expect(calls.find((c) => c.method === 'POST' && c.path === 'votes/7/cast/')?.body).toEqual({ choice: 1, elector: 11 });
    // the vote allows changing the ballot until the close
    expect(screen.getByTestId('cast-change')).toBeTruthy();
  });

  it("shows the API's error code in the reader's language", async () => {
    mockApi({
      ...common,
      'GET votes/7/': () => ({ body: vote({ actions: ['cast'], mine: [mine] }) }),
      'POST votes/7/cast/': () => ({ status: 409, body: { code: 'votes_paper_on_file', detail: 'x' } }),
    });
    renderApp('/votes/7', { me: resident });
    fireEvent.click(await screen.findByTestId('cast-option-0'));
    fireEvent.click(screen.getByTestId('cast-submit'));
    fireEvent.click(await screen.findByTestId('cast-confirm'));
    expect((await screen.findByTestId('cast-error')).textContent).toContain('您的纸质选票已由业委会录入');
  });

  it('checks a receipt against the published result without showing a choice', async () => {
    const { calls } = mockApi({
      ...common,
      'GET votes/7/': () => ({
        body: vote({
          status: 'published',
          result: { digest: 'f'.repeat(64), passed: true, rule_text: tally.rule_text, published_at: '2026-12-21T01:00:00Z' },
        }),
      }),
      'POST votes/7/receipt/': (req) => ({ body: { included: (req.body as { receipt: string }).receipt === 'R-1' } }),
    });
    renderApp('/votes/7', { me: resident });
    expect((await screen.findByTestId('tally-passed')).textContent).toBe('通过：同意');
    expect(screen.getByTestId('tally-options').textContent).toContain('同意');
    expect(screen.queryByTestId('tally-sealed')).toBeNull();
    expect(screen.getByTestId('tally-buildings').textContent).toContain('1号楼');
    expect(screen.getByTestId('tally-quorum')).toBeTruthy();
    fireEvent.change(screen.getByTestId('receipt-input'), { target: { value: ' R-1 ' } });
    fireEvent.click(screen.getByTestId('receipt-submit'));
    expect((await screen.findByTestId('receipt-included')).textContent).toBe('这张选票已被计入结果。');
    expect(calls.find((c) => c.path === 'votes/7/receipt/')?.body).toEqual({ receipt: 'R-1' });
    expect(screen.getByTestId('vote-export').getAttribute('href')).toBe('/api/v1/votes/7/export/');
  });
});

describe('the firm on a vote', () => {
  it('reads turnout and result only: no ballots, no vote or paper actions', async () => {
    const { calls } = mockApi({ ...common, 'GET votes/7/': () => ({ body: vote({ tally: sealedTally }) }) });
    renderApp('/votes/7', { me: firmAdmin });
    expect(await screen.findByTestId('tally-card')).toBeTruthy();
    expect(screen.getByTestId('tally-turnout').textContent).toContain('参与人数 2 / 3');
    // a secret vote still open: no count per option, and the screen says when they come
    expect(screen.queryByTestId('tally-options')).toBeNull();
    expect(screen.getByTestId('tally-sealed').textContent).toBe(
      '本次为秘密投票：投票结束前只公布参与情况，各选项票数在投票截止后公布。',
    );
    expect(screen.queryByTestId('cast-card')).toBeNull();
    expect(screen.queryByTestId('paper-panel')).toBeNull();
    expect(screen.queryByTestId('vote-steps')).toBeNull();
    expect(calls.some((c) => c.path.includes('ballots') || c.path.includes('electors'))).toBe(false);
  });
});

describe('the committee on a vote', () => {
  const ballots = (rows: BallotRow[]) => ({ body: { pending_paper: rows, conflicts: [], named: [] } });

  it('runs the vote: opens it after the notice period', async () => {
    let opened = false;
    const { calls } = mockApi({
      ...common,
      'GET votes/7/': () => ({ body: vote({ status: 'announced', tally: null, actions: ['open'] }) }),
      'POST votes/7/open/': () => {
        opened = true;
        return { body: vote({ actions: ['enter_paper'] }) };
      },
      'GET votes/7/ballots/': () => ballots([]),
      'GET votes/7/electors/': () => ({ body: [] }),
    });
    renderApp('/votes/7', { me: committee });
    fireEvent.click(await screen.findByTestId('vote-open'));
    fireEvent.click(await screen.findByTestId('vote-open-ok'));
    await waitFor(() => expect(opened).toBe(true));
    expect(await screen.findByTestId('paper-panel')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['votes/7/open/']);
  });

  it('lets a second member confirm a paper ballot, never the one who entered it', async () => {
    let confirmed = false;
    const { calls } = mockApi({
      ...common,
      'GET votes/7/': () => ({ body: vote({ actions: ['enter_paper'] }) }),
      'GET votes/7/ballots/': () => ballots(confirmed ? [] : [paperRow()]),
      'GET votes/7/electors/': () => ({ body: [] }),
      'POST votes/7/confirm/': () => {
        confirmed = true;
        return { body: paperRow({ status: 'counted', confirmed_at: '2026-12-02T03:00:00Z' }) };
      },
    });
    // the member who entered it sees it waiting, with nothing to press
    const first = renderApp('/votes/7', { me: committee });
    const row = await screen.findByTestId('pending-31');
    expect(row.textContent).toContain('王奶奶');
    expect(screen.queryByTestId('paper-accept-31')).toBeNull();
    first.unmount();

    renderApp('/votes/7', { me: otherMember });
    fireEvent.click(await screen.findByTestId('paper-accept-31'));
    await waitFor(() => expect(screen.queryByTestId('pending-31')).toBeNull());
    expect(calls.find((c) => c.path === 'votes/7/confirm/')?.body).toEqual({ ballot: 31, accept: true });
  });

  it('drafts a vote with the legal defaults', async () => {
    const { calls } = mockApi({
      ...common,
      'GET buildings/': () => page([]),
      'POST votes/': () => ({ status: 201, body: vote({ status: 'draft', tally: null, actions: ['edit', 'announce'] }) }),
    });
    const { router } = renderApp('/votes/new?estate=1', { me: committee });
    fireEvent.change(await screen.findByTestId('field-title'), { target: { value: '更换电梯' } });
    fireEvent.click(screen.getByTestId('vote-save'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/votes/7'));
    const body = calls.find((c) => c.method === 'POST' && c.path === 'votes/')?.body as Record<string, unknown>;
    expect(typeof body.opens_at).toBe('string');
    expect(body).toMatchObject({
      estate: 1,
      title: '更换电梯',
      options: ['同意', '不同意', '弃权'],
      matter: 'fund_use',
      notice_days: 15,
      secret: true,
      changeable: true,
      building_ids: [],
    });
  });

  it('drafts a vote with a stricter rule than the law', async () => {
    const { calls } = mockApi({
      ...common,
      'GET buildings/': () => page([]),
      'POST votes/': () => ({ status: 201, body: vote({ status: 'draft', tally: null, actions: ['edit', 'announce'] }) }),
    });
    const { router } = renderApp('/votes/new?estate=1', { me: committee });
    fireEvent.change(await screen.findByTestId('field-title'), { target: { value: '更换电梯' } });
    expect(screen.queryByTestId('vote-rule-fields')).toBeNull();
    fireEvent.click(screen.getByTestId('field-stricter'));
    const fields = await screen.findByTestId('vote-rule-fields');
    // each share says the law's minimum for the matter (here ordinary: > 1/2 to pass)
    expect(fields.textContent).toContain('法定标准：≥ 2/3');
    expect(fields.textContent).toContain('法定标准：> 1/2');
    fireEvent.change(screen.getByTestId('field-rule-turnout_area'), { target: { value: '3/4' } });
    fireEvent.change(screen.getByTestId('field-rule-pass_heads'), { target: { value: ' 0.6 ' } });
    fireEvent.click(screen.getByTestId('vote-save'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/votes/7'));
    const body = calls.find((c) => c.method === 'POST' && c.path === 'votes/')?.body as Record<string, unknown>;
    expect(body.rule).toEqual({ turnout_area: '3/4', pass_heads: '0.6' });
  });

  it('refuses a rule looser than the law or not a share, and sends nothing', async () => {
    const { calls } = mockApi({ ...common, 'GET buildings/': () => page([]) });
    renderApp('/votes/new?estate=1', { me: committee });
    fireEvent.change(await screen.findByTestId('field-title'), { target: { value: '更换电梯' } });
    fireEvent.click(screen.getByTestId('field-stricter'));
    fireEvent.change(await screen.findByTestId('field-rule-turnout_heads'), { target: { value: '1/2' } });
    fireEvent.change(screen.getByTestId('field-rule-pass_area'), { target: { value: '3/2' } });
    fireEvent.click(screen.getByTestId('vote-save'));
    expect(await screen.findByText('不能低于法定标准（≥ 2/3）。')).toBeTruthy();
    expect(await screen.findByText('请填写 0 到 1 之间的比例，例如 3/4。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("puts the API's refusal of a rule under its field", async () => {
    mockApi({
      ...common,
      'GET buildings/': () => page([]),
      'POST votes/': () => ({
        status: 400,
        body: { code: 'votes_rule_too_loose', detail: 'x', fields: { 'rule.pass_area': ['不能低于法定标准。'] } },
      }),
    });
    renderApp('/votes/new?estate=1', { me: committee });
    fireEvent.change(await screen.findByTestId('field-title'), { target: { value: '更换电梯' } });
    fireEvent.click(screen.getByTestId('field-stricter'));
    fireEvent.change(await screen.findByTestId('field-rule-pass_area'), { target: { value: '2/3' } });
    fireEvent.click(screen.getByTestId('vote-save'));
    expect(await screen.findByText('不能低于法定标准。')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("edits a draft with its stricter rule filled in, and the tally reads the vote's own shares", async () => {
    const rule = {
      kind: 'special',
      turnout_area: { share: '4/5', at_least: true },
      turnout_heads: { share: '2/3', at_least: true },
      pass_area: { share: '3/4', at_least: true },
      pass_heads: { share: '3/4', at_least: true },
    };
    mockApi({
      ...common,
      'GET buildings/': () => page([]),
      'GET votes/7/': () => ({ body: vote({ status: 'draft', matter: 'common_use', kind: 'special', rule, tally: null }) }),
    });
    const edit = renderApp('/votes/7/edit', { me: committee });
    expect(((await screen.findByTestId('field-rule-turnout_area')) as HTMLInputElement).value).toBe('4/5');
    expect((screen.getByTestId('field-rule-pass_area') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('vote-rule-fields').textContent).toContain('法定标准：≥ 3/4');
    edit.unmount();
    mockApi({
      ...common,
      'GET votes/7/': () => ({ body: vote({ kind: 'special', rule, tally: { ...tally, turnout_area_met: false } }) }),
    });
    renderApp('/votes/7', { me: resident });
    const turnout = await screen.findByTestId('tally-turnout');
    expect(turnout.textContent).toContain('未达 ≥ 4/5');
    expect(turnout.textContent).toContain('已达 ≥ 2/3');
  });

  it('drafts a vote from a topic: the topic text, where it comes from, and the link back', async () => {
    const { calls } = mockApi({
      ...common,
      'GET buildings/': () => page([]),
      'GET topics/5/': () => ({
        body: { id: 5, estate: 1, title: '更换2号楼电梯', body: '经常停运', status: 'agenda', actions: ['answer'] },
      }),
      'POST votes/': () => ({
        status: 201,
        body: vote({
          status: 'draft',
          tally: null,
          actions: ['edit', 'announce'],
          topics: [{ id: 5, title: '更换2号楼电梯' }],
        }),
      }),
    });
    const { router } = renderApp('/votes/new?topic=5', { me: committee });
    expect((await screen.findByTestId('vote-from-topic')).querySelector('a')?.getAttribute('href')).toBe('/topics/5');
    expect((screen.getByTestId('field-title') as HTMLInputElement).value).toBe('更换2号楼电梯');
    expect((screen.getByTestId('field-body') as HTMLTextAreaElement).value).toBe('经常停运');
    fireEvent.click(screen.getByTestId('vote-save'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/votes/7'));
    const body = calls.find((c) => c.method === 'POST' && c.path === 'votes/')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ estate: 1, topic: 5, title: '更换2号楼电梯', body: '经常停运' });
    expect((await screen.findByTestId('vote-topic-5')).getAttribute('href')).toBe('/topics/5');
  });

  it('offers the committee to track a passed vote, and every reader then finds its decision', async () => {
    const published = vote({
      status: 'published',
      result: { digest: 'ab', passed: true, rule_text: tally.rule_text, published_at: '2026-12-21T02:00:00Z' },
    });
    mockApi({ ...common, 'GET votes/7/': () => ({ body: published }) });
    const first = renderApp('/votes/7', { me: committee });
    expect((await screen.findByTestId('vote-track')).getAttribute('href')).toBe('/decisions?estate=1&vote=7');
    first.unmount();
    renderApp('/votes/7', { me: resident });
    await screen.findByTestId('vote-page');
    expect(screen.queryByTestId('vote-track')).toBeNull();
  });

  it('links a vote to the decision that tracks it', async () => {
    mockApi({ ...common, 'GET votes/7/': () => ({ body: vote({ status: 'published', decision: 12 }) }) });
    renderApp('/votes/7', { me: resident });
    expect((await screen.findByTestId('vote-decision')).getAttribute('href')).toBe('/decisions/12');
  });
});
