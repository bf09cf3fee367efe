import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tFor } from '../../i18n';
import { makeMe, mockApi, publicSite, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import { receiptProblem } from './FilingFormPage';
import type { Filing, PlatformFiling, Roster, RosterEvent } from './types';

const chair = makeMe({
  id: 4,
  full_name: '李主任',
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'committee.file', 'committee.resign', 'notifications.view'],
});
const resident = makeMe({
  id: 9,
  roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }],
  capabilities: ['estates.view', 'committee.file', 'notifications.view'],
});
const firmAdmin = makeMe({ capabilities: ['estates.view', 'users.view', 'notifications.view'] });
const platformAdmin = makeMe({
  id: 1,
  email: 'root@linli.test',
  roles: [{ role: 'platform_admin', estate_id: null, unit_id: null }],
  capabilities: ['platform.firms.manage', 'platform.filings.review'],
  host_kind: 'public',
});

function roster(overrides: Partial<Roster> = {}): Roster {
  return {
    estate: 1,
    estate_name: '阳光花园',
    filing: {
      number: '浦东-备-2026-017',
      street_authority: '花木街道办事处',
      housing_authority: '浦东新区住房和城乡建设委员会',
      election_date: '2026-10-01',
      filed_on: '2026-10-20',
      term_start: '2026-10-02',
      term_end: '2031-10-01',
      confirmed_at: '2026-10-25T02:00:00Z',
    },
    seats: [
      {
        id: 5,
        full_name: '李主任',
        position: 'chair',
        position_label: '主任',
        term_start: '2026-10-02',
        term_end: '2031-10-01',
        confirmed: true,
        filing_number: '浦东-备-2026-017',
        ended_on: null,
      },
      {
        id: 6,
        full_name: '王委员',
        position: 'member',
        position_label: '委员',
        term_start: '2026-10-02',
        term_end: '2031-10-01',
        confirmed: true,
        filing_number: '浦东-备-2026-017',
        ended_on: null,
      },
    ],
    filing_pending: false,
    can_file: false,
    filed_as: null,
    can_resign: false,
    ...overrides,
  } as Roster;
}

const events: RosterEvent[] = [
  {
    id: 3,
    kind: 'seated',
    kind_label: '就任',
    member_name: '王委员',
    position: 'member',
    position_label: '委员',
    filing_number: '浦东-备-2026-017',
    term_start: '2026-10-02',
    term_end: '2031-10-01',
    recorded_by: '平台审核',
    at: '2026-10-25T02:00:00Z',
  },
  {
    id: 2,
    kind: 'filing_confirmed',
    kind_label: '备案确认',
    member_name: '',
    position: '',
    position_label: '',
    filing_number: '浦东-备-2026-017',
    term_start: '2026-10-02',
    term_end: '2031-10-01',
    recorded_by: '平台审核',
    at: '2026-10-25T02:00:00Z',
  },
] as RosterEvent[];

function filing(overrides: Partial<PlatformFiling> = {}): PlatformFiling {
  return {
    id: 11,
    estate_id: 1,
    estate_name: '阳光花园',
    number: '浦东-备-2026-017',
    street_authority: '花木街道办事处',
    housing_authority: '浦东新区住房和城乡建设委员会',
    election_date: '2026-10-01',
    filed_on: '2026-10-20',
    term_start: '2026-10-02',
    term_end: '2031-10-01',
    members: [
      { full_name: '李主任', email: 'li@owners.test', position: 'chair' },
      { full_name: '王委员', email: 'wang@owners.test', position: 'member' },
    ],
    submitted_by_name: '李主任',
    submitted_as: 'chair',
    status: 'pending',
    status_label: '待审核',
    reason: '',
    filed_late: false,
    created_at: '2026-10-21T02:00:00Z',
    reviewed_at: null,
    firm_name: '阳光物业',
    firm_slug: 'sunshine',
    reviewed_by_name: '',
    receipt_type: 'image/png',
    receipt_url: '/api/v1/platform/filings/11/receipt/',
    ...overrides,
  } as PlatformFiling;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
  'GET committee/rosters/1/history/': () => page(events),
};

