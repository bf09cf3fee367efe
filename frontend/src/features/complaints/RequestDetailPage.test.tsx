import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp, type Handler } from '../../test/utils';
import { detail, page, RESIDENT_CAPS, STAFF_CAPS } from './testData';
import type { RequestDetail } from './types';

const resident = makeMe({ id: 5, roles: [{ role: 'resident', estate_id: 1, unit_id: 1 }], capabilities: RESIDENT_CAPS });
const staff = makeMe({
  id: 3,
  full_name: '张师傅',
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
  capabilities: STAFF_CAPS,
});

function api(current: () => RequestDetail, extra: Record<string, Handler> = {}) {
  return mockApi({
    'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
    'GET complaints/7/': () => ({ body: current() }),
    'GET staff-assignments/': () =>
      page([
        { id: 1, estate: 1, user: 3, user_email: 'staff@x', user_name: '张师傅', role: 'staff', since: null },
        { id: 2, estate: 1, user: 2, user_email: 'manager@x', user_name: '李秀英', role: 'manager', since: null },
      ]),
    ...extra,
  });
}

function renderWith(current: RequestDetail) {
  const mocked = api(() => current, { 'GET complaints/7/messages/': () => ({ body: [] }) });
  const rendered = renderApp('/requests/7', { me: resident });
  return { ...rendered, calls: mocked.calls };
}

const actionButtons = () =>
  within(screen.getByTestId('request-actions'))
    .getAllByRole('button')
    .map((b) => b.getAttribute('data-testid'));

