/**
 * An owner votes in elder mode (适老化 长辈模式: text ×1.5, big targets, ≤ 3 steps): the same three
 * steps as anyone (pick, submit, confirm), every step's text and buttons at the elder size, and the
 * receipt code shown large, whole and copyable; the receipt check works the same way.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Vote } from './types';

const elder = makeMe({
  id: 9,
  roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }],
  capabilities: [],
  elder_mode: true,
});

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

const mine = { id: 11, unit_labels: '1-102', area: '100.00', choice: null, channel: null, receipt: null };

function vote(overrides: Partial<Vote> = {}): Vote {
  return {
    id: 7,
    estate: 1,
    title: '使用维修资金更换电梯',
    body: '',
    options: ['同意', '不同意', '弃权'],
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
    rule_text: '参与表决：专有部分面积 ≥ 2/3 且人数 ≥ 2/3',
    actions: ['cast'],
    tally: {
      electorate_area: '300.00',
      electorate_heads: 3,
      voted_area: '0.00',
      voted_heads: 0,
      turnout_area_met: false,
      turnout_heads_met: false,
      quorum: false,
      sealed: true,
      options: [],
      adopted: null,
      passed: null,
      rule_text: '参与表决：专有部分面积 ≥ 2/3 且人数 ≥ 2/3',
      buildings: [],
    },
    mine: [mine],
    result: null,
    topics: [],
    decision: null,
    ...overrides,
  } as Vote;
}

/** The font size antd's elder theme gives an element (its CSS-in-JS rules, in px). */
function px(el: Element): number {
  return parseFloat(window.getComputedStyle(el).fontSize);
}

afterEach(() => window.localStorage.clear());

describe('an owner votes in elder mode', () => {
  it('votes in three steps at the elder size and keeps a large, whole receipt', async () => {
    window.localStorage.setItem('linli.elderMode', 'true');
    let cast = false;
    const { calls } = mockApi({
      ...common,
      'GET votes/7/': () => ({
        body: vote({ mine: [cast ? { ...mine, choice: 2, channel: 'online', receipt: 'R-ELDER-0001' } : mine] }),
      }),
      'POST votes/7/cast/': () => {
        cast = true;
        return { status: 201, body: { receipt: 'R-ELDER-0001', elector: 11, revision: 1 } };
      },
    });
    renderApp('/votes/7', { me: elder });
    const card = await screen.findByTestId('cast-card');
    // the whole page at ×1.5: the root font size and antd's own text size
    expect(document.documentElement.classList.contains('elder-mode')).toBe(true);
    expect(document.documentElement.style.fontSize).toBe('150%');
    // the vote's details: each label above its value (beside it, a phone left one character a line)
    const details = screen.getByTestId('vote-details');
    expect(details.className).toContain('ant-descriptions');
    const matter = within(details).getByText('事项类型（民法典第二百七十八条）');
    const value = within(details).getByText('使用建筑物及其附属设施的维修资金');
    expect(matter.closest('tr')).not.toBe(value.closest('tr'));
    const submit = screen.getByTestId('cast-submit');
    expect(submit.className).toContain('ant-btn-lg');
    expect(px(submit)).toBeGreaterThanOrEqual(21);
    // step 1: pick. Each option is a labelled radio, a big target (its own row)
    const radios = within(card).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    const abstain = within(card).getByRole('radio', { name: '弃权' });
    expect((abstain.closest('label') as HTMLElement).style.padding).toBe('8px 0px');
    const words = screen.getByTestId('cast-option-text-2');
    expect(words.textContent).toBe('弃权');
    expect(words.style.fontSize).toBe('1.05em');
    fireEvent.click(screen.getByTestId('cast-option-2'));
    // step 2: submit; the confirmation repeats the choice in words, with large buttons
    fireEvent.click(submit);
    const ok = await screen.findByTestId('cast-confirm');
    expect(screen.getByText('您选择的是：弃权')).toBeTruthy();
    expect(ok.className).toContain('ant-btn-lg');
    expect(px(ok)).toBeGreaterThanOrEqual(21);
    // step 3: confirm. The receipt: large, copyable, the code whole, and what it proves
    fireEvent.click(ok);
    const receipt = await screen.findByTestId('cast-receipt');
    expect(receipt.textContent).toContain('R-ELDER-0001');
    expect((receipt as HTMLElement).style.fontSize).toBe('1.05em');
    expect(within(screen.getByTestId('cast-done')).getByRole('button', { name: /copy|复制/i })).toBeTruthy();
    expect(screen.getByTestId('cast-done').textContent).toContain('回执码不会显示您投了什么');
    // three presses: option, submit, confirm; one write
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['votes/7/cast/']);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ choice: 2, elector: 11 });
  });

  it('checks the receipt later at the elder size, never showing the choice', async () => {
    window.localStorage.setItem('linli.elderMode', 'true');
    mockApi({
      ...common,
      'GET votes/7/': () => ({
        body: vote({ actions: [], mine: [{ ...mine, choice: 0, channel: 'online', receipt: 'R-ELDER-0001' }] }),
      }),
      'POST votes/7/receipt/': () => ({ body: { included: true } }),
    });
    renderApp('/votes/7', { me: elder });
    // the owner's own ballot and receipt, at the elder size
    expect((await screen.findByTestId('my-receipt')).textContent).toContain('R-ELDER-0001');
    const input = screen.getByTestId('receipt-input');
    const check = screen.getByTestId('receipt-submit');
    expect(check.className).toContain('ant-btn-lg');
    expect(px(check)).toBeGreaterThanOrEqual(21);
    expect(px(input)).toBeGreaterThanOrEqual(21);
    fireEvent.change(input, { target: { value: 'R-ELDER-0001' } });
    fireEvent.click(check);
    const answer = await screen.findByTestId('receipt-included');
    expect(answer.textContent).toBe('这张选票已被计入结果。');
    expect(answer.textContent).not.toContain('同意');
    // the sealed tally says so in words at the same size
    expect(screen.getByTestId('tally-sealed').textContent).toContain('各选项票数在投票截止后公布');
  });

  it('is the same three steps outside elder mode, at the normal size', async () => {
    mockApi({ ...common, 'GET votes/7/': () => ({ body: vote() }) });
    renderApp('/votes/7', { me: { ...elder, elder_mode: false } });
    const submit = await screen.findByTestId('cast-submit');
    const details = screen.getByTestId('vote-details');
    const matter = within(details).getByText('事项类型（民法典第二百七十八条）');
    expect(matter.closest('tr')).toBe(within(details).getByText('使用建筑物及其附属设施的维修资金').closest('tr'));
    await waitFor(() => expect(document.documentElement.classList.contains('elder-mode')).toBe(false));
    expect(px(submit)).toBeLessThan(21);
  });
});
