import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Firm } from '../../api/types';
import { tFor } from '../../i18n';
import { makeMe, mockApi, publicSite, renderApp } from '../../test/utils';
import { openFirm, type SupportGrant, type SupportPreapproval } from './api';

const admin = makeMe({ capabilities: ['users.view', 'users.manage', 'firm.settings', 'support.decide'] });
const platformAdmin = makeMe({
  email: 'root@linli.test',
  capabilities: ['platform.firms.manage'],
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  host_kind: 'public',
});
// 08:30 UTC is 16:30 in Asia/Shanghai
const UNTIL = '2026-12-04T08:30:00Z';

function grant(overrides: Partial<SupportGrant> = {}): SupportGrant {
  return {
    id: 11,
    firm: 7,
    firm_name: '阳光物业',
    firm_slug: 'sunshine',
    requested_by_email: 'root@linli.test',
    reason: '协助导入小区数据',
    hours: 4,
    status: 'pending',
    running: false,
    decided_by_name: '',
    decided_at: null,
    expires_at: null,
    revoked_at: null,
    preapproval: null,
    created_at: '2026-12-04T04:00:00Z',
    ...overrides,
  };
}

const page = <T,>(results: T[]) => ({ body: { count: results.length, next: null, previous: null, results } });

afterEach(() => vi.restoreAllMocks());

describe('the firm admins’ support access page', () => {
  it('grants a pending request and lists it among the running ones', async () => {
    let current = grant();
    const { calls } = mockApi({
      'GET support/grants/': () => page([current]),
      'GET support/preapprovals/': () => page<SupportPreapproval>([]),
      'POST support/grants/11/approve/': () => {
        current = grant({ status: 'active', running: true, expires_at: UNTIL, decided_by_name: '张三' });
        return { body: current };
      },
    });
    renderApp('/support', { me: admin });

    const pending = await screen.findByTestId('support-pending');
    expect(await within(pending).findByText('协助导入小区数据')).toBeTruthy();
    expect(within(pending).getByText('4 小时')).toBeTruthy();
    fireEvent.click(within(pending).getByTestId('support-approve-11'));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'support/grants/11/approve/')).toBe(true));
    const running = screen.getByTestId('support-running');
    expect(await within(running).findByTestId('support-revoke-11')).toBeTruthy();
    expect(within(running).getByTestId('support-status-11').textContent).toBe('进行中');
    // and the banner above the page says platform support is in the firm until when
    expect((await screen.findByTestId('support-banner')).textContent).toContain(
      '平台支持正在访问本公司（root@linli.test），至 16:30',
    );
  });

  it('revokes running access after a confirmation', async () => {
    const { calls } = mockApi({
      'GET support/grants/': () => page([grant({ status: 'active', running: true, expires_at: UNTIL })]),
      'GET support/preapprovals/': () => page<SupportPreapproval>([]),
      'POST support/grants/11/revoke/': () => ({ body: grant({ status: 'revoked', revoked_at: UNTIL }) }),
    });
    renderApp('/support', { me: admin });
    fireEvent.click(await within(await screen.findByTestId('support-running')).findByTestId('support-revoke-11'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(calls.some((c) => c.path === 'support/grants/11/revoke/')).toBe(true));
  });

  it('sets a pre-approval and shows it as the current one', async () => {
    let made: SupportPreapproval[] = [];
    const { calls } = mockApi({
      'GET support/grants/': () => page<SupportGrant>([]),
      'GET support/preapprovals/': () => page(made),
      'POST support/preapprovals/': (req) => {
        const body = req.body as { max_hours: number; days: number; note: string };
        made = [
          {
            id: 3,
            max_hours: body.max_hours,
            valid_until: '2026-12-18T08:30:00Z',
            note: body.note,
            created_by_name: '张三',
            created_at: '2026-12-04T04:00:00Z',
            ended_at: null,
            ended_by_name: '',
            open: true,
          },
        ];
        return { status: 201, body: made[0] };
      },
    });
    renderApp('/support', { me: admin });
    expect((await screen.findByTestId('support-pre-current')).textContent).toBe('未设置预先授权，每条申请都需要您批准。');
    fireEvent.change(screen.getByTestId('field-note'), { target: { value: '上线导入' } });
    fireEvent.click(screen.getByTestId('support-pre-save'));

    await waitFor(() =>
      expect(calls.find((c) => c.path === 'support/preapprovals/' && c.method === 'POST')?.body).toEqual({
        max_hours: 8,
        days: 14,
        note: '上线导入',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('support-pre-current').textContent).toBe('有效至 2026/12/18 16:30：每次最多 8 小时'),
    );
    expect(screen.getByTestId('support-pre-end')).toBeTruthy();
  });

  it('is refused to users who do not decide on support access', async () => {
    mockApi({
      'GET support/grants/': () => page<SupportGrant>([]),
      'GET support/preapprovals/': () => page<SupportPreapproval>([]),
    });
    renderApp('/support', { me: makeMe({ capabilities: ['users.view'] }) });
    expect(await screen.findByText(/403|没有权限|无权/)).toBeTruthy();
  });
});

