import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMe, mockApi, publicSite, renderApp } from '../../test/utils';
import { redirect } from './api';
import type { BillingSummary, PlatformAccount } from './types';

const admin = makeMe({ capabilities: ['users.view', 'users.manage', 'firm.settings', 'billing.manage'] });
const platformAdmin = makeMe({
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  capabilities: ['platform.firms.manage', 'platform.billing.manage'],
  host_kind: 'public',
});

function summary(overrides: Partial<BillingSummary> = {}): BillingSummary {
  return {
    status: 'none',
    standing: { status: 'none', banner: false, locked: false, grace_ends_at: null },
    plan: '',
    collection_method: 'charge_automatically',
    days_until_due: null,
    trial_ends_at: '2026-12-30T00:00:00Z',
    current_period_end: null,
    cancel_at_period_end: false,
    has_customer: false,
    units_counted: 1234,
    units_counted_at: '2026-12-01T02:00:00Z',
    quantity_sent: null,
    quantity_sent_at: null,
    next_invoice_estimate: null,
    currency: 'cny',
    prices: [
      { lookup_key: 'linli_units_monthly', interval: 'month', currency: 'cny', tiers: [] },
      { lookup_key: 'linli_units_yearly', interval: 'year', currency: 'cny', tiers: [] },
    ],
    invoicing: {
      fapiao_title: '阳光物业有限公司',
      fapiao_tax_id: '',
      fapiao_address: '',
      fapiao_phone: '',
      fapiao_bank: '',
      fapiao_bank_account: '',
      fapiao_email: '',
    },
    ...overrides,
  } as BillingSummary;
}

const noInvoices = () => ({ body: { count: 0, next: null, previous: null, results: [] } });

afterEach(() => vi.restoreAllMocks());

describe('the firm billing page', () => {
  it('shows the trial, the units counted and starts Checkout for the chosen price', async () => {
    const go = vi.spyOn(redirect, 'to').mockImplementation(() => undefined);
    const { calls } = mockApi({
      'GET billing/': () => ({ body: summary() }),
      'GET billing/invoices/': noInvoices,
      'POST billing/checkout/': () => ({ body: { url: 'https://checkout.stripe.com/c/pay/cs_1' } }),
    });
    renderApp('/billing', { me: admin });

    expect((await screen.findByTestId('billing-status')).textContent).toBe('未订阅');
    expect(screen.getByTestId('billing-units').textContent).toContain('1,234 套');
    expect(screen.getByTestId('billing-quantity').textContent).toBe('尚未同步到订阅');
    expect(screen.queryByTestId('billing-portal')).toBeNull();

    fireEvent.click(screen.getByTestId('billing-subscribe-year'));

    await waitFor(() => expect(go).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_1'));
    expect(calls.find((c) => c.path === 'billing/checkout/')?.body).toEqual({ price: 'linli_units_yearly' });
  });

  it('for a subscriber shows the plan, the quantity billed, invoices with PDF links and the portal', async () => {
    const go = vi.spyOn(redirect, 'to').mockImplementation(() => undefined);
    mockApi({
      'GET billing/': () => ({
        body: summary({
          status: 'active',
          standing: { status: 'active', banner: false, locked: false, grace_ends_at: null },
          plan: 'linli_units_monthly',
          has_customer: true,
          quantity_sent: 1234,
          quantity_sent_at: '2026-12-01T02:00:00Z',
          next_invoice_estimate: 123400,
        }),
      }),
      'GET billing/invoices/': () => ({
        body: {
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: 7,
              number: 'LINLI-0007',
              status: 'paid',
              collection_method: 'charge_automatically',
              currency: 'cny',
              amount_due: 123400,
              amount_paid: 123400,
              amount_remaining: 0,
              hosted_invoice_url: 'https://invoice.stripe.com/i/1',
              invoice_pdf: 'https://pay.stripe.com/invoice/1/pdf',
              due_date: null,
              period_start: null,
              period_end: null,
              paid_out_of_band: true,
              stripe_created: '2026-12-01T00:00:00Z',
            },
          ],
        },
      }),
      'POST billing/portal/': () => ({ body: { url: 'https://billing.stripe.com/p/session/1' } }),
    });
    renderApp('/billing', { me: admin });

    expect((await screen.findByTestId('billing-status')).textContent).toBe('正常');
    expect(screen.getByTestId('billing-plan').textContent).toBe('按月，每套房屋');
    expect(screen.getByTestId('billing-quantity').textContent).toContain('已按 1,234 套计费');
    expect(screen.getByTestId('billing-estimate').textContent).toBe('¥1,234.00');
    expect(screen.queryByTestId('billing-subscribe-month')).toBeNull();
    const pdf = await screen.findByTestId('billing-invoice-pdf-7');
    expect(pdf.getAttribute('href')).toBe('https://pay.stripe.com/invoice/1/pdf');
    expect(within(screen.getByTestId('billing-invoices')).getByText('线下已付')).toBeTruthy();

    fireEvent.click(screen.getByTestId('billing-portal'));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://billing.stripe.com/p/session/1'));
  });

  it('saves the invoicing details for the fapiao and shows field errors', async () => {
    const { calls } = mockApi({
      'GET billing/': () => ({ body: summary() }),
      'GET billing/invoices/': noInvoices,
      'PATCH billing/invoicing/': () => ({
        status: 400,
        body: { code: 'invalid', detail: '请检查填写的内容。', fields: { fapiao_tax_id: ['格式不正确。'] } },
      }),
    });
    renderApp('/billing', { me: admin });

    const taxId = await screen.findByTestId('field-fapiao_tax_id');
    expect((screen.getByTestId('field-fapiao_title') as HTMLInputElement).value).toBe('阳光物业有限公司');
    fireEvent.change(taxId, { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('billing-invoicing-save'));

    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ fapiao_tax_id: 'abc' });
    expect(await screen.findByText('格式不正确。')).toBeTruthy();
  });

  it('shows the lapse banner with a link to pay', async () => {
    mockApi({
      'GET billing/': () => ({
        body: summary({ status: 'unpaid', standing: { status: 'unpaid', banner: true, locked: true, grace_ends_at: null } }),
      }),
      'GET billing/invoices/': noInvoices,
    });
    renderApp('/', { me: admin });

    const banner = await screen.findByTestId('billing-banner');
    expect(banner.dataset.locked).toBe('true');
    expect(banner.textContent).toContain('管理功能暂为只读');
  });

  it('shows no banner and asks nothing for someone who does not manage billing', async () => {
    const { calls } = mockApi({});
    renderApp('/', { me: makeMe({ capabilities: ['users.view'] }) });
    await screen.findByTestId('site-title');
    expect(screen.queryByTestId('billing-banner')).toBeNull();
    expect(calls.some((c) => c.path === 'billing/')).toBe(false);
  });
});

