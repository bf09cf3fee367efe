import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function openSmsTab() {
  fireEvent.click(await screen.findByTestId('login-tab-sms'));
  await screen.findByTestId('field-phone');
}

describe('SMS login', () => {
  it('sends a code, counts down 60 s before the next one, and signs in with phone and code', async () => {
    const me = makeMe();
    const { calls } = mockApi({
      'POST auth/sms/code/': () => ({ status: 204 }),
      'POST auth/sms/login/': () => ({ body: me }),
      'GET users/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
    });
    const { router } = renderApp('/login?next=%2Fusers');
    await openSmsTab();
    type('field-phone', ' 138 0013 8000 ');
    fireEvent.click(screen.getByTestId('sms-send'));
    await waitFor(() => expect(screen.getByTestId('sms-send').textContent).toMatch(/^\d+ 秒后重发$/));
    expect((screen.getByTestId('sms-send') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('如该手机号已登记，验证码已发送，5 分钟内有效')).toBeTruthy();
    expect(calls.find((c) => c.path === 'auth/sms/code/')?.body).toEqual({ phone: '138 0013 8000' });

    type('field-sms-code', '042917');
    fireEvent.click(screen.getByTestId('sms-login-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/users'));
    expect(calls.find((c) => c.path === 'auth/sms/login/')?.body).toEqual({ phone: '138 0013 8000', code: '042917' });
  });

  it('checks the phone number before asking for a code', async () => {
    const { calls } = mockApi({});
    renderApp('/login');
    await openSmsTab();
    type('field-phone', '12345');
    fireEvent.click(screen.getByTestId('sms-send'));
    expect(await screen.findByText('请输入有效的手机号码')).toBeTruthy();
    expect(calls.some((c) => c.path === 'auth/sms/code/')).toBe(false);
  });

  it('says so when the code is wrong or used up', async () => {
    mockApi({
      'POST auth/sms/login/': () => ({
        status: 400,
        body: { code: 'sms_code_invalid', detail: 'x', fields: {} },
      }),
    });
    renderApp('/login');
    await openSmsTab();
    type('field-phone', '13800138000');
    type('field-sms-code', '000000');
    fireEvent.click(screen.getByTestId('sms-login-submit'));
    expect((await screen.findByTestId('sms-form-error')).textContent).toContain('验证码不正确或已失效');
  });

  it('says so when too many codes were asked for', async () => {
    mockApi({ 'POST auth/sms/code/': () => ({ status: 429, body: { code: 'throttled', detail: 'slow', fields: {} } }) });
    renderApp('/login');
    await openSmsTab();
    type('field-phone', '13800138000');
    fireEvent.click(screen.getByTestId('sms-send'));
    expect((await screen.findByTestId('sms-form-error')).textContent).toContain('尝试次数过多');
    expect(screen.getByTestId('sms-send').textContent).toContain('获取验证码');
  });
});
