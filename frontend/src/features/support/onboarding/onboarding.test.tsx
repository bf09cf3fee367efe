import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Firm, FirmUser } from '../../../api/types';
import { tFor } from '../../../i18n';
import { makeMe, mockApi, publicSite, renderApp, type FakeRequest } from '../../../test/utils';
import { estate as makeEstate, importJob } from '../../estates/testData';
import type { Estate } from '../../estates/types';
import { openFirm, type SupportGrant } from '../api';
import { onboardingProgress } from './progress';

const UNTIL = '2026-12-04T08:30:00Z';
const acting = makeMe({
  email: 'platform-1@support.linli.invalid',
  roles: [{ role: 'support', estate_id: null, unit_id: null }],
  capabilities: [
    'estates.view',
    'estates.create',
    'estates.manage',
    'estates.import',
    'estates.staff.assign',
    'users.view',
    'users.manage',
  ],
  support: { grant: 11, expires_at: UNTIL, requested_by_email: 'root@linli.test', reason: '上线' },
});
const page = <T,>(results: T[]) => ({ body: { count: results.length, next: null, previous: null, results } });

const sunny = makeEstate({ id: 1, name: '阳光花园', code: 'YG01', unit_count: 120 });
const moon = makeEstate({ id: 2, name: '月光花园', code: 'YG02', unit_count: 0, building_count: 0 });

function user(overrides: Partial<FirmUser> = {}): FirmUser {
  return {
    id: 20,
    email: 'zhao@sunshine.test',
    full_name: '赵经理',
    phone: '',
    roles: [{ role: 'manager', estate_id: null, unit_id: null }],
    is_active: true,
    invitation_pending: true,
    date_joined: '2026-12-04T04:00:00Z',
    ...overrides,
  };
}

/** The firm's data as the wizard reads it; handlers change it as the API would. */
function firmData({ estates = [] as Estate[], users = [] as FirmUser[] } = {}) {
  const data = { estates, users };
  const handlers = {
    'GET estates/': () => page(data.estates),
    'GET users/': (req: FakeRequest) => page(data.users.filter((u) => u.roles.some((r) => r.role === req.query.get('role')))),
  };
  return { data, handlers };
}

afterEach(() => vi.restoreAllMocks());
// the route loads the page lazily: transform it once here, not inside the first test's wait
beforeAll(() => import('./OnboardingPage'), 60_000);

describe('onboarding progress', () => {
  it('resumes at the first step the firm’s data says is not done', () => {
    expect(onboardingProgress([], [], []).resume).toBe('estates');
    expect(onboardingProgress([sunny, moon], [], []).resume).toBe('import');
    const both = [sunny, { ...moon, unit_count: 8 }];
    expect(onboardingProgress(both, [], []).resume).toBe('invite');
    const managerOf1 = user({ roles: [{ role: 'manager', estate_id: 1, unit_id: null }] });
    const staffOf2 = user({ id: 21, roles: [{ role: 'staff', estate_id: 2, unit_id: null }] });
    const partly = onboardingProgress(both, [managerOf1], []);
    expect([partly.resume, partly.staffed, partly.percent]).toEqual(['invite', 1, 83]);
    const done = onboardingProgress(both, [managerOf1], [staffOf2]);
    expect([done.resume, done.percent]).toEqual(['done', 100]);
    // a deactivated person staffs nothing
    expect(onboardingProgress(both, [{ ...managerOf1, is_active: false }], [staffOf2]).resume).toBe('invite');
  });
});

