import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Topic, TopicHall } from './types';

const committee = makeMe({ id: 4, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: [] });
const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: [] });
const manager = makeMe({ id: 2, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: [] });

function topic(overrides: Partial<Topic> = {}): Topic {
  return {
    id: 5,
    estate: 1,
    title: '2号楼电梯经常停运',
    body: '希望更换',
    author_name: '张三',
    created_at: '2026-12-01T02:00:00Z',
    status: 'open',
    support_count: 1,
    agenda_at: null,
    answer: '',
    answered_at: null,
    merged_into: null,
    vote: null,
    hot_topic: null,
    hot_request_count: null,
    photos: [],
    mine: false,
    supported: false,
    actions: [],
    ...overrides,
  } as Topic;
}

const hall = (overrides: Partial<TopicHall> = {}): TopicHall => ({
  estate: 1,
  threshold: 3,
  set_at: null,
  can_set: false,
  ...overrides,
});

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('the hall', () => {
  it('lists topics by tab, sorted by support, with the hot-topic badge', async () => {
    mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall() }),
      'GET topics/': () => ({
        body: [
          topic({ id: 1, title: '少', status: 'agenda', support_count: 3 }),
          topic({ id: 2, title: '多', status: 'agenda', support_count: 9, hot_topic: 4, hot_request_count: 6 }),
          topic({ id: 3, title: '征集中', status: 'open' }),
        ],
      }),
    });
    renderApp('/topics?estate=1', { me: resident });
    const list = await screen.findByTestId('topics-list');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['多', '少']),
    );
    expect(within(screen.getByTestId('topic-row-2')).getByTestId('topic-hot').textContent).toBe('热点 · 6 件投诉报修');
    expect(screen.getByText(/支持达到 3 人即列入业委会议程/)).toBeTruthy();
    fireEvent.click(screen.getByText('征集支持', { selector: '.ant-segmented-item-label' }));
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['征集中']),
    );
    expect(screen.getByTestId('topic-raise')).toBeTruthy();
    expect(screen.queryByTestId('threshold-form')).toBeNull();
  });

  it('lets the committee set the threshold', async () => {
    const { calls } = mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall({ can_set: true }) }),
      'POST topics/hall/': () => ({ body: hall({ can_set: true, threshold: 5 }) }),
      'GET topics/': () => ({ body: [] }),
    });
    renderApp('/topics?estate=1', { me: committee });
    const input = await screen.findByTestId('threshold-input');
    fireEvent.change(input, { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('threshold-save'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ estate: 1, threshold: 5 }));
  });

  it('shows the firm the hall without raising', async () => {
    mockApi({ ...common, 'GET topics/hall/': () => ({ body: hall() }), 'GET topics/': () => ({ body: [topic()] }) });
    renderApp('/topics?estate=1', { me: manager });
    expect(await screen.findByText('物业可查看议事厅，不能发起、支持或答复议题。')).toBeTruthy();
    expect(screen.queryByTestId('topic-raise')).toBeNull();
  });
});

