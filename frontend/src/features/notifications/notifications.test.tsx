import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { detail, RESIDENT_CAPS } from '../complaints/testData';
import { localised } from './NotificationsPage';

const resident = makeMe({ id: 5, roles: [{ role: 'resident', estate_id: 1, unit_id: 1 }], capabilities: RESIDENT_CAPS });

const notes = [
  {
    id: 11,
    kind: 'request.status',
    title: '您的诉求 YG01-000007 已解决 / Request YG01-000007: resolved',
    body: '已更换阀芯',
    link: '/requests/7',
    created_at: '2026-11-21T02:00:00Z',
    read_at: null,
  },
  {
    id: 10,
    kind: 'request.status',
    title: '您的诉求 YG01-000007 已受理 / Request YG01-000007: accepted',
    body: '',
    link: '/requests/7',
    created_at: '2026-11-20T02:00:00Z',
    read_at: '2026-11-20T03:00:00Z',
  },
];

describe('notifications', () => {
  it('shows the unread count on the bell in the header', async () => {
    mockApi({ 'GET notifications/unread-count/': () => ({ body: { unread: 3 } }) });
    renderApp('/', { me: resident });
    const bell = await screen.findByTestId('notification-bell');
    await waitFor(() => expect(bell.dataset.count).toBe('3'));
    expect(bell.textContent).toContain('3');
    expect(bell.getAttribute('aria-label')).toBe('消息，3 条未读');
    expect(bell.getAttribute('href')).toBe('/notifications');
  });

  it('has no bell for someone who may not read notifications', async () => {
    const { calls } = mockApi({});
    renderApp('/', { me: makeMe({ capabilities: ['users.view'] }) });
    await screen.findByTestId('site-title');
    expect(screen.queryByTestId('notification-bell')).toBeNull();
    expect(calls.some((c) => c.path === 'notifications/unread-count/')).toBe(false);
  });

  it('marks one read and follows its link, and filters unread', async () => {
    let unread = 1;
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread } }),
      'GET notifications/': () => ({ body: { count: 2, next: null, previous: null, results: notes } }),
      'POST notifications/mark-read/': () => {
        unread = 0;
        return { body: { unread: 0 } };
      },
      'GET complaints/7/': () => ({ body: detail() }),
    });
    const { router } = renderApp('/notifications', { me: resident });
    const first = await screen.findByTestId('notification-11');
    expect(first.dataset.unread).toBe('true');
    expect(first.textContent).toContain('您的诉求 YG01-000007 已解决');
    expect(first.textContent).not.toContain('Request YG01');
    expect(screen.getByTestId('notification-10').dataset.unread).toBe('false');

    fireEvent.click(within(screen.getByTestId('notifications-filter')).getByText('未读（1）'));
    await waitFor(() => expect(calls.some((c) => c.path === 'notifications/' && c.query.get('unread') === 'true')).toBe(true));
    fireEvent.click(within(screen.getByTestId('notifications-filter')).getByText('全部'));

    fireEvent.click(await screen.findByTestId('notification-11'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/requests/7'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ ids: [11] });
    await waitFor(() => expect(screen.getByTestId('notification-bell').dataset.count).toBe('0'));
  });

  it('marks everything read at once', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 2 } }),
      'GET notifications/': () => ({ body: { count: 2, next: null, previous: null, results: notes } }),
      'POST notifications/mark-read/': () => ({ body: { unread: 0 } }),
    });
    renderApp('/notifications', { me: resident });
    const all = await screen.findByTestId('notifications-mark-all');
    await waitFor(() => expect((all as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(all);
    expect(await screen.findByText('已全部标为已读')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === 'notifications/mark-read/')?.body).toEqual({});
  });

  it('shows the half of a bilingual server title in the user language', () => {
    expect(localised('新工单 A / New work order A', 'zh-CN')).toBe('新工单 A');
    expect(localised('新工单 A / New work order A', 'en')).toBe('New work order A');
    expect(localised('plain', 'en')).toBe('plain');
  });

  it('a resident with a phone opts in to urgent notices by SMS', async () => {
    let sent: unknown = null;
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET notifications/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
      'PATCH auth/me/': (req) => {
        sent = req.body;
        return { body: { ...resident, has_phone: true, sms_urgent: true } };
      },
    });
    renderApp('/notifications', { me: { ...resident, has_phone: true } });
    const toggle = (await screen.findByTestId('notifications-sms-switch')) as HTMLButtonElement;
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(sent).toEqual({ sms_urgent: true }));
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
  });

  it('offers no SMS to an account without a phone', async () => {
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET notifications/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
    });
    renderApp('/notifications', { me: resident });
    const toggle = (await screen.findByTestId('notifications-sms-switch')) as HTMLButtonElement;
    expect(toggle.disabled).toBe(true);
    expect(screen.getByTestId('notifications-sms').textContent).toContain('还没有手机号');
  });
});
