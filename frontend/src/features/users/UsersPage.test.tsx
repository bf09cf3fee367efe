import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FirmUser } from '../../api/types';
import { makeMe, mockApi, renderApp } from '../../test/utils';

const users: FirmUser[] = [
  {
    id: 2,
    email: 'wang@sunshine.test',
    full_name: '王客服',
    phone: '138****1234',
    roles: [{ role: 'staff', estate_id: null, unit_id: null }],
    is_active: true,
    invitation_pending: true,
    date_joined: '2026-11-20T02:00:00Z',
  },
  {
    id: 3,
    email: 'zhao@sunshine.test',
    full_name: '赵经理',
    phone: '',
    roles: [{ role: 'manager', estate_id: 1, unit_id: null }],
    is_active: false,
    invitation_pending: false,
    date_joined: '2026-10-01T02:00:00Z',
  },
];

const page = (results: FirmUser[]) => ({ body: { count: results.length, next: null, previous: null, results } });

describe('the users screen', () => {
  it('lists users with masked phones, roles and status, and searches', async () => {
    const { calls } = mockApi({ 'GET users/': () => page(users) });
    renderApp('/users', { me: makeMe() });
    const table = await screen.findByTestId('users-table');
    await within(table).findByText('王客服');
    expect(table.textContent).toContain('138****1234');
    expect(table.textContent).toContain('待接受邀请');
    expect(table.textContent).toContain('已停用');
    expect(table.textContent).toContain('项目经理');
    expect(screen.getByTestId('resend-2')).toBeTruthy();
    expect(screen.getByTestId('reactivate-3')).toBeTruthy();

    fireEvent.change(screen.getByTestId('users-search').querySelector('input') ?? screen.getByTestId('users-search'), {
      target: { value: '王' },
    });
    fireEvent.keyDown(screen.getByPlaceholderText('搜索姓名、邮箱'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(calls.some((c) => c.query.get('search') === '王')).toBe(true));
    expect(calls.at(-1)?.query.get('page_size')).toBe('20');
  });

  it('hides the management actions from a read-only user', async () => {
    mockApi({ 'GET users/': () => page(users) });
    renderApp('/users', { me: makeMe({ capabilities: ['users.view'] }) });
    await screen.findByText('王客服');
    expect(screen.queryByTestId('invite-user')).toBeNull();
    expect(screen.queryByTestId('resend-2')).toBeNull();
  });

  it('invites a user and shows server field errors in the modal', async () => {
    let attempts = 0;
    const { calls } = mockApi({
      'GET users/': () => page(users),
      'POST users/': (req) => {
        attempts += 1;
        if (attempts === 1) {
          return {
            status: 400,
            body: { code: 'invalid', detail: '请检查填写的内容。', fields: { email: ['该邮箱已有账号。'] } },
          };
        }
        return { status: 201, body: { ...users[0], id: 9, ...(req.body as object) } };
      },
    });
    renderApp('/users', { me: makeMe() });
    fireEvent.click(await screen.findByTestId('invite-user'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-email'), { target: { value: 'li@sunshine.test' } });
    fireEvent.change(within(dialog).getByTestId('field-full_name'), { target: { value: '李四' } });
    fireEvent.click(within(dialog).getByTestId('invite-submit'));
    expect(await within(dialog).findByText('该邮箱已有账号。')).toBeTruthy();

    fireEvent.click(within(dialog).getByTestId('invite-submit'));
    expect(await screen.findByText('邀请已发送至 li@sunshine.test')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      email: 'li@sunshine.test',
      full_name: '李四',
      role: 'staff',
    });
  });

  it('resends an invitation', async () => {
    const { calls } = mockApi({
      'GET users/': () => page(users),
      'POST users/2/resend-invitation/': () => ({ body: users[0] }),
    });
    renderApp('/users', { me: makeMe() });
    fireEvent.click(await screen.findByTestId('resend-2'));
    expect(await screen.findByText('已重新发送邀请至 wang@sunshine.test')).toBeTruthy();
    expect(calls.some((c) => c.path === 'users/2/resend-invitation/' && c.method === 'POST')).toBe(true);
  });
});
