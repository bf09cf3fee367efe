import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('login', () => {
  it('says so when the credentials are wrong', async () => {
    mockApi({
      'POST auth/login/': () => ({
        status: 400,
        body: { code: 'invalid_credentials', detail: 'Wrong e-mail or password.', fields: {} },
      }),
    });
    renderApp('/login');
    await screen.findByTestId('field-email');
    type('field-email', 'a@b.test');
    type('field-password', 'nope');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('邮箱或密码不正确');
  });

  it('says so when throttled', async () => {
    mockApi({ 'POST auth/login/': () => ({ status: 429, body: { code: 'throttled', detail: 'slow down', fields: {} } }) });
    renderApp('/login');
    await screen.findByTestId('field-email');
    type('field-email', 'a@b.test');
    type('field-password', 'nope');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('尝试次数过多');
  });

  it('validates before calling the server', async () => {
    const { calls } = mockApi({});
    renderApp('/login');
    await screen.findByTestId('field-email');
    type('field-email', 'not-an-email');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入有效的电子邮箱')).toBeTruthy();
    expect(calls.some((c) => c.path === 'auth/login/')).toBe(false);
  });

  it('logs in, goes where the user was heading and keeps the elder mode chosen on the login page', async () => {
    const me = makeMe();
    const { calls } = mockApi({
      'POST auth/login/': () => ({ body: me }),
      'PATCH auth/me/': (req) => ({ body: { ...me, ...(req.body as object) } }),
      'GET users/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
    });
    const { router } = renderApp('/login?next=%2Fusers');
    await screen.findByTestId('field-email');
    fireEvent.click(screen.getByTestId('elder-toggle'));
    expect(document.documentElement.style.fontSize).toBe('150%');
    type('field-email', ' admin@example.com ');
    type('field-password', 'secret-pass');
    fireEvent.click(screen.getByTestId('login-submit'));

    await waitFor(() => expect(router.state.location.pathname).toBe('/users'));
    expect(calls.find((c) => c.path === 'auth/login/')?.body).toEqual({
      email: 'admin@example.com',
      password: 'secret-pass',
    });
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ elder_mode: true });
    expect(document.documentElement.style.fontSize).toBe('150%');
  });

  it("takes the user's stored language and elder mode at login, also after a logout", async () => {
    const me = makeMe({ language: 'en', elder_mode: true });
    mockApi({
      'POST auth/login/': () => ({ body: me }),
      'POST auth/logout/': () => ({ status: 204 }),
    });
    renderApp('/login');
    for (let round = 0; round < 2; round += 1) {
      await screen.findByTestId('field-email');
      type('field-email', 'admin@example.com');
      type('field-password', 'secret-pass');
      fireEvent.click(screen.getByTestId('login-submit'));
      expect(await screen.findByText('Modules')).toBeTruthy();
      expect(document.documentElement.style.fontSize).toBe('150%');
      // someone else on this device: logged out, zh and normal text again
      fireEvent.click(screen.getByTestId('elder-toggle'));
      fireEvent.click(screen.getByTestId('lang-switch'));
      fireEvent.click(screen.getByTestId('logout'));
      await screen.findByTestId('login-submit');
    }
  });

  it('never redirects off-site after login', async () => {
    mockApi({ 'POST auth/login/': () => ({ body: makeMe() }) });
    const { router } = renderApp('/login?next=%2F%2Fevil.example');
    await screen.findByTestId('field-email');
    type('field-email', 'admin@example.com');
    type('field-password', 'secret-pass');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});

describe('preferences', () => {
  it('switches language and elder mode, remembers both, and saves them on the user', async () => {
    const me = makeMe();
    const { calls } = mockApi({ 'PATCH auth/me/': (req) => ({ body: { ...me, ...(req.body as object) } }) });
    renderApp('/', { me });
    expect(await screen.findByText('功能模块')).toBeTruthy();

    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Modules')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('linli.locale')).toBe('en');

    fireEvent.click(screen.getByTestId('elder-toggle'));
    expect(document.documentElement.style.fontSize).toBe('150%');
    expect(screen.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(window.localStorage.getItem('linli.elderMode')).toBe('true');

    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ language: 'en' }, { elder_mode: true }]),
    );
  });

  it("takes the logged-in user's stored preferences", async () => {
    mockApi({});
    renderApp('/', { me: makeMe({ language: 'en', elder_mode: true }) });
    expect(await screen.findByText('Modules')).toBeTruthy();
    expect(document.documentElement.style.fontSize).toBe('150%');
  });
});