describe('the roster page', () => {
  it('shows a resident the committee, its filing and the public history, with nothing to change', async () => {
    mockApi({ ...common, 'GET committee/rosters/1/': () => ({ body: roster() }) });
    renderApp('/committee', { me: resident });
    const seats = await screen.findByTestId('committee-seats');
    expect(within(seats).getByText('李主任')).toBeTruthy();
    expect(within(seats).getByText('委员')).toBeTruthy();
    expect(screen.getByTestId('committee-filing').textContent).toContain('花木街道办事处');
    const history = await screen.findByTestId('committee-history');
    await waitFor(() => expect(within(history).getByText('备案确认')).toBeTruthy());
    expect(within(history).getByText('王委员 · 委员')).toBeTruthy();
    expect(screen.queryByTestId('resign-5')).toBeNull();
    expect(screen.queryByTestId('filing-new')).toBeNull();
    expect(screen.getByTestId('committee-read-only')).toBeTruthy();
  });

  it('gives the firm admin the same read-only roster', async () => {
    mockApi({ ...common, 'GET committee/rosters/1/': () => ({ body: roster() }) });
    renderApp('/committee', { me: firmAdmin });
    expect(await screen.findByTestId('committee-seats')).toBeTruthy();
    expect(screen.queryByTestId('resign-6')).toBeNull();
    expect(screen.queryByTestId('filing-new')).toBeNull();
  });

  it('lets the chair record a resignation and start the next filing', async () => {
    let resigned = false;
    const { calls } = mockApi({
      ...common,
      'GET committee/rosters/1/': () => ({
        body: roster({
          can_resign: true,
          can_file: true,
          filed_as: 'chair',
          seats: resigned ? roster().seats.slice(0, 1) : roster().seats,
        }),
      }),
      'POST committee/seats/6/resign/': () => {
        resigned = true;
        return { body: { ...roster().seats[1], ended_on: '2026-12-03' } };
      },
    });
    const { router } = renderApp('/committee', { me: chair });
    fireEvent.click(await screen.findByTestId('resign-6'));
    fireEvent.click(await screen.findByTestId('resign-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'committee/seats/6/resign/')).toBe(true));
    expect(await screen.findByText('已登记辞职')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('王委员')).toBeNull());
    fireEvent.click(screen.getByTestId('filing-new'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/committee/filings/new'));
    expect(router.state.location.search).toBe('?estate=1');
  });

  it('tells an owner of an estate without a chair that they may file first', async () => {
    mockApi({
      ...common,
      'GET committee/rosters/1/': () => ({ body: roster({ filing: null, seats: [], can_file: true, filed_as: 'owner' }) }),
    });
    renderApp('/committee', { me: resident });
    expect(await screen.findByText('本小区还没有现任主任：作为业主，您可以提交首次备案。')).toBeTruthy();
    expect(screen.getByTestId('committee-no-filing')).toBeTruthy();
    expect(screen.getByTestId('filing-new')).toBeTruthy();
  });

  it('says when a filing waits for the platform, and offers no second one', async () => {
    mockApi({
      ...common,
      'GET committee/rosters/1/': () => ({ body: roster({ can_file: true, can_resign: true, filing_pending: true }) }),
    });
    renderApp('/committee', { me: chair });
    expect(await screen.findByTestId('committee-pending')).toBeTruthy();
    expect(screen.queryByTestId('filing-new')).toBeNull();
  });
});

describe('the filing form', () => {
  function fill(label: string, value: string) {
    fireEvent.change(screen.getByTestId(label), { target: { value } });
  }

  it('sends the filing with its members and the receipt, then shows my filings', async () => {
    const mine: Filing[] = [];
    const { fetchMock } = mockApi({
      ...common,
      'GET committee/rosters/1/': () => ({ body: roster({ can_file: true, filed_as: 'chair', can_resign: true }) }),
      'POST committee/filings/': () => {
        const sent = filing({ id: 12 }) as Filing;
        mine.push(sent);
        return { status: 201, body: sent };
      },
      'GET committee/filings/': () => page(mine),
    });
    const { router } = renderApp('/committee/filings/new?estate=1', { me: chair });
    await screen.findByTestId('field-number');
    fill('field-number', '浦东-备-2026-017');
    fill('field-street_authority', '花木街道办事处');
    fill('field-housing_authority', '浦东新区住房和城乡建设委员会');
    fill('field-election_date', '2026-10-01');
    fill('field-filed_on', '2026-10-20');
    fill('field-term_start', '2026-10-02');
    fill('field-term_end', '2031-10-01');
    fill('field-members-0-full_name', '李主任');
    fill('field-members-0-email', 'li@owners.test');
    fireEvent.click(screen.getByTestId('member-add'));
    fill('field-members-1-full_name', '王委员');
    fill('field-members-1-email', 'wang@owners.test');
    // no receipt yet: nothing is sent
    fireEvent.click(screen.getByTestId('filing-submit'));
    expect(await screen.findByText('请上传备案回执')).toBeTruthy();
    const scan = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'receipt.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('field-receipt'), { target: { files: [scan] } });
    fireEvent.click(screen.getByTestId('filing-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/committee/filings'));
    const post = fetchMock.mock.calls.find(
      ([url, init]) => String(url).includes('committee/filings/') && init?.method === 'POST',
    );
    const body = post?.[1]?.body as FormData;
    expect(body.get('estate')).toBe('1');
    expect(body.get('number')).toBe('浦东-备-2026-017');
    expect(body.get('term_end')).toBe('2031-10-01');
    expect(JSON.parse(String(body.get('members')))).toEqual([
      { full_name: '李主任', email: 'li@owners.test', position: 'chair' },
      { full_name: '王委员', email: 'wang@owners.test', position: 'member' },
    ]);
    expect((body.get('receipt') as File).name).toBe('receipt.png');
    expect(await screen.findByText('待审核')).toBeTruthy();
  });

  it('keeps a resident who may not file from sending', async () => {
    mockApi({ ...common, 'GET committee/rosters/1/': () => ({ body: roster() }) });
    renderApp('/committee/filings/new?estate=1', { me: resident });
    expect(await screen.findByTestId('filing-blocked')).toBeTruthy();
    expect((screen.getByTestId('filing-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a receipt of the wrong kind or size before upload', () => {
    expect(receiptProblem(new File(['x'], 'scan.pdf', { type: 'application/pdf' }))).toBeNull();
    expect(receiptProblem(new File(['x'], 'scan.docx', { type: 'application/msword' }))).toBe('committee.form.receiptType');
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' });
    expect(receiptProblem(big)).toBe('committee.form.receiptTooBig');
  });
});

describe('my filings', () => {
  it('lists my filings with the platform reason for a rejection', async () => {
    mockApi({
      ...common,
      'GET committee/filings/': () =>
        page([filing({ id: 13, status: 'rejected', status_label: '已驳回', reason: '回执不清晰，请重新扫描。' }) as Filing]),
    });
    renderApp('/committee/filings', { me: chair });
    expect(await screen.findByText('驳回理由：回执不清晰，请重新扫描。')).toBeTruthy();
    expect(screen.getByText('已驳回')).toBeTruthy();
    expect(screen.getByText('2 位成员')).toBeTruthy();
  });
});

describe('the platform review queue', () => {
  it('lists the pending filings and opens one with its receipt', async () => {
    const { calls } = mockApi({
      'GET platform/filings/': () => page([filing()]),
      'GET platform/filings/11/': () => ({ body: filing() }),
    });
    const { router } = renderApp('/platform/filings', { site: publicSite, me: platformAdmin });
    fireEvent.click(await screen.findByTestId('filing-open-11'));
    expect(calls.find((c) => c.path === 'platform/filings/')?.query.get('status')).toBe('pending');
    await waitFor(() => expect(router.state.location.pathname).toBe('/platform/filings/11'));
    const image = (await screen.findByTestId('receipt-image')) as HTMLImageElement;
    expect(image.getAttribute('src')).toBe('/api/v1/platform/filings/11/receipt/');
    expect(screen.getByTestId('review-members').textContent).toContain('wang@owners.test');
  });

  it('links a PDF receipt and confirms the filing', async () => {
    let status: 'pending' | 'confirmed' = 'pending';
    const { calls } = mockApi({
      'GET platform/filings/': () => page([filing()]),
      'GET platform/filings/11/': () => ({ body: filing({ status, receipt_type: 'application/pdf' }) }),
      'POST platform/filings/11/confirm/': () => {
        status = 'confirmed';
        return {
          body: filing({ status, status_label: '已确认', reviewed_by_name: 'Root', reviewed_at: '2026-12-03T02:00:00Z' }),
        };
      },
    });
    renderApp('/platform/filings/11', { site: publicSite, me: platformAdmin });
    expect((await screen.findByTestId('receipt-link')).textContent).toBe('打开回执 PDF');
    fireEvent.click(screen.getByTestId('filing-confirm'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'platform/filings/11/confirm/')).toBe(true));
    expect(await screen.findByText('备案已确认，成员已就任')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('filing-confirm')).toBeNull());
  });

  it('rejects only with a reason, which it sends', async () => {
    const { calls } = mockApi({
      'GET platform/filings/11/': () => ({ body: filing() }),
      'POST platform/filings/11/reject/': (req) => ({
        body: filing({ status: 'rejected', reason: (req.body as { reason: string }).reason }),
      }),
    });
    renderApp('/platform/filings/11', { site: publicSite, me: platformAdmin });
    fireEvent.click(await screen.findByTestId('filing-reject'));
    fireEvent.click(await screen.findByTestId('reject-save'));
    expect(await screen.findByText('请填写此项')).toBeTruthy();
    expect(calls.some((c) => c.path === 'platform/filings/11/reject/')).toBe(false);
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '回执不清晰' } });
    fireEvent.click(screen.getByTestId('reject-save'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'platform/filings/11/reject/')?.body).toEqual({ reason: '回执不清晰' }),
    );
    expect(await screen.findByTestId('review-reason')).toBeTruthy();
  });
});

describe('committee messages', () => {
  it('count in both languages', () => {
    expect(tFor('en')('committee.filings.memberCount', { count: 1 })).toBe('1 member');
    expect(tFor('en')('committee.filings.memberCount', { count: 5 })).toBe('5 members');
    expect(tFor('en')('committee.history.count', { count: 1 })).toBe('1 change');
    expect(tFor('zh-CN')('committee.history.count', { count: 1200 })).toBe('共 1,200 条');
  });
});