describe('the onboarding wizard', () => {
  it('creates an estate inline with the estates screen’s form and lists it', async () => {
    const { data, handlers } = firmData();
    const { calls } = mockApi({
      ...handlers,
      'POST estates/': (req) => {
        const body = req.body as { name: string; code: string };
        const made = makeEstate({ id: 3, name: body.name, code: body.code, unit_count: 0 });
        data.estates = [made];
        return { status: 201, body: made };
      },
    });
    renderApp('/support/onboarding', { me: acting });
    const list = await screen.findByTestId('wizard-estates');
    expect(list.textContent).toContain('还没有小区');
    expect((screen.getByTestId('onboarding-next') as HTMLButtonElement).disabled).toBe(true);

    const form = screen.getByTestId('wizard-new-estate');
    fireEvent.click(within(form).getByTestId('estate-submit'));
    expect(await within(form).findByText('请填写小区编号')).toBeTruthy();
    fireEvent.change(within(form).getByTestId('field-name'), { target: { value: '星河湾' } });
    fireEvent.change(within(form).getByTestId('field-code'), { target: { value: 'XHW' } });
    fireEvent.click(within(form).getByTestId('estate-submit'));

    expect(await within(list).findByTestId('wizard-estate-XHW')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === 'estates/')?.body).toMatchObject({ name: '星河湾', code: 'XHW' });
    expect(screen.getByTestId('onboarding-step-estates').textContent).toBe('已建立 1 个小区');
    // the form is ready for the next estate
    expect((within(form).getByTestId('field-name') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByTestId('onboarding-next'));
    expect(await screen.findByTestId('wizard-import')).toBeTruthy();
  });

  it('resumes at the import on the first estate without units, and opens another estate’s own import', async () => {
    const { handlers } = firmData({ estates: [sunny, moon] });
    mockApi(handlers);
    const { router } = renderApp('/support/onboarding', { me: acting });
    await screen.findByTestId('wizard-import');
    await waitFor(() => expect(router.state.location.search).toBe('?step=import'));
    expect(screen.getByTestId('wizard-import-count').textContent).toBe('1 / 2 个小区已导入房屋');
    expect(within(screen.getByTestId('wizard-import-YG01')).getByTestId('wizard-units').textContent).toBe('120 套房屋');
    expect(within(screen.getByTestId('wizard-import-YG02')).getByTestId('wizard-units').textContent).toBe('尚未导入');
    expect(screen.getByTestId('wizard-import-estate').dataset.estate).toBe('2');
    expect(screen.getByTestId('import-file')).toBeTruthy();

    fireEvent.click(screen.getByTestId('wizard-import-open-YG01'));
    await waitFor(() => expect(screen.getByTestId('wizard-import-estate').dataset.estate).toBe('1'));
    expect(router.state.location.search).toBe('?step=import&estate=1');
  });

  it('imports with the firm’s preview and commit and shows the estate’s units, staying on the step', async () => {
    const { data, handlers } = firmData({ estates: [sunny, moon] });
    const { calls } = mockApi({
      ...handlers,
      'POST estates/2/imports/': () => ({ status: 201, body: importJob({ estate: 2 }) }),
      'POST imports/7/commit/': () => {
        data.estates = [sunny, { ...moon, unit_count: 3, building_count: 1 }];
        const progress = { status: 'done' as const, total_rows: 3, processed_rows: 3, percent: 100 };
        return { body: importJob({ estate: 2, status: 'done', progress }) };
      },
      'GET imports/7/': () => ({ body: importJob({ estate: 2, status: 'done' }) }),
    });
    const { router } = renderApp('/support/onboarding?step=import&estate=2', { me: acting });
    const input = (await screen.findByTestId('import-file')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['楼栋,房号'], 'units.csv', { type: 'text/csv' })] } });
    const preview = await screen.findByTestId('import-preview');
    expect(preview.textContent).toContain('共 3 行数据');
    fireEvent.click(within(preview).getByTestId('import-commit'));

    await waitFor(() =>
      expect(within(screen.getByTestId('wizard-import-YG02')).getByTestId('wizard-units').textContent).toBe('3 套房屋'),
    );
    expect(screen.getByTestId('wizard-import-count').textContent).toBe('2 / 2 个小区已导入房屋');
    expect(calls.filter((c) => c.path === 'imports/7/commit/')).toHaveLength(1);
    // every estate has units now, yet the page stays on the import it just finished
    expect(router.state.location.search).toBe('?step=import&estate=2');
    expect(screen.getByTestId('import-preview').textContent).toContain('导入完成');
  });

  it('invites a manager scoped to the chosen estate, offering only the roles support may invite', async () => {
    const imported = [sunny, { ...moon, unit_count: 8 }];
    const { data, handlers } = firmData({ estates: imported });
    const { calls } = mockApi({
      ...handlers,
      'POST users/': (req) => {
        const body = req.body as { email: string; full_name: string; role: 'manager' };
        data.users = [user({ id: 30, email: body.email, full_name: body.full_name })];
        return { status: 201, body: data.users[0] };
      },
      'POST staff-assignments/': (req) => {
        const body = req.body as { estate: number; user: number; role: string };
        data.users = [
          user({
            id: 30,
            email: 'li@sunshine.test',
            full_name: '李经理',
            roles: [
              { role: 'manager', estate_id: null, unit_id: null },
              { role: 'manager', estate_id: body.estate, unit_id: null },
            ],
          }),
        ];
        return {
          status: 201,
          body: { id: 5, ...body, user_email: 'li@sunshine.test', user_name: '李经理', since: '2026-12-04' },
        };
      },
    });
    renderApp('/support/onboarding', { me: acting });
    const invite = await screen.findByTestId('wizard-invite');
    expect(screen.getByTestId('wizard-staffed-count').textContent).toBe('0 / 2 个小区已安排员工');

    fireEvent.mouseDown(
      within(invite).getByTestId('field-role').querySelector('.ant-select-selector') ?? within(invite).getByTestId('field-role'),
    );
    await screen.findAllByRole('option');
    const options = [...document.querySelectorAll('.ant-select-item-option-content')].map((o) => o.textContent);
    expect(options).toEqual(['项目经理', '客服/维修']);

    fireEvent.change(within(invite).getByTestId('field-email'), { target: { value: 'li@sunshine.test' } });
    fireEvent.change(within(invite).getByTestId('field-full_name'), { target: { value: '李经理' } });
    fireEvent.click(within(invite).getByTestId('invite-submit'));
    expect(await within(invite).findByText('请至少选择一个小区')).toBeTruthy();
    fireEvent.click(within(invite).getByLabelText('月光花园'));
    fireEvent.click(within(invite).getByTestId('invite-submit'));

    await waitFor(() => expect(screen.getByTestId('wizard-staff-YG02').textContent).toContain('李经理'));
    expect(calls.find((c) => c.method === 'POST' && c.path === 'users/')?.body).toEqual({
      email: 'li@sunshine.test',
      full_name: '李经理',
      role: 'manager',
    });
    expect(calls.find((c) => c.path === 'staff-assignments/')?.body).toEqual({ estate: 2, user: 30, role: 'manager' });
    expect(screen.getByTestId('wizard-staff-YG01').textContent).not.toContain('李经理');
    expect(screen.getByTestId('wizard-staffed-count').textContent).toBe('1 / 2 个小区已安排员工');
  });

  it('goes back and next between steps and sums up what is left', async () => {
    const { handlers } = firmData({
      estates: [sunny, moon],
      users: [user({ roles: [{ role: 'manager', estate_id: 1, unit_id: null }] })],
    });
    mockApi(handlers);
    const { router } = renderApp('/support/onboarding?step=invite', { me: acting });
    expect(await screen.findByTestId('wizard-invite')).toBeTruthy();
    fireEvent.click(screen.getByTestId('onboarding-back'));
    expect(await screen.findByTestId('wizard-import')).toBeTruthy();
    expect(router.state.location.search).toBe('?step=import');
    fireEvent.click(screen.getByTestId('onboarding-next'));
    fireEvent.click(await screen.findByTestId('onboarding-next'));
    const done = await screen.findByTestId('wizard-done');
    expect(done.textContent).toContain('还有步骤未完成');
    expect(screen.getByTestId('wizard-summary-YG01').textContent).toBe('阳光花园：120 套房屋，项目经理 1 人，物业员工 0 人');
    expect(screen.getByTestId('wizard-summary-YG02').textContent).toBe('月光花园：0 套房屋，项目经理 0 人，物业员工 0 人');
    expect(screen.queryByTestId('onboarding-next')).toBeNull();
  });

  it('opens at the summary when every step is done', async () => {
    const { handlers } = firmData({
      estates: [sunny],
      users: [user({ invitation_pending: false, roles: [{ role: 'manager', estate_id: 1, unit_id: null }] })],
    });
    mockApi(handlers);
    renderApp('/support/onboarding', { me: acting });
    expect((await screen.findByTestId('wizard-done')).textContent).toContain('上线步骤已全部完成。');
    expect(screen.getByTestId('onboarding-step-done').textContent).toBe('已完成 100%');
  });

  it('speaks English with plurals', () => {
    const en = tFor('en');
    expect(en('support.wizard.invite.staffed', { done: 1, count: 2 })).toBe('1 of 2 estates staffed');
    expect(en('support.wizard.done.estate', { name: 'Sunny', units: 1, managers: 2, staff: 1 })).toBe(
      'Sunny: 1 unit, 2 estate managers, 1 staff member',
    );
  });
});

