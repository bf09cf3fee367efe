import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Round } from './types';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'notifications.view', 'supervision.view', 'supervision.track', 'supervision.inspect'],
});

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: 21,
    estate: 1,
    estate_name: '阳光花园',
    template: 2,
    template_name: '保洁日常检查',
    version_number: 1,
    service_line: 'cleaning',
    area: '3号楼',
    status: 'draft',
    key: 'round-key-0001',
    started_by_name: '李主任',
    started_at: '2026-12-01T02:00:00Z',
    submitted_at: null,
    published_at: null,
    items: [
      { id: 5, position: 1, title: '垃圾桶清洁', standard: '无污渍', photo_required: false, weight: 1 },
      { id: 6, position: 2, title: '楼道地面', standard: '', photo_required: false, weight: 1 },
    ],
    answers: [],
    photos: [],
    addenda: [],
    rectifications: [],
    ...overrides,
  } as Round;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('an inspection round', () => {
  it('tells the inspector which answer the server refused, keeps retrying a lapsed session, and clears on a new answer', async () => {
    let refuse: 400 | 401 | null = 401;
    const { calls } = mockApi({
      ...common,
      'GET supervision/rounds/21/': () => ({ body: round() }),
      'POST supervision/rounds/21/answers/': (req) => {
        if (refuse === 401) return { status: 401, body: { code: 'not_authenticated', detail: '请先登录。' } };
        if (refuse === 400) return { status: 400, body: { code: 'round_closed', detail: '这一轮巡查已提交，不能再修改。' } };
        return { body: { id: 1, ...(req.body as object) } };
      },
    });
    renderApp('/supervision/rounds/21', { me: committee });
    await screen.findAllByTestId('round-item');
    fireEvent.click(screen.getByTestId('round-item-6-fail'));
    // a lapsed session is "not now": the answer stays on the phone, nothing is reported lost
    await waitFor(() => expect(screen.getByTestId('round-pending').textContent).toContain('1'));
    expect(screen.queryByTestId('round-refused')).toBeNull();

    refuse = 400;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    const alert = await screen.findByTestId('round-refused');
    expect(alert.textContent).toBe('第 2 项的结果未被接受：这一轮巡查已提交，不能再修改。请重新选择。');
    expect(alert.dataset.item).toBe('6');
    await waitFor(() => expect(screen.queryByTestId('round-pending')).toBeNull());

    refuse = null;
    fireEvent.click(screen.getByTestId('round-item-6-pass'));
    await waitFor(() => expect(screen.queryByTestId('round-refused')).toBeNull());
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toMatchObject({ item: 6, result: 'pass' }));
  });

  it('keeps answers while offline and resends each once, with its own key, when online', async () => {
    let online = false;
    const stored = new Map<string, unknown>();
    const { calls } = mockApi({
      ...common,
      'GET supervision/rounds/21/': () => ({ body: round() }),
      'POST supervision/rounds/21/answers/': (req) => {
        if (!online) throw new TypeError('Failed to fetch');
        const body = req.body as { key: string };
        stored.set(body.key, body);
        return { body: { id: stored.size, ...body } };
      },
    });
    renderApp('/supervision/rounds/21', { me: committee });
    await screen.findAllByTestId('round-item');
    fireEvent.click(screen.getByTestId('round-item-5-pass'));
    await waitFor(() => expect(screen.getAllByTestId('round-item')[0].dataset.result).toBe('pass'));
    fireEvent.click(screen.getByTestId('round-item-6-fail'));
    await waitFor(() => expect(screen.getAllByTestId('round-item')[1].dataset.result).toBe('fail'));
    await waitFor(() => expect(screen.getByTestId('round-pending').textContent).toContain('2'));
    expect((screen.getByTestId('round-submit') as HTMLButtonElement).disabled).toBe(true);

    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.queryByTestId('round-pending')).toBeNull());
    expect([...stored.values()].map((b) => (b as { item: number; result: string }).result).sort()).toEqual(['fail', 'pass']);
    const sent = calls.filter((c) => c.method === 'POST').map((c) => (c.body as { key: string }).key);
    // every attempt of one answer carried the same key: two answers, two keys
    expect(new Set(sent).size).toBe(2);
    expect(stored.size).toBe(2);
  });

  it('a submitted round is read-only with the report and the committee publishes', async () => {
    let published = false;
    mockApi({
      ...common,
      'GET supervision/rounds/21/': () => ({
        body: round({
          status: 'submitted',
          submitted_at: '2026-12-01T03:00:00Z',
          answers: [
            {
              id: 1,
              item: 5,
              result: 'pass',
              note: '',
              area: '',
              answered_by_name: '李主任',
              answered_at: '2026-12-01T02:10:00Z',
            },
            {
              id: 2,
              item: 6,
              result: 'fail',
              note: '有积水',
              area: '',
              answered_by_name: '李主任',
              answered_at: '2026-12-01T02:11:00Z',
            },
          ],
          published_at: published ? '2026-12-01T04:00:00Z' : null,
        }),
      }),
      'POST supervision/rounds/21/publish/': () => {
        published = true;
        return { body: round({ status: 'submitted', published_at: '2026-12-01T04:00:00Z' }) };
      },
    });
    renderApp('/supervision/rounds/21', { me: committee });
    const answers = await screen.findAllByTestId('round-answer');
    expect(answers.map((a) => a.dataset.result)).toEqual(['pass', 'fail']);
    expect(answers[1].textContent).toContain('有积水');
    expect(screen.queryByTestId('round-submit')).toBeNull();
    expect(screen.getByTestId('round-report').getAttribute('href')).toBe('/api/v1/supervision/rounds/21/report/');
    fireEvent.click(screen.getByTestId('round-publish'));
    await screen.findByTestId('round-published');
    expect(screen.queryByTestId('round-publish')).toBeNull();
  });

  it('the committee corrects a submitted round with an addendum, never by editing it', async () => {
    const submitted = round({ status: 'submitted', submitted_at: '2026-12-01T03:00:00Z' });
    const { calls } = mockApi({
      ...common,
      'GET supervision/rounds/21/': () => ({ body: submitted }),
      'POST supervision/rounds/21/addenda/': () => ({
        status: 201,
        body: round({
          ...submitted,
          addenda: [{ id: 1, text: '3号楼应为4号楼', written_by_name: '李主任', written_at: '2026-12-01T05:00:00Z' }],
        }),
      }),
    });
    renderApp('/supervision/rounds/21', { me: committee });
    fireEvent.change(await screen.findByTestId('field-addendum'), { target: { value: '3号楼应为4号楼' } });
    fireEvent.click(screen.getByTestId('round-addendum-add'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'supervision/rounds/21/addenda/')?.body).toEqual({ text: '3号楼应为4号楼' }),
    );
    expect((await screen.findByTestId('round-addendum')).textContent).toContain('3号楼应为4号楼');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });
});