function account(overrides: Partial<PlatformAccount> = {}): PlatformAccount {
  return {
    id: 3,
    firm_name: '阳光物业',
    firm_slug: 'sunshine',
    firm_status: 'active',
    status: 'active',
    locked: false,
    price_lookup_key: 'linli_units_monthly',
    collection_method: 'send_invoice',
    days_until_due: 30,
    trial_ends_at: null,
    current_period_end: null,
    past_due_since: null,
    extended_until: null,
    units_counted: 1200,
    quantity_sent: 1200,
    quantity_sent_at: null,
    monthly_amount: 120000,
    currency: 'cny',
    open_invoices: [
      {
        id: 41,
        number: 'LINLI-0041',
        status: 'open',
        collection_method: 'send_invoice',
        currency: 'cny',
        amount_due: 120000,
        amount_paid: 0,
        amount_remaining: 120000,
        hosted_invoice_url: '',
        invoice_pdf: '',
        due_date: '2026-12-31T00:00:00Z',
        period_start: null,
        period_end: null,
        paid_out_of_band: false,
        stripe_created: null,
      },
    ],
    fapiao_title: '',
    fapiao_tax_id: '',
    ...overrides,
  } as PlatformAccount;
}

describe('the platform billing console', () => {
  it('lists every firm with the totals and records a bank transfer against an open invoice', async () => {
    const { calls } = mockApi({
      'GET platform/billing/accounts/': () => ({ body: { count: 1, next: null, previous: null, results: [account()] } }),
      'GET platform/billing/accounts/totals/': () => ({
        body: { monthly_recurring_revenue: 120000, trials_ending_soon: 2, past_due: 1, locked: 0 },
      }),
      'POST platform/billing/invoices/41/paid-out-of-band/': () => ({ body: account().open_invoices[0] }),
    });
    renderApp('/platform/billing', { site: publicSite, me: platformAdmin });

    expect((await screen.findByTestId('billing-account-status-3')).textContent).toBe('正常');
    await waitFor(() => expect(screen.getByTestId('billing-mrr').textContent).toContain('¥1,200.00'));
    expect(screen.getByTestId('billing-accounts').textContent).toContain('银行转账（30 天内付款）');

    fireEvent.click(screen.getByTestId('billing-record-41'));
    fireEvent.change(await screen.findByTestId('field-reference'), { target: { value: 'ICBC-001' } });
    fireEvent.click(screen.getByTestId('billing-dialog-ok'));

    await waitFor(() =>
      expect(calls.find((c) => c.path === 'platform/billing/invoices/41/paid-out-of-band/')?.body).toEqual({
        reference: 'ICBC-001',
        note: '',
      }),
    );
  });

  it('switches a firm to bank transfer with the days until due', async () => {
    const { calls } = mockApi({
      'GET platform/billing/accounts/': () => ({
        body: {
          count: 1,
          next: null,
          previous: null,
          results: [account({ collection_method: 'charge_automatically', open_invoices: [] })],
        },
      }),
      'GET platform/billing/accounts/totals/': () => ({
        body: { monthly_recurring_revenue: 0, trials_ending_soon: 0, past_due: 0, locked: 0 },
      }),
      'POST platform/billing/accounts/3/collection/': () => ({ body: account() }),
    });
    renderApp('/platform/billing', { site: publicSite, me: platformAdmin });

    fireEvent.click(await screen.findByTestId('billing-invoice-3'));
    const days = await screen.findByTestId('field-days_until_due');
    fireEvent.change(days, { target: { value: '45' } });
    fireEvent.click(screen.getByTestId('billing-dialog-ok'));

    await waitFor(() =>
      expect(calls.find((c) => c.path === 'platform/billing/accounts/3/collection/')?.body).toEqual({
        collection_method: 'send_invoice',
        days_until_due: 45,
        price: 'linli_units_monthly',
      }),
    );
  });
});