describe('invitation', () => {
  const info = {
    email: 'boss@sunshine.test',
    full_name: '李管理员',
    role: 'firm_admin',
    firm_name: '阳光物业',
    expires_at: '2026-11-28T04:00:00Z',
  };

  it('shows who invites whom, then logs the new user in and lands on the home page', async () => {
    const me = makeMe({ email: info.email, full_name: '李管理员' });
    const { calls } = mockApi({
      'GET auth/invitations/tok-123/': () => ({ body: info }),
      'POST auth/invitations/tok-123/accept/': () => ({ body: me }),
    });
    const { router } = renderApp('/invite/tok-123');
    expect((await screen.findByTestId('invite-email')).textContent).toBe(info.email);
    expect(screen.getByTestId('invite-firm').textContent).toContain('阳光物业');
    expect((screen.getByTestId('field-full_name') as HTMLInputElement).value).toBe('李管理员');

    type('field-password', 'Xin-Mima#2026');
    type('field-password_confirm', 'Xin-Mima#2027');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();

    type('field-password_confirm', 'Xin-Mima#2026');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect((await screen.findByTestId('current-user')).textContent).toContain(info.email);
    expect(router.state.location.pathname).toBe('/');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ full_name: '李管理员', password: 'Xin-Mima#2026' });
  });

  it('shows the server password rules under the field', async () => {
    mockApi({
      'GET auth/invitations/tok-123/': () => ({ body: info }),
      'POST auth/invitations/tok-123/accept/': () => ({
        status: 400,
        body: { code: 'invalid', detail: '请检查填写的内容。', fields: { password: ['这个密码太常见了。'] } },
      }),
    });
    renderApp('/invite/tok-123');
    await screen.findByTestId('invite-email');
    type('field-password', 'password123');
    type('field-password_confirm', 'password123');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText('这个密码太常见了。')).toBeTruthy();
  });

  it('explains an invalid or used invitation', async () => {
    mockApi({ 'GET auth/invitations/old/': () => ({ status: 404, body: { code: 'not_found', detail: 'x', fields: {} } }) });
    renderApp('/invite/old');
    expect(await screen.findByTestId('invite-invalid')).toBeTruthy();
  });
});

describe('password reset', () => {
  it('confirms with uid and token from the link', async () => {
    const { calls } = mockApi({ 'POST auth/password-reset/confirm/': () => ({ status: 204 }) });
    renderApp('/reset-password/MQ/abc-123');
    await screen.findByTestId('field-password');
    type('field-password', 'Xin-Mima#2026');
    type('field-password_confirm', 'Xin-Mima#2026');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('reset-done')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ uid: 'MQ', token: 'abc-123', password: 'Xin-Mima#2026' });
  });

  it('says when the link is bad', async () => {
    mockApi({
      'POST auth/password-reset/confirm/': () => ({
        status: 400,
        body: { code: 'invalid', detail: 'x', fields: { token: ['Invalid token.'] } },
      }),
    });
    renderApp('/reset-password/MQ/bad');
    await screen.findByTestId('field-password');
    type('field-password', 'Xin-Mima#2026');
    type('field-password_confirm', 'Xin-Mima#2026');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText('重设链接无效或已过期，请重新申请。')).toBeTruthy();
  });

  it('always reports the reset e-mail as sent', async () => {
    const { calls } = mockApi({ 'POST auth/password-reset/': () => ({ status: 204 }) });
    renderApp('/forgot-password');
    await screen.findByTestId('field-email');
    type('field-email', 'who@ever.test');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    expect(await screen.findByTestId('reset-requested')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'who@ever.test' });
  });
});

describe('logout', () => {
  it('ends the session and returns to the login page', async () => {
    const { calls } = mockApi({ 'POST auth/logout/': () => ({ status: 204 }) });
    const { router } = renderApp('/', { me: makeMe() });
    fireEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(calls.some((c) => c.method === 'POST' && c.path === 'auth/logout/')).toBe(true);
  });
});