// --- the platform console: starting it ----------------------------------------------------------

const platformAdmin = makeMe({
  email: 'root@linli.test',
  capabilities: ['platform.firms.manage'],
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  host_kind: 'public',
});

function grant(overrides: Partial<SupportGrant> = {}): SupportGrant {
  return {
    id: 11,
    firm: 7,
    firm_name: '阳光物业',
    firm_slug: 'sunshine',
    requested_by_email: 'root@linli.test',
    reason: '小区上线：建立小区、导入房屋、邀请员工',
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

const firm: Firm = {
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
};
const TICKET = { ticket: 't', url: 'http://sunshine.localhost:8000/support/enter#t' };
const WIZARD_LINK = 'http://sunshine.localhost:8000/support/enter?next=%2Fsupport%2Fonboarding#t';

describe('starting the wizard from the platform console', () => {
  it('asks for access with an onboarding reason and, pre-approved, enters the firm at the wizard', async () => {
    const go = vi.spyOn(openFirm, 'to').mockImplementation(() => undefined);
    const { calls } = mockApi({
      'GET platform/firms/7/': () => ({ body: firm }),
      'GET platform/support-grants/': () => page<SupportGrant>([]),
      'POST platform/support-grants/': () => ({
        status: 201,
        body: grant({ id: 12, status: 'active', running: true, expires_at: UNTIL }),
      }),
      'POST platform/support-grants/12/enter/': () => ({ body: TICKET }),
    });
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    const card = await screen.findByTestId('firm-onboard');
    fireEvent.click(await within(card).findByTestId('onboard-ask'));
    await waitFor(() => expect(go).toHaveBeenCalledWith(WIZARD_LINK));
    expect(calls.find((c) => c.method === 'POST' && c.path === 'platform/support-grants/')?.body).toEqual({
      reason: '小区上线：建立小区、导入房屋、邀请员工',
      hours: 4,
      firm: 7,
    });
  });

  it('says a request waits for the firm, and opens the wizard under a running grant of one’s own', async () => {
    const go = vi.spyOn(openFirm, 'to').mockImplementation(() => undefined);
    let grants = [
      grant(),
      grant({ id: 10, status: 'active', running: true, expires_at: UNTIL, requested_by_email: 'other@linli.test' }),
    ];
    mockApi({
      'GET platform/firms/7/': () => ({ body: firm }),
      'GET platform/support-grants/': () => page(grants),
      'POST platform/support-grants/11/enter/': () => ({ body: TICKET }),
    });
    const first = renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    expect((await screen.findByTestId('onboard-waiting')).textContent).toBe('已申请支持访问（#11），等待该公司管理员批准。');
    expect(screen.queryByTestId('onboard-start')).toBeNull();
    first.unmount();

    grants = [grant({ status: 'active', running: true, expires_at: UNTIL })];
    renderApp('/platform/firms/7', { site: publicSite, me: platformAdmin });
    expect((await screen.findByTestId('onboard-running')).textContent).toBe('支持访问 #11 进行中，至 16:30。');
    fireEvent.click(screen.getByTestId('onboard-start'));
    await waitFor(() => expect(go).toHaveBeenCalledWith(WIZARD_LINK));
  });

  it('lands on the wizard the ticket’s link names, and never off this host', async () => {
    mockApi({ 'POST support/enter/': () => ({ body: acting }), ...firmData().handlers });
    window.history.replaceState(null, '', '/support/enter?next=%2Fsupport%2Fonboarding#ticket');
    const { router, unmount } = renderApp('/support/enter', { me: null });
    await waitFor(() => expect(router.state.location.pathname).toBe('/support/onboarding'));
    unmount();

    window.history.replaceState(null, '', '/support/enter?next=%2F%2Fevil.test#ticket');
    const other = renderApp('/support/enter', { me: null });
    await waitFor(() => expect(other.router.state.location.pathname).toBe('/'));
  });
});
