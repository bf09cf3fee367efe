import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types';
import { tFor } from '../../i18n';
import { makeMe, mockApi, renderApp } from '../../test/utils';

const entries: AuditEntry[] = [
  {
    key: 'estate:7:update',
    at: '2026-12-01T02:30:00Z',
    kind: 'estate',
    object_id: 3,
    label: '阳光花园',
    action: 'changed',
    source: 'api',
    actor_id: 1,
    actor_name: '张三',
    actor_roles: ['firm_admin'],
    request_id: 'abc123',
    task: '',
    estate_id: 3,
    estate_name: '阳光花园',
    support_grant: 12,
    changes: [
      { field: 'name', before: '旧名字', after: '阳光花园' },
      { field: 'settings.auto_close_days', before: '7', after: '5' },
    ],
  },
  {
    key: 'person:9:update',
    at: '2026-12-01T02:00:00Z',
    kind: 'person',
    object_id: 4,
    label: '李四',
    action: 'changed',
    source: 'task',
    actor_id: null,
    actor_name: '',
    actor_roles: [],
    request_id: '',
    task: 'estates.run_import',
    estate_id: null,
    estate_name: '',
    support_grant: null,
    changes: [{ field: 'phone', before: '137****1111', after: '138****2222' }],
  },
];

const page = (results: AuditEntry[]) => ({ body: { count: results.length, next: null, previous: null, results } });
const admin = makeMe({ capabilities: ['users.view', 'audit.view'] });
const none = { body: { count: 0, next: null, previous: null, results: [] } };

describe('the audit log screen', () => {
  it('lists who changed what and opens an entry to its fields before and after', async () => {
    mockApi({ 'GET audit/events/': () => page(entries), 'GET estates/': () => none, 'GET users/': () => none });
    renderApp('/audit', { me: admin });
    const table = await screen.findByTestId('audit-table');
    await within(table).findAllByText('阳光花园');
    expect(table.textContent).toContain('张三');
    expect(table.textContent).toContain('公司管理员');
    expect(table.textContent).toContain('平台支持访问 #12');
    expect(table.textContent).toContain('修改');
    expect(table.textContent).toContain('2 项变更');
    // a task's change: no user, and it says so
    expect(table.textContent).toContain('系统');
    expect(table.textContent).toContain('后台任务');

    fireEvent.click(within(table).getAllByRole('button', { name: /展开|expand/i })[0]);
    const diff = await screen.findByTestId('audit-diff-estate:7:update');
    expect(diff.textContent).toContain('旧名字');
    expect(diff.textContent).toContain('settings.auto_close_days');
    expect(diff.textContent).toContain('原值');
    expect(screen.getByText('请求编号 abc123')).toBeTruthy();

    // the first row now shows 'collapse': the second row's is the one 'expand' left
    fireEvent.click(within(table).getAllByRole('button', { name: /展开|expand/i })[0]);
    const masked = await screen.findByTestId('audit-diff-person:9:update');
    expect(masked.textContent).toContain('138****2222');
  });

  it('sends the filters to the server', async () => {
    const { calls } = mockApi({ 'GET audit/events/': () => page([]), 'GET estates/': () => none, 'GET users/': () => none });
    renderApp('/audit', { me: admin });
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy();
    fireEvent.change(screen.getByTestId('field-since'), { target: { value: '2026-11-01' } });
    await waitFor(() =>
      expect(calls.some((c) => c.path === 'audit/events/' && c.query.get('since') === '2026-11-01')).toBe(true),
    );
    expect(
      calls
        .filter((c) => c.path === 'audit/events/')
        .at(-1)
        ?.query.get('page'),
    ).toBe('1');
  });

  it('is refused without the capability and hidden from the menu', async () => {
    mockApi({});
    renderApp('/audit', { me: makeMe({ capabilities: ['users.view'] }) });
    expect(await screen.findByText('没有权限')).toBeTruthy();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
  });

  it('counts changes in both languages', () => {
    expect(tFor('en')('audit.changeCount', { count: 1 })).toBe('1 change');
    expect(tFor('en')('audit.changeCount', { count: 1200 })).toBe('1,200 changes');
    expect(tFor('zh-CN')('audit.changeCount', { count: 2 })).toBe('2 项变更');
  });
});
