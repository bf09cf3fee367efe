import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { COMMITTEE_CAPS, estate, hotTopic, page, row } from './testData';

const committee = makeMe({ id: 4, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: COMMITTEE_CAPS });
const boardRows = [
  row({
    id: 2,
    number: 'YG01-000002',
    status: 'rejected',
    colour: 'green',
    kind: 'complaint',
    category: 'noise',
    place: '中心花园',
  }),
  row({ id: 3, number: 'YG01-000003', status: 'accepted', colour: 'red' }),
];

describe('the supervision board', () => {
  it('lists the red board read-only and lets the committee decide hot topics', async () => {
    let decided = false;
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      // the view answers a plain list
      'GET complaints/board/': () => ({ body: boardRows }),
      'GET complaints/hot-topics/': (req) => page(req.query.get('status') === 'suggested' && !decided ? [hotTopic] : []),
      'POST complaints/hot-topics/5/dismiss/': () => {
        decided = true;
        return { body: { ...hotTopic, status: 'dismissed', decided_at: '2026-11-21T02:00:00Z' } };
      },
    });
    renderApp('/complaints/board', { me: committee });
    const rowsShown = await screen.findAllByTestId('board-row');
    expect(rowsShown.map((r) => r.querySelector('strong')?.textContent)).toEqual(['YG01-000002', 'YG01-000003']);
    expect(rowsShown[0].dataset.status).toBe('rejected');
    expect(rowsShown[0].textContent).toContain('已驳回');
    expect(rowsShown[1].textContent).toContain('超时');
    expect(rowsShown[0].closest('a')?.getAttribute('href')).toBe('/requests/2');
    expect(calls.find((c) => c.path === 'complaints/board/')?.query.get('estate')).toBe('1');
    // read-only: no transition buttons on the board
    expect(screen.queryByTestId(/^action-/)).toBeNull();

    const topic = await screen.findByTestId('hot-topic-5');
    expect(within(topic).getByText('广场舞')).toBeTruthy();
    expect(within(topic).getByText('YG01-000009').getAttribute('href')).toBe('/requests/9');
    expect(within(topic).getByText('噪音 · 6 件')).toBeTruthy();
    fireEvent.click(within(topic).getByTestId('hot-topic-dismiss-5'));
    await waitFor(() => expect(screen.queryByTestId('hot-topic-5')).toBeNull());
    expect(calls.some((c) => c.method === 'POST' && c.path === 'complaints/hot-topics/5/dismiss/')).toBe(true);
    expect(await screen.findByText('暂无议题')).toBeTruthy();
  });

  it('shows no decision buttons to a manager, who may only regroup', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET complaints/board/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
      'GET complaints/hot-topics/': () => page([hotTopic]),
      'POST complaints/hot-topics/refresh/': () => ({ body: {} }),
    });
    renderApp('/complaints/board', {
      me: makeMe({ capabilities: ['complaints.board', 'complaints.kpi', 'complaints.view', 'estates.view'] }),
    });
    expect(await screen.findByText('目前没有红色督办事项')).toBeTruthy();
    await screen.findByTestId('hot-topic-5');
    expect(screen.queryByTestId('hot-topic-accept-5')).toBeNull();
    fireEvent.click(screen.getByTestId('hot-topics-refresh'));
    await waitFor(() => expect(calls.find((c) => c.path === 'complaints/hot-topics/refresh/')?.query.get('estate')).toBe('1'));
  });
});
