import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/utils';
import { joinInfo } from './testData';

/** Opens an antd Select (found by its test id) and picks the option with this text. */
async function choose(testId: string, text: string) {
  const combobox = within(screen.getByTestId(testId)).getByRole('combobox') as HTMLInputElement;
  await waitFor(() => expect(combobox.disabled).toBe(false));
  fireEvent.mouseDown(combobox);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find((el) => el.textContent === text);
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

describe('the join page (no login)', () => {
  it('sends a claim for a unit and thanks the resident', async () => {
    const { calls } = mockApi({
      'GET join/k3Jd9aQ2/': () => ({ body: joinInfo }),
      'POST join/k3Jd9aQ2/': () => ({ status: 201 }),
    });
    renderApp('/join/k3Jd9aQ2', { me: null });
    expect((await screen.findByTestId('join-estate-name')).textContent).toBe('阳光花园');
    expect(screen.getByText('申请入住认证')).toBeTruthy();

    await choose('field-building', '1');
    await choose('field-unit', '102');
    fireEvent.change(screen.getByTestId('field-full_name'), { target: { value: '刘阿姨' } });
    fireEvent.change(screen.getByTestId('field-phone'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByTestId('field-email'), { target: { value: ' liu@example.com ' } });
    fireEvent.click(within(screen.getByTestId('field-relation')).getByText('租户'));
    fireEvent.click(screen.getByTestId('join-submit'));

    expect(await screen.findByTestId('join-done')).toBeTruthy();
    expect(screen.getByText('申请已提交')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      unit: 102,
      full_name: '刘阿姨',
      phone: '13800138000',
      email: 'liu@example.com',
      relation: 'tenant',
    });
  });

  it('asks for the missing answers before sending anything', async () => {
    const { calls } = mockApi({ 'GET join/k3Jd9aQ2/': () => ({ body: joinInfo }) });
    renderApp('/join/k3Jd9aQ2', { me: null });
    fireEvent.click(await screen.findByTestId('join-submit'));
    expect(await screen.findByText('请选择楼栋')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says plainly when the QR code is not valid', async () => {
    mockApi({
      'GET join/old-code/': () => ({
        status: 404,
        body: { code: 'join_code_invalid', detail: '二维码无效。 This join code is not valid.' },
      }),
    });
    renderApp('/join/old-code', { me: null });
    expect(await screen.findByTestId('join-invalid')).toBeTruthy();
    expect(screen.getByText('二维码无效')).toBeTruthy();
    expect(screen.queryByTestId('join-submit')).toBeNull();
  });
});