describe('a topic', () => {
  it('shows photos and support progress, and a resident supports it', async () => {
    const { calls } = mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall() }),
      'GET topics/5/': () => ({
        body: topic({
          actions: ['support'],
          photos: [{ id: 1, content_type: 'image/png', size: 9, url: '/api/v1/topics/5/photos/1/' }],
        }),
      }),
      'POST topics/5/support/': () => ({ body: topic({ support_count: 2, supported: true }) }),
    });
    renderApp('/topics/5', { me: resident });
    expect((await screen.findByTestId('topic-photos')).querySelector('img')?.getAttribute('src')).toBe(
      '/api/v1/topics/5/photos/1/',
    );
    expect(await screen.findByText('1 / 3 人支持即列入议程')).toBeTruthy();
    fireEvent.click(screen.getByTestId('topic-support'));
    await waitFor(() => expect(screen.getByTestId('topic-support-count').textContent).toBe('2 人支持'));
    expect(calls.some((c) => c.method === 'POST' && c.path === 'topics/5/support/')).toBe(true);
    expect(screen.queryByTestId('topic-support')).toBeNull();
  });

  it('lets the committee put an agenda topic to a vote, or answer it', async () => {
    const { calls } = mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall({ can_set: true }) }),
      'GET topics/5/': () => ({ body: topic({ status: 'agenda', actions: ['answer', 'hide', 'merge'] }) }),
      'POST topics/5/answer/': () => ({
        body: topic({ status: 'adopted', answer: '交付业主大会表决', answered_at: '2026-12-02T02:00:00Z' }),
      }),
    });
    renderApp('/topics/5', { me: committee });
    expect((await screen.findByTestId('topic-to-vote')).getAttribute('href')).toBe('/votes/new?topic=5');
    fireEvent.change(await screen.findByTestId('topic-answer-text'), { target: { value: ' 交付业主大会表决 ' } });
    fireEvent.click(screen.getByTestId('topic-answer-submit'));
    expect((await screen.findByTestId('topic-answer')).textContent).toContain('交付业主大会表决');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ outcome: 'adopted', answer: '交付业主大会表决' });
    // once answered, it can no longer be put to a vote (an answer never changes)
    expect(screen.queryByTestId('topic-to-vote')).toBeNull();
    expect(screen.queryByTestId('topic-answer-form')).toBeNull();
  });

  it("merges a duplicate into one of the estate's open topics, found by searching", async () => {
    const { calls } = mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall({ can_set: true }) }),
      'GET topics/5/': () => ({ body: topic({ status: 'agenda', actions: ['answer', 'hide', 'merge'] }) }),
      'GET topics/': () => ({
        body: [
          topic({ status: 'agenda' }),
          topic({ id: 8, title: '电梯又坏了', status: 'open', support_count: 4 }),
          topic({ id: 9, title: '电梯广告收入', status: 'answered' }),
          topic({ id: 10, title: '更换2号楼电梯', status: 'agenda', support_count: 12 }),
          topic({ id: 11, title: '停车位不够', status: 'open' }),
        ],
      }),
      'POST topics/5/merge/': () => ({
        body: topic({ status: 'merged', merged_into: 10, answer: '与“更换2号楼电梯”重复，已合并。' }),
      }),
    });
    renderApp('/topics/5', { me: committee });
    const picker = await screen.findByTestId('topic-merge-into');
    expect((screen.getByTestId('topic-merge-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.mouseDown(picker.querySelector('.ant-select-selector') ?? picker);
    const search = picker.querySelector('input') as HTMLInputElement;
    fireEvent.change(search, { target: { value: '电梯' } });
    // only the other topics still open or on the agenda, and only those that match
    await screen.findByTestId('topic-merge-option-10');
    const shown = Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent);
    expect(shown).toEqual(['#8 电梯又坏了 · 4 人支持', '#10 更换2号楼电梯 · 12 人支持']);
    // the number finds it too
    fireEvent.change(search, { target: { value: '#10' } });
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('topic-merge-option-10'));
    fireEvent.click(screen.getByTestId('topic-merge-submit'));
    expect(await screen.findByTestId('topic-merged')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: 'topics/5/merge/', body: { into: 10 } });
    expect(calls.find((c) => c.path === 'topics/')?.query.get('estate')).toBe('1');
  });

  it('links a topic put to a vote to its vote, for every reader', async () => {
    mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall() }),
      'GET topics/5/': () => ({
        body: topic({
          status: 'adopted',
          vote: 7,
          answer: '采纳，交付业主大会表决：更换电梯',
          answered_at: '2026-12-02T02:00:00Z',
        }),
      }),
    });
    renderApp('/topics/5', { me: resident });
    expect((await screen.findByTestId('topic-vote-link')).getAttribute('href')).toBe('/votes/7');
    expect(screen.queryByTestId('topic-to-vote')).toBeNull();
  });

  it('lets the committee track a topic adopted as a task, and links it to its decision', async () => {
    mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall({ can_set: true }) }),
      'GET topics/5/': () => ({
        body: topic({ status: 'adopted', answer: '采纳：疏通排水沟', answered_at: '2026-12-02T02:00:00Z' }),
      }),
      'GET topics/6/': () => ({
        body: topic({ id: 6, status: 'adopted', decision: 12, answer: '采纳', answered_at: '2026-12-02T02:00:00Z' }),
      }),
    });
    const first = renderApp('/topics/5', { me: committee });
    expect((await screen.findByTestId('topic-track')).getAttribute('href')).toBe('/decisions?estate=1&topic=5');
    first.unmount();
    renderApp('/topics/6', { me: resident });
    expect((await screen.findByTestId('topic-decision')).getAttribute('href')).toBe('/decisions/12');
    expect(screen.queryByTestId('topic-track')).toBeNull();
  });

  it('shows its author why it was hidden', async () => {
    mockApi({
      ...common,
      'GET topics/hall/': () => ({ body: hall() }),
      'GET topics/5/': () => ({ body: topic({ status: 'hidden', mine: true, answer: '含人身攻击' }) }),
    });
    renderApp('/topics/5', { me: resident });
    expect((await screen.findByTestId('topic-hidden')).textContent).toContain('此议题已被业委会屏蔽。理由：含人身攻击');
  });
});