describe('a platform admin acting in the firm', () => {
  it('reads a bar saying they act under support access until HH:mm', async () => {
    mockApi({});
    const acting = makeMe({
      email: 'platform-1@support.linli.invalid',
      roles: [{ role: 'support', estate_id: null, unit_id: null }],
      capabilities: ['estates.view', 'estates.create'],
      support: { grant: 11, expires_at: UNTIL, requested_by_email: 'root@linli.test', reason: '导入' },
    });
    renderApp('/profile', { me: acting });
    const bar = await screen.findByTestId('support-acting-bar');
    expect(bar.querySelector('.p-alert-text')?.textContent).toBe(
      '您正在以平台支持身份访问（授权 #11），至 16:30。住户个人信息已隐藏，只能进行上线操作。',
    );
    expect(screen.queryByTestId('support-banner')).toBeNull();
  });

  it('enters with the ticket from the link and lands on the firm’s start page', async () => {
    window.history.replaceState(null, '', '/support/enter#signed-ticket');
    const acting = makeMe({
      roles: [{ role: 'support', estate_id: null, unit_id: null }],
      capabilities: ['estates.view'],
      support: { grant: 11, expires_at: UNTIL, requested_by_email: 'root@linli.test', reason: '导入' },
    });
    const { calls } = mockApi({ 'POST support/enter/': () => ({ body: acting }) });
    const { router } = renderApp('/support/enter', { me: null });
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.find((c) => c.path === 'support/enter/')?.body).toEqual({ ticket: 'signed-ticket' });
    expect(window.location.hash).toBe('');
  });

  it('says so when the ticket is refused', async () => {
    window.history.replaceState(null, '', '/support/enter#stale');
    mockApi({
      'POST support/enter/': () => ({ status: 403, body: { code: 'support_ticket_invalid', detail: 'x', fields: {} } }),
    });
    renderApp('/support/enter', { me: null });
    expect((await screen.findByTestId('support-enter-error')).textContent).toBe('该进入链接无效或已过期，请从平台控制台重新进入');
  });
});

function firm(overrides: Partial<Firm> = {}): Firm {
  return {
    id: 7,
    name: '阳光物业',
    slug: 'sunshine',
    schema_name: 'firm_sunshine',
    contact_name: '',
    contact_email: '',
    contact_phone: '',
    status: 'active',
    provisioning_status: 'ready',
    provisioning_error: '',
    domain: 'sunshine.localhost',
    url: 'http://sunshine.localhost:8000',
    admin_email: 'boss@sunshine.test',
    created_at: '2026-11-21T04:00:00Z',
    ...overrides,
  };
}

describe('the platform console’s firm page', () => {
  it('asks the firm for access with a reason and a duration', async () => {
    const { calls } = mockApi({
      'GET platform/firms/7/': () => ({ body: firm() }),
      'GET platform/support-grants/': () => page<SupportGrant>([]),
      'POST platform/support-grants/': () => ({ status: 201, body: grant() }),
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    const card = await screen.findByTestId('firm-support');
    fireEvent.change(within(card).getByTestId('field-reason'), { target: { value: '协助导入小区数据' } });
    fireEvent.change(within(card).getByTestId('field-hours'), { target: { value: '6' } });
    fireEvent.click(within(card).getByTestId('support-ask'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST' && c.path === 'platform/support-grants/')?.body).toEqual({
        reason: '协助导入小区数据',
        hours: 6,
        firm: 7,
      }),
    );
    expect(calls.find((c) => c.path === 'platform/support-grants/' && c.method === 'GET')?.query.get('firm')).toBe('7');
  });

  it('enters the firm while its own grant runs, and only then', async () => {
    const go = vi.spyOn(openFirm, 'to').mockImplementation(() => undefined);
    mockApi({
      'GET platform/firms/7/': () => ({ body: firm() }),
      'GET platform/support-grants/': () =>
        page([
          grant({ id: 12, status: 'active', running: true, expires_at: UNTIL }),
          grant({ id: 10, status: 'active', running: true, expires_at: UNTIL, requested_by_email: 'other@linli.test' }),
          grant({ id: 9, status: 'declined' }),
        ]),
      'POST platform/support-grants/12/enter/': () => ({
        body: { ticket: 't', url: 'http://sunshine.localhost:8000/support/enter#t' },
      }),
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    const mine = await screen.findByTestId('firm-support-12');
    expect(within(mine).getByText('至 16:30')).toBeTruthy();
    expect(within(screen.getByTestId('firm-support-10')).queryByTestId('support-enter-10')).toBeNull();
    expect(within(screen.getByTestId('firm-support-9')).getByText('已拒绝')).toBeTruthy();
    fireEvent.click(within(mine).getByTestId('support-enter-12'));
    await waitFor(() => expect(go).toHaveBeenCalledWith('http://sunshine.localhost:8000/support/enter#t'));
  });
});

describe('support messages', () => {
  it('count hours in both languages', () => {
    expect(tFor('en')('support.hours', { count: 1 })).toBe('1 hour');
    expect(tFor('en')('support.hours', { count: 72 })).toBe('72 hours');
    expect(tFor('zh-CN')('support.hours', { count: 2 })).toBe('2 小时');
  });
});
