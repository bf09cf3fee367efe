import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Firm } from '../../api/types';
import { makeMe, mockApi, publicSite, renderApp } from '../../test/utils';

const platformAdmin = makeMe({
  email: 'root@linli.test',
  capabilities: ['platform.firms.manage'],
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  host_kind: 'public',
});

const shown = (testId: string) => !screen.getByTestId(testId).closest('[hidden]');

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function firm(overrides: Partial<Firm> = {}): Firm {
  return {
    id: 7,
    name: '阳光物业',
    slug: 'sunshine',
    schema_name: 'firm_sunshine',
    contact_name: '王经理',
    contact_email: 'wang@sunshine.test',
    contact_phone: '13912345678',
    status: 'active',
    provisioning_status: 'pending',
    provisioning_error: '',
    domain: 'sunshine.localhost',
    url: 'http://sunshine.localhost:8000/',
    admin_email: 'boss@sunshine.test',
    created_at: '2026-11-21T04:00:00Z',
    ...overrides,
  };
}

function openWizard(handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi(handlers);
  renderApp('/platform/firms/new', { site: publicSite, me: platformAdmin });
  return api;
}

describe('the new-firm wizard', () => {
  it('checks the slug format before asking the server', async () => {
    const { calls } = openWizard();
    await screen.findByTestId('field-name');
    type('field-name', '阳光物业');

    type('field-slug', '1abc');
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText('必须以小写字母开头')).toBeTruthy();

    type('field-slug', 'abc-');
    expect(await screen.findByText('不能以连字符结尾')).toBeTruthy();

    type('field-slug', 'ab');
    expect(await screen.findByText('子域名长度需为 3–40 位')).toBeTruthy();

    type('field-slug', 'ab_c');
    expect(await screen.findByText('只能包含小写字母、数字和连字符')).toBeTruthy();

    type('field-slug', 'admin');
    expect(await screen.findByText('「admin」为系统保留名称，请换一个')).toBeTruthy();

    fireEvent.click(screen.getByTestId('wizard-next'));
    // longer than the availability check's debounce: it must still not have asked
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(shown('field-slug')).toBe(true);
    expect(shown('field-contact_name')).toBe(false);
    expect(calls.filter((c) => c.path.includes('slug-availability'))).toEqual([]);
  });

  it('previews the address and lower-cases what is typed', async () => {
    openWizard({
      'GET platform/firms/slug-availability/': (req) => ({
        body: { slug: req.query.get('slug'), available: true, reason: '' },
      }),
    });
    await screen.findByTestId('field-slug');
    type('field-slug', 'SunShine');
    expect((screen.getByTestId('field-slug') as HTMLInputElement).value).toBe('sunshine');
    await waitFor(() => expect(screen.getByTestId('slug-preview').textContent).toContain('sunshine.localhost:8000'));
    await waitFor(() => expect(screen.getByTestId('slug-availability').dataset.available).toBe('true'));
  });

  it('stops on a slug the server says is taken', async () => {
    openWizard({
      'GET platform/firms/slug-availability/': () => ({
        body: { slug: 'sunshine', available: false, reason: '已被其他公司使用' },
      }),
    });
    await screen.findByTestId('field-name');
    type('field-name', '阳光物业');
    type('field-slug', 'sunshine');
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect((await screen.findAllByText('不可用：已被其他公司使用')).length).toBeGreaterThan(0);
    expect(shown('field-contact_name')).toBe(false);
  });

  it('creates the firm, then follows provisioning until ready', async () => {
    let polls = 0;
    const { calls } = openWizard({
      'GET platform/firms/slug-availability/': () => ({ body: { slug: 'sunshine', available: true, reason: '' } }),
      'POST platform/firms/': () => ({ status: 202, body: firm() }),
      'GET platform/firms/7/': () => {
        polls += 1;
        return { body: firm({ provisioning_status: polls > 1 ? 'ready' : 'pending' }) };
      },
    });
    await screen.findByTestId('field-name');
    type('field-name', '阳光物业');
    type('field-slug', 'sunshine');
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(shown('field-contact_name')).toBe(true));

    type('field-contact_name', '王经理');
    type('field-contact_email', 'wang@sunshine.test');
    type('field-contact_phone', '13912345678');
    type('field-admin_name', '李管理员');
    type('field-admin_email', 'boss@sunshine.test');
    fireEvent.click(screen.getByTestId('wizard-next'));

    const review = await screen.findByTestId('wizard-review');
    expect(review.textContent).toContain('sunshine.localhost:8000');
    expect(review.textContent).toContain('boss@sunshine.test');
    fireEvent.click(screen.getByTestId('wizard-submit'));

    const panel = await screen.findByTestId('provisioning-status');
    expect(panel.dataset.status).toBe('pending');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: '阳光物业',
      slug: 'sunshine',
      contact_name: '王经理',
      contact_email: 'wang@sunshine.test',
      contact_phone: '13912345678',
      admin_name: '李管理员',
      admin_email: 'boss@sunshine.test',
    });

    await waitFor(() => expect(screen.getByTestId('provisioning-status').dataset.status).toBe('ready'), {
      timeout: 5000,
    });
    const link = screen.getByTestId('firm-url') as HTMLAnchorElement;
    expect(link.href).toBe('http://sunshine.localhost:8000/');
  });

  it('shows the error when provisioning fails', async () => {
    openWizard({
      'GET platform/firms/slug-availability/': () => ({ body: { slug: 'sunshine', available: true, reason: '' } }),
      'POST platform/firms/': () => ({
        status: 202,
        body: firm({ provisioning_status: 'failed', provisioning_error: 'migrate failed: boom' }),
      }),
    });
    await screen.findByTestId('field-name');
    type('field-name', '阳光物业');
    type('field-slug', 'sunshine');
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(shown('field-contact_name')).toBe(true));
    type('field-contact_name', '王经理');
    type('field-admin_name', '李管理员');
    type('field-admin_email', 'boss@sunshine.test');
    fireEvent.click(screen.getByTestId('wizard-next'));
    fireEvent.click(await screen.findByTestId('wizard-submit'));

    const panel = await screen.findByTestId('provisioning-status');
    expect(panel.dataset.status).toBe('failed');
    expect(screen.getByTestId('provisioning-error').textContent).toContain('migrate failed: boom');
    expect(screen.queryByTestId('firm-url')).toBeNull();
  });

  it('puts server field errors back on their step', async () => {
    openWizard({
      'GET platform/firms/slug-availability/': () => ({ body: { slug: 'sunshine', available: true, reason: '' } }),
      'POST platform/firms/': () => ({
        status: 400,
        body: { code: 'invalid', detail: '请检查填写的内容。', fields: { admin_email: ['该邮箱已有账号。'] } },
      }),
    });
    await screen.findByTestId('field-name');
    type('field-name', '阳光物业');
    type('field-slug', 'sunshine');
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(shown('field-contact_name')).toBe(true));
    type('field-contact_name', '王经理');
    type('field-admin_name', '李管理员');
    type('field-admin_email', 'boss@sunshine.test');
    fireEvent.click(screen.getByTestId('wizard-next'));
    fireEvent.click(await screen.findByTestId('wizard-submit'));

    expect(await screen.findByText('该邮箱已有账号。')).toBeTruthy();
    expect(shown('field-admin_email')).toBe(true);
    expect(screen.queryByTestId('provisioning-status')).toBeNull();
  });
});