describe('the request detail', () => {
  it('shows status, place, photos, clocks and timeline, and only the buttons `actions` allows', async () => {
    api(() => detail({ actions: ['accept', 'defer', 'reassign', 'reject', 'take'] }));
    renderApp('/requests/7', { me: staff });
    const status = await screen.findByTestId('request-status');
    expect(status.dataset.status).toBe('submitted');
    expect(status.textContent).toBe('待受理');
    expect(screen.getByTestId('request-place').textContent).toBe('1-101');
    expect(screen.getByTestId('request-description').textContent).toBe('厨房水管漏水');
    expect(within(screen.getByTestId('request-photos')).getByRole('img').getAttribute('src')).toBe(
      '/api/v1/complaints/7/attachments/3/',
    );
    expect(screen.getByTestId('clock-response').textContent).toContain('剩余 3 小时 20 分');
    expect(screen.getByTestId('clock-resolution').textContent).toContain('已暂停');
    expect(screen.getByTestId('clock-resolution').dataset.paused).toBe('true');
    expect(within(screen.getByTestId('request-timeline')).getByText('提交')).toBeTruthy();
    // the order is the screen's own; what is shown is exactly `actions`
    expect(actionButtons()).toEqual(['action-take', 'action-accept', 'action-defer', 'action-reassign', 'action-reject']);
    expect(screen.queryByTestId('action-rate')).toBeNull();
    expect(screen.queryByTestId('action-resolve')).toBeNull();
  });

  it('shows a rejected request\'s stopped clocks as stopped, with the reason, and no green "正常"', async () => {
    const stopped = { due_at: null, remaining_seconds: 60 * 3600, colour: 'green', running: false, paused: false, on_time: null };
    api(() =>
      detail({
        status: 'rejected',
        colour: 'green',
        reject_reason: '不属于物业范围',
        clocks: [
          { ...stopped, kind: 'response', budget_hours: 24, on_time: true, state: 'met', stop_reason: '' },
          { ...stopped, kind: 'plan', budget_hours: 72, state: 'stopped', stop_reason: 'rejected' },
          { ...stopped, kind: 'resolution', budget_hours: 72, state: 'stopped', stop_reason: 'rejected' },
        ],
      }),
    );
    renderApp('/requests/7', { me: resident });
    await screen.findByTestId('request-status');
    expect(screen.getByTestId('clock-response').textContent).toContain('按时完成');
    for (const kind of ['plan', 'resolution']) {
      const clock = screen.getByTestId(`clock-${kind}`);
      expect(clock.dataset.state).toBe('stopped');
      expect(clock.textContent).toContain('已停止 · 已驳回');
      expect(clock.textContent).not.toContain('按时完成');
      expect(within(clock).queryByTestId('colour')).toBeNull();
    }
    expect(within(screen.getByTestId('request-header')).queryByTestId('colour')).toBeNull();
  });

  it('gives the requester rate and reopen only, and shows no action panel when nothing is allowed', async () => {
    let current = detail({ status: 'resolved', actions: ['rate', 'reopen'] });
    api(() => current);
    const { unmount } = renderApp('/requests/7', { me: resident });
    await screen.findByTestId('request-status');
    expect(actionButtons()).toEqual(['action-rate', 'action-reopen']);
    unmount();
    current = detail({ status: 'closed', rating: 5, actions: [] });
    renderApp('/requests/7', { me: resident });
    await screen.findByTestId('request-status');
    expect(screen.queryByTestId('request-actions')).toBeNull();
    expect(screen.getByTestId('rating-summary')).toBeTruthy();
  });

  it('posts a rating with stars, reasons and a comment, then shows the new state', async () => {
    let current = detail({ status: 'resolved', actions: ['rate', 'reopen'] });
    const { calls } = api(() => current, {
      'POST complaints/7/rate/': () => {
        current = detail({ status: 'resolved', rating: 2, actions: ['rate', 'reopen'] });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: resident });
    fireEvent.click(await screen.findByTestId('action-rate'));
    const dialog = await screen.findByRole('dialog');
    // no stars: no post
    fireEvent.click(within(dialog).getByTestId('rate-submit'));
    expect(await within(dialog).findByText('请点星星打分')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('rating-2'));
    expect(await within(dialog).findByText(/评分较低时物业会安排回访/)).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('rating-tag-slow'));
    fireEvent.click(within(dialog).getByTestId('rating-tag-not_fixed'));
    fireEvent.change(within(dialog).getByTestId('field-comment'), { target: { value: ' 还是渗水 ' } });
    fireEvent.click(within(dialog).getByTestId('rate-submit'));
    expect(await screen.findByText('谢谢您的评价')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.path === 'complaints/7/rate/').map((c) => c.body)).toEqual([
      { rating: 2, tags: ['slow', 'not_fixed'], comment: '还是渗水' },
    ]);
    expect(await screen.findByText('您给了 2 星。如问题没有解决，请申请重新处理。')).toBeTruthy();
  });

  it('reopens with a reason', async () => {
    let current = detail({ status: 'resolved', rating: 2, actions: ['rate', 'reopen'] });
    const { calls } = api(() => current, {
      'POST complaints/7/reopen/': () => {
        current = detail({ status: 'reopened', reopen_count: 1, actions: [] });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: resident });
    fireEvent.click(await screen.findByTestId('action-reopen'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-reason'), { target: { value: '还在漏水' } });
    fireEvent.click(within(dialog).getByTestId('reopen-submit'));
    await waitFor(() => expect(screen.getByTestId('request-status').dataset.status).toBe('reopened'));
    expect(calls.find((c) => c.path === 'complaints/7/reopen/')?.body).toEqual({ reason: '还在漏水' });
    expect(screen.getByText('已重开 1 次')).toBeTruthy();
  });

  it('resolves with a note and after-photos as multipart', async () => {
    let current = detail({ status: 'accepted', actions: ['defer', 'reassign', 'reject', 'resolve', 'start'] });
    const { fetchMock } = api(() => current, {
      'POST complaints/7/resolve/': () => {
        current = detail({ status: 'resolved', actions: ['reassign'] });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: staff });
    fireEvent.click(await screen.findByTestId('action-resolve'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('resolve-submit'));
    expect(await within(dialog).findByText('请填写处理结果')).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId('field-note'), { target: { value: '已更换阀芯' } });
    const after = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'after.png', { type: 'image/png' });
    fireEvent.change(within(dialog).getByTestId('resolve-files'), { target: { files: [after] } });
    fireEvent.click(within(dialog).getByTestId('resolve-submit'));
    await waitFor(() => expect(screen.getByTestId('request-status').dataset.status).toBe('resolved'));
    const body = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/complaints/7/resolve/'))?.[1]?.body as FormData;
    expect(body.get('note')).toBe('已更换阀芯');
    expect((body.getAll('files') as File[]).map((f) => f.name)).toEqual(['after.png']);
  });

  it('accepts for a chosen colleague', async () => {
    let current = detail({ actions: ['accept', 'reassign', 'reject', 'take'] });
    const { calls } = api(() => current, {
      'POST complaints/7/accept/': () => {
        current = detail({ status: 'accepted', assignee: 2, assignee_name: '李秀英', actions: ['resolve', 'start'] });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: staff });
    fireEvent.click(await screen.findByTestId('action-accept'));
    const dialog = await screen.findByRole('dialog');
    const combobox = within(within(dialog).getByTestId('field-assignee')).getByRole('combobox');
    fireEvent.mouseDown(combobox);
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].find((el) => el.textContent === '李秀英');
      if (!found) throw new Error('no option');
      return found;
    });
    fireEvent.click(option);
    fireEvent.click(within(dialog).getByTestId('accept-submit'));
    await waitFor(() => expect(screen.getByTestId('request-status').dataset.status).toBe('accepted'));
    expect(calls.find((c) => c.path === 'complaints/7/accept/')?.body).toEqual({ assignee: 2 });
  });

  it('says so when the request changed meanwhile (409) and refreshes it', async () => {
    let current = detail({ actions: ['accept', 'take'] });
    const { calls } = api(() => current, {
      'POST complaints/7/take/': () => {
        current = detail({ status: 'accepted', assignee: 2, assignee_name: '李秀英', actions: [] });
        return {
          status: 409,
          body: { code: 'already_assigned', detail: '该工单已有人负责。', fields: {} },
        };
      },
    });
    renderApp('/requests/7', { me: staff });
    fireEvent.click(await screen.findByTestId('action-take'));
    expect(await screen.findByText('这张工单已经有人负责了。')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('request-status').dataset.status).toBe('accepted'));
    expect(calls.filter((c) => c.method === 'GET' && c.path === 'complaints/7/').length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByTestId('action-take')).toBeNull();
  });

  it('lets the resident chase with one tap, then says when they may chase again', async () => {
    let current = detail({ actions: ['chase', 'withdraw'] });
    const { calls } = api(() => current, {
      'POST complaints/7/chase/': () => {
        current = detail({
          actions: ['withdraw'],
          next_chase_at: '2026-11-21T03:00:00Z',
          events: [
            ...detail().events,
            {
              id: 9,
              at: '2026-11-20T03:00:00Z',
              action: 'chase',
              from_status: 'submitted',
              to_status: 'submitted',
              channel: 'app',
              note: '',
              data: {},
              actor_name: '刘阿姨',
            },
          ],
        });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: resident });
    fireEvent.click(await screen.findByTestId('action-chase'));
    expect(await screen.findByText('已催办，处理人员和主管会收到提醒')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.path === 'complaints/7/chase/').length).toBe(1);
    expect(screen.queryByTestId('action-chase')).toBeNull();
    expect(screen.getByTestId('chase-again').textContent).toMatch(/^已催办，.*11:00 后可再次催办$/);
    const timeline = screen.getByTestId('request-timeline');
    expect(within(timeline).getByText('催办')).toBeTruthy();
  });

  it('withdraws after a warning, and shows the clocks stopped as withdrawn, not on time', async () => {
    let current = detail({ actions: ['chase', 'withdraw'] });
    const stopped = { due_at: null, remaining_seconds: 0, colour: 'green', running: false, paused: false, on_time: null };
    const { calls } = api(() => current, {
      'POST complaints/7/withdraw/': () => {
        current = detail({
          status: 'withdrawn',
          actions: [],
          clocks: [
            { ...stopped, kind: 'response', budget_hours: 24, state: 'stopped', stop_reason: 'withdrawn' },
            { ...stopped, kind: 'plan', budget_hours: 72, state: 'stopped', stop_reason: 'withdrawn' },
          ],
          events: [
            ...detail().events,
            {
              id: 9,
              at: '2026-11-20T03:00:00Z',
              action: 'withdraw',
              from_status: 'submitted',
              to_status: 'withdrawn',
              channel: 'app',
              note: '自己修好了',
              data: {},
              actor_name: '刘阿姨',
            },
          ],
        });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: resident });
    fireEvent.click(await screen.findByTestId('action-withdraw'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('撤回后物业将不再处理这条报事。')).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId('field-reason'), { target: { value: ' 自己修好了 ' } });
    fireEvent.click(within(dialog).getByTestId('withdraw-submit'));
    await waitFor(() => expect(screen.getByTestId('request-status').dataset.status).toBe('withdrawn'));
    expect(calls.find((c) => c.path === 'complaints/7/withdraw/')?.body).toEqual({ reason: '自己修好了' });
    expect(screen.getByTestId('request-status').textContent).toBe('已撤回');
    expect(screen.getByTestId('notice').textContent).toContain('此报事已由住户撤回');
    for (const kind of ['response', 'plan']) {
      const clock = screen.getByTestId(`clock-${kind}`);
      expect(clock.textContent).toContain('已停止 · 已撤回');
      expect(clock.textContent).not.toContain('按时完成');
    }
    expect(screen.queryByTestId('request-actions')).toBeNull();
  });

  it('shows the resident the repairer with a tap-to-call phone, the visit window and the on-the-way step', async () => {
    api(() =>
      detail({
        status: 'accepted',
        assignee: 3,
        assignee_name: '张师傅',
        assignee_phone: '139 1234 5678',
        departed_at: '2026-11-20T05:00:00Z',
        preferred_visit_from: '2026-11-20T06:00:00Z',
        preferred_visit_to: '2026-11-20T09:00:00Z',
        actions: ['chase', 'withdraw'],
      }),
    );
    renderApp('/requests/7', { me: resident });
    const call = await screen.findByTestId('assignee-phone');
    expect(call.getAttribute('href')).toBe('tel:13912345678');
    expect(call.getAttribute('aria-label')).toBe('拨打 张师傅 的电话');
    expect(screen.getByTestId('request-assignee').textContent).toContain('张师傅');
    expect(screen.getByTestId('request-visit').textContent).toMatch(/2026.11.20 14:00–17:00/);
    const progress = screen.getByTestId('request-progress');
    expect(progress.dataset.step).toBe('departed');
    expect(progress.textContent).toContain('已出发');
  });

  it('lets the assignee say they are on the way with one tap', async () => {
    let current = detail({
      status: 'accepted',
      assignee: 3,
      assignee_name: '张师傅',
      actions: ['defer', 'depart', 'reassign', 'resolve', 'start'],
    });
    const { calls } = api(() => current, {
      'POST complaints/7/depart/': () => {
        current = detail({
          status: 'accepted',
          departed_at: '2026-11-20T05:00:00Z',
          actions: ['defer', 'reassign', 'resolve', 'start'],
        });
        return { body: current };
      },
    });
    renderApp('/requests/7', { me: staff });
    fireEvent.click(await screen.findByTestId('action-depart'));
    expect(await screen.findByText('已告知住户您已出发')).toBeTruthy();
    expect(calls.filter((c) => c.path === 'complaints/7/depart/').length).toBe(1);
    expect(screen.getByTestId('request-progress').dataset.step).toBe('departed');
    expect(screen.queryByTestId('action-depart')).toBeNull();
  });

  it('shows the thread to the requester and sends a message; an empty one is not sent', async () => {
    const messages = [
      {
        id: 1,
        author_name: '刘阿姨',
        from_staff: false,
        mine: true,
        body: '灯不亮了',
        created_at: '2026-11-20T02:05:00Z',
        attachments: [],
      },
      {
        id: 2,
        author_name: '张师傅',
        from_staff: true,
        mine: false,
        body: '明天上午过去',
        created_at: '2026-11-20T03:00:00Z',
        attachments: [
          {
            id: 8,
            event: null,
            content_type: 'image/jpeg',
            size: 10,
            url: '/api/v1/complaints/7/attachments/8/',
            created_at: '2026-11-20T03:00:00Z',
          },
        ],
      },
    ];
    const { calls } = api(() => detail({ thread: 'write', actions: ['chase', 'withdraw'] }), {
      'GET complaints/7/messages/': () => ({ body: messages }),
      'POST complaints/7/messages/': () => ({
        status: 201,
        body: {
          id: 3,
          author_name: '刘阿姨',
          from_staff: false,
          mine: true,
          body: '好的',
          created_at: '2026-11-20T03:10:00Z',
          attachments: [],
        },
      }),
    });
    renderApp('/requests/7', { me: resident });
    const thread = await screen.findByTestId('request-thread');
    await waitFor(() => expect(within(thread).getAllByTestId('thread-message')).toHaveLength(2));
    const [mine, theirs] = within(thread).getAllByTestId('thread-message');
    expect(mine.dataset.mine).toBe('true');
    expect(theirs.textContent).toContain('张师傅');
    expect(theirs.textContent).toContain('物业');
    expect(within(theirs).getByRole('img').getAttribute('src')).toBe('/api/v1/complaints/7/attachments/8/');
    fireEvent.click(within(thread).getByTestId('message-send'));
    expect(await within(thread).findByText('请写下留言或附上照片')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').length).toBe(0);
    fireEvent.change(within(thread).getByTestId('field-message'), { target: { value: ' 好的 ' } });
    fireEvent.click(within(thread).getByTestId('message-send'));
    await waitFor(() => expect(within(thread).getAllByTestId('thread-message')).toHaveLength(3));
    expect(calls.find((c) => c.method === 'POST' && c.path === 'complaints/7/messages/')?.body).toEqual({ body: '好的' });
    expect((within(thread).getByTestId('field-message') as HTMLTextAreaElement).value).toBe('');
  });

  it("keeps a finished request's thread read-only, and shows none to someone outside it", async () => {
    const { unmount } = renderWith(detail({ status: 'withdrawn', thread: 'read', actions: [] }));
    expect(await screen.findByTestId('thread-closed')).toBeTruthy();
    expect(screen.queryByTestId('message-send')).toBeNull();
    unmount();
    const { calls } = renderWith(detail({ thread: '', actions: [] }));
    await screen.findByTestId('request-status');
    expect(screen.queryByTestId('request-thread')).toBeNull();
    expect(calls.some((c) => c.path === 'complaints/7/messages/')).toBe(false);
  });

  it('shows a clear "not found" for a request the user may not see', async () => {
    mockApi({ 'GET notifications/unread-count/': () => ({ body: { unread: 0 } }) });
    renderApp('/requests/999', { me: resident });
    expect(await screen.findByText('没有找到这条报事')).toBeTruthy();
  });
});
