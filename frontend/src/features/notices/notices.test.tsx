import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Notice } from './types';

const CAPS = ['estates.view', 'notifications.view', 'complaints.view'];
const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: CAPS });
const manager = makeMe({ id: 3, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: CAPS });

function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 5,
    estate: 1,
    estate_name: '阳光花园',
    side: 'committee',
    kind: 'meeting',
    title: '业主大会通知',
    body: '12 月 20 日召开业主大会。',
    pinned: true,
    expires_on: null,
    author_name: '李主任',
    link: '',
    published_at: '2026-12-01T02:00:00Z',
    edited_at: null,
    retraction: null,
    read_count: 3,
    read_by_me: false,
    actions: [],
    ...overrides,
  } as Notice;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('estate notices', () => {
  it('lets a resident open a notice, which records the read receipt', async () => {
    let read = false;
    const { calls } = mockApi({
      ...common,
      'GET notices/': () => page([notice({ read_by_me: read, read_count: read ? 4 : 3 })]),
      'POST notices/5/read/': () => {
        read = true;
        return { body: notice({ read_by_me: true, read_count: 4 }) };
      },
    });
    renderApp('/notices', { me: resident });
    expect(await screen.findByText('业主大会通知')).toBeTruthy();
    expect(screen.getByTestId('notice-unread-5')).toBeTruthy();
    expect(screen.queryByTestId('notice-new')).toBeNull();
    fireEvent.click(screen.getByText('业主大会通知'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'notices/5/read/')).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('notice-unread-5')).toBeNull());
    expect(screen.getByTestId('notice-body-5').textContent).toContain('业主大会');
    expect(screen.queryByTestId('notice-retract-5')).toBeNull();
  });

  it('lets the manager publish a pinned notice', async () => {
    const { calls } = mockApi({
      ...common,
      'GET notices/': () => page([]),
      'POST notices/': () => ({ status: 201, body: notice({ side: 'firm', title: '停水通知' }) }),
    });
    renderApp('/notices', { me: manager });
    fireEvent.click(await screen.findByTestId('notice-new'));
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: '停水通知' } });
    fireEvent.change(screen.getByTestId('field-body'), { target: { value: '明天 9 点到 12 点停水' } });
    // people choose among the manual kinds only; the system's kinds are not offered
    const kinds = within(screen.getByTestId('field-kind'));
    expect(kinds.getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual([
      '通知',
      '停水停电',
      '施工维修',
      '会议',
    ]);
    fireEvent.click(kinds.getByText('停水停电'));
    fireEvent.click(screen.getByTestId('field-pinned'));
    fireEvent.click(screen.getByTestId('notice-publish'));
    await waitFor(() => {
      const call = calls.find((c) => c.method === 'POST' && c.path === 'notices/');
      expect(call?.body).toEqual({
        estate: 1,
        title: '停水通知',
        body: '明天 9 点到 12 点停水',
        kind: 'outage',
        pinned: true,
        expires_on: null,
      });
    });
    expect(await screen.findByText('公告已发布，住户会收到通知')).toBeTruthy();
  });

  it('offers the firm nothing on a committee notice, and its own notice can be retracted with a reason', async () => {
    const own = notice({ id: 6, side: 'firm', title: '停水通知', pinned: false, actions: ['edit', 'retract'], read_by_me: true });
    const theirs = notice({ read_by_me: true });
    const { calls } = mockApi({
      ...common,
      'GET notices/': () => page([theirs, own]),
      'POST notices/6/retract/': () => ({ body: { ...own, actions: [] } }),
    });
    renderApp('/notices', { me: manager });
    fireEvent.click(await screen.findByText('业主大会通知'));
    fireEvent.click(screen.getByText('停水通知'));
    expect(await screen.findByTestId('notice-retract-6')).toBeTruthy();
    expect(screen.queryByTestId('notice-retract-5')).toBeNull();
    expect(screen.queryByTestId('notice-pin-5')).toBeNull();
    fireEvent.click(screen.getByTestId('notice-retract-6'));
    fireEvent.change(screen.getByTestId('field-reason-6'), { target: { value: '已恢复供水' } });
    fireEvent.click(screen.getByTestId('notice-retract-confirm-6'));
    await waitFor(() => {
      const call = calls.find((c) => c.path === 'notices/6/retract/');
      expect(call?.body).toEqual({ reason: '已恢复供水' });
    });
  });

  it('shows a system notice as posted by the system, with its type and a link to its source, and nothing to do', async () => {
    const system = notice({
      id: 7,
      side: 'system',
      kind: 'statement',
      title: '2026-10 公共收益月度报表已公示',
      body: '本期公共收益的收入、支出和分配已公示，可查看明细并核验。',
      author_name: null,
      link: '/disclosure/statements/12',
      pinned: false,
      read_by_me: true,
    });
    mockApi({ ...common, 'GET notices/': () => page([system]) });
    const { router } = renderApp('/notices', { me: manager });
    fireEvent.click(await screen.findByText('2026-10 公共收益月度报表已公示'));
    expect(screen.getByTestId('notice-kind-7').textContent).toBe('收益公示');
    expect(screen.getByTestId('notice-list').textContent).toContain('系统 · 系统发布 ·');
    expect(screen.queryByTestId('notice-retract-7')).toBeNull();
    expect(screen.queryByTestId('notice-pin-7')).toBeNull();
    fireEvent.click(await screen.findByTestId('notice-source-7'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/disclosure/statements/12'));
  });

  it('filters the list by type', async () => {
    const { calls } = mockApi({
      ...common,
      'GET notices/': (req) =>
        page(
          req.query.get('kind') === 'score'
            ? [notice({ id: 8, side: 'system', kind: 'score', title: '服务评分已公布' })]
            : [notice()],
        ),
    });
    const { container } = renderApp('/notices', { me: resident });
    expect(await screen.findByText('业主大会通知')).toBeTruthy();
    const filter = screen.getByTestId('notice-kind-filter');
    fireEvent.mouseDown(filter.querySelector('.ant-select-selector') ?? filter);
    const option = await waitFor(() => {
      const found = Array.from(document.querySelectorAll('.ant-select-item-option')).find((o) => o.textContent === '服务评分');
      expect(found).toBeTruthy();
      return found as HTMLElement;
    });
    expect(Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent)).toEqual([
      '全部类型',
      '通知',
      '停水停电',
      '施工维修',
      '会议',
      '巡查报告',
      '收益公示',
      '服务评分',
      '表决结果',
    ]);
    fireEvent.click(option);
    expect(await screen.findByText('服务评分已公布')).toBeTruthy();
    expect(calls.some((c) => c.path === 'notices/' && c.query.get('kind') === 'score')).toBe(true);
    expect(container.textContent).not.toContain('业主大会通知');
  });

  it("puts the estate's latest notices on the resident's home, each opening its notice", async () => {
    mockApi({
      ...common,
      'GET me/home/': () => ({ body: [] }),
      'GET complaints/': () => page([]),
      'GET notices/': () =>
        page([
          notice(),
          notice({ id: 9, side: 'system', kind: 'score', title: '服务评分已公布', author_name: null, pinned: false }),
        ]),
    });
    const { router } = renderApp('/', { me: resident });
    const link = await screen.findByTestId('home-notice-5');
    expect(link.textContent).toContain('业主大会通知');
    expect(screen.getByTestId('home-notices').textContent).toContain('置顶');
    expect(screen.getByTestId('home-notice-kind-5').textContent).toBe('会议');
    expect(screen.getByTestId('home-notice-9').textContent).toBe('系统服务评分服务评分已公布');
    fireEvent.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe('/notices'));
    expect(router.state.location.search).toBe('?estate=1&notice=5');
  });
});
