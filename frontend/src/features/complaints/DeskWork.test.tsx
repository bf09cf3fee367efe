/**
 * Issue #13 §5 and §6 on screen: KPI tiles that click through and say when the sample is too
 * small, the p90 against its limit, the previous period, the firm's estates compared; the red
 * board's lateness and owner; the desk's time left, urgency order, sorting, export and phone
 * layout; a repairer's "my tasks".
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { dictionaries, translate, type TFunction } from '../../i18n';
import { en as english } from '../../i18n/en';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { kpiTiles, tileLink } from './DashboardPage';
import type { Task } from './kpiTypes';
import { COMMITTEE_CAPS, estate, kpis, MANAGER_CAPS, page, row, STAFF_CAPS } from './testData';
import { span, timeLeft } from './urgency';

const zh: TFunction = (key, vars) => translate(dictionaries['zh-CN'], key, vars);
const en: TFunction = (key, vars) => translate(english, key, vars);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const manager = makeMe({ id: 2, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: MANAGER_CAPS });
const committee = makeMe({ id: 9, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: COMMITTEE_CAPS });
const staff = makeMe({
  id: 3,
  full_name: '张师傅',
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
  capabilities: STAFF_CAPS,
});

/** A phone's width for antd's breakpoints (390 px). */
function phoneScreen(width = 390) {
  vi.stubGlobal('matchMedia', (query: string) => {
    const min = /min-width:\s*(\d+)/.exec(query);
    const max = /max-width:\s*(\d+)/.exec(query);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
  });
}

describe('time left in words', () => {
  it('is the largest whole unit, late or not, with English plurals', () => {
    const now = Date.parse('2026-12-03T08:00:00Z');
    expect(timeLeft(zh, new Date(now - 3 * DAY - 2 * HOUR).toISOString(), now)?.text).toBe('已超时 3 天');
    expect(timeLeft(zh, new Date(now + 5 * HOUR + 600_000).toISOString(), now)?.text).toBe('剩余 5 小时');
    expect(timeLeft(zh, null, now)).toBeNull();
    expect(span(en, DAY / 1000)).toBe('1 day');
    expect(span(en, (3 * DAY) / 1000)).toBe('3 days');
    expect(timeLeft(en, new Date(now - 60_000).toISOString(), now)?.text).toBe('Overdue by 1 minute');
  });
});

describe('KPI tiles for a committee', () => {
  it('say "sample too small" instead of turning red, flag the p90 against its limit, and compare', () => {
    const few = {
      ...kpis,
      rated_count: 3,
      average_rating: 2.5,
      response_p90_hours: 30,
      counts: {
        ...kpis.counts,
        clocks_stopped: { response: 4, plan: 2, resolution: 4 },
        clocks_on_time: { response: 2, plan: 1, resolution: 1 },
      },
    };
    const tiles = kpiTiles(few, 'zh-CN', zh);
    const tile = (key: string) => tiles.find((x) => x.key === key)!;
    // 1 of 4 on time would be red; with 4 cases it is not judged
    expect(tile('on_time')).toMatchObject({ small: true, below: false });
    expect(tile('average_rating')).toMatchObject({ small: true, below: false });
    // p90 30 h > the 24 h response limit: flagged
    expect(tile('response_time').below).toBe(true);
    expect(tile('response_time').target).toBe('超过响应时限 24 小时');
    // the previous period beside each figure, and which way it moved
    expect(tile('resolution_rate')).toMatchObject({ previous: '95%', change: 'worse' });
    expect(tile('total').previous).toBe('140');
    const within24 = kpiTiles({ ...kpis, response_p90_hours: 19.75 }, 'zh-CN', zh).find((x) => x.key === 'response_time')!;
    expect(within24).toMatchObject({ below: false, target: '90% 分位应 ≤ 响应时限 24 小时', change: 'better' });
  });

  it('lead to the desk list of exactly those requests', () => {
    const tiles = kpiTiles(kpis, 'zh-CN', zh);
    const link = tileLink(
      kpis,
      tiles.find((x) => x.key === 'on_time')!,
    );
    const params = new URLSearchParams(link.split('?')[1]);
    expect(link.startsWith('/desk?')).toBe(true);
    expect(Object.fromEntries(params)).toEqual({
      estate: '1',
      created_from: '2026-10-01',
      created_to: '2026-12-31',
      status: 'all',
      kpi: 'late_resolution',
    });
    expect(tiles.find((x) => x.key === 'on_time')!.count).toBe(13); // 112 stopped - 99 on time
  });

  it('a committee member clicks a red tile through to its requests, read-only', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET complaints/kpis/': () => ({ body: kpis }),
      'GET complaints/': () => page([row({ id: 7, status: 'closed', due_at: null })]),
    });
    renderApp('/complaints/dashboard', { me: committee });
    const tile = await screen.findByTestId('kpi-on_time');
    expect(tile.dataset.belowTarget).toBe('true');
    expect(tile.textContent).toContain('上期 80%');
    fireEvent.click(screen.getByTestId('kpi-link-on_time'));
    const drill = await screen.findByTestId('desk-drill');
    expect(drill.textContent).toContain('办结超时');
    expect(drill.textContent).toContain('2026-10-01 至 2026-12-31');
    await waitFor(() =>
      expect(calls.some((c) => c.path === 'complaints/' && c.query.get('kpi') === 'late_resolution')).toBe(true),
    );
    const asked = calls.filter((c) => c.path === 'complaints/').at(-1)!.query;
    expect([asked.get('estate'), asked.get('created_from'), asked.get('created_to'), asked.get('status')]).toEqual([
      '1',
      '2026-10-01',
      '2026-12-31',
      null,
    ]);
    await screen.findByText('YG01-000007');
    // read-only: no export, no recording, no selection
    expect(screen.queryByTestId('desk-export')).toBeNull();
    expect(screen.queryByTestId('desk-new')).toBeNull();
    expect(screen.queryByTestId('select-7')).toBeNull();
  });

  it('the firm compares its estates over the same period', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate, { ...estate, id: 2, name: '翠湖苑', code: 'CH02' }]),
      'GET complaints/kpis/': () => ({ body: kpis }),
      'GET complaints/kpis/estates/': () => ({
        body: [
          {
            estate: 1,
            estate_name: '阳光花园',
            total: 128,
            response_p90_hours: 30,
            response_limit_hours: 24,
            on_time_resolution: 0.88,
            resolution_rate: 0.91,
            reopen_rate: 0.06,
            average_rating: 4.05,
            rated_count: 73,
            counts: kpis.counts,
          },
          {
            estate: 2,
            estate_name: '翠湖苑',
            total: 3,
            response_p90_hours: 2,
            response_limit_hours: 24,
            on_time_resolution: 1,
            resolution_rate: 1,
            reopen_rate: 0,
            average_rating: 5,
            rated_count: 2,
            counts: { ...kpis.counts, actionable: 3, clocks_stopped: { response: 3, plan: 0, resolution: 2 }, ever_resolved: 2 },
          },
        ],
      }),
    });
    renderApp('/complaints/dashboard', { me: manager });
    const table = await screen.findByTestId('estates-compared');
    const first = await within(table).findByTestId('compare-row-1');
    expect(first.querySelector('[data-over-limit="true"]')).toBeTruthy();
    const second = within(table).getByTestId('compare-row-2');
    expect(second.textContent).toContain('样本不足 5 件');
    expect(second.textContent).not.toContain('100%');
    const asked = calls.find((c) => c.path === 'complaints/kpis/estates/')!.query;
    expect(asked.get('start')).toMatch(/^\d{4}-\d{2}-01$/);
  });
});

describe('the red board', () => {
  it('says how late each item is and who owns it', async () => {
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET complaints/board/': () => ({
        body: [
          row({
            id: 7,
            status: 'accepted',
            colour: 'red',
            assignee: 3,
            assignee_name: '张师傅',
            due_at: new Date(Date.now() - 3 * DAY - HOUR).toISOString(),
          }),
          row({ id: 8, status: 'submitted', colour: 'red', due_at: new Date(Date.now() - 2 * HOUR - 60_000).toISOString() }),
          row({ id: 9, status: 'rejected', colour: 'green', reject_reason: '属业主自有部分', due_at: null }),
        ],
      }),
      'GET complaints/hot-topics/': () => page([]),
    });
    renderApp('/complaints/board', { me: committee });
    expect((await screen.findByTestId('board-late-7')).textContent).toBe('已超时 3 天');
    expect(screen.getByTestId('board-owner-7').textContent).toBe('负责人：张师傅');
    expect(screen.getByTestId('board-late-8').textContent).toBe('已超时 2 小时');
    expect(screen.getByTestId('board-owner-8').textContent).toBe('负责人：未指派');
    expect(screen.queryByTestId('board-late-9')).toBeNull();
    expect(screen.getByText(/属业主自有部分/)).toBeTruthy();
  });
});

describe('the desk', () => {
  const rows = [
    row({ id: 7, number: 'YG01-000007', status: 'accepted', due_at: new Date(Date.now() - 3 * DAY - HOUR).toISOString() }),
    row({ id: 8, number: 'YG01-000008', status: 'accepted', due_at: new Date(Date.now() + 5 * HOUR + 600_000).toISOString() }),
    row({ id: 9, number: 'YG01-000009', status: 'deferred', due_at: null }),
  ];
  const deskApi = () =>
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET complaints/': () => page(rows),
      'GET complaints/export/': () => ({ body: {} }),
    });

  it('shows time left or how late, sorts by urgency first, by a column, and exports what it shows', async () => {
    const { calls } = deskApi();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }));
    renderApp('/desk', { me: staff });
    const late = await screen.findByTestId('time-left-7');
    expect(late.textContent).toBe('已超时 3 天');
    expect(late.dataset.overdue).toBe('true');
    expect(screen.getByTestId('time-left-8').textContent).toBe('剩余 5 小时');
    expect(screen.getByTestId('desk-row-9').textContent).toContain('不计时');
    const list = () => calls.filter((c) => c.path === 'complaints/');
    expect(list()[0].query.get('ordering')).toBe('urgency');
    // the column headers sort on the server
    const header = () => within(screen.getByTestId('desk-table')).getAllByText('编号')[0].closest('th')!;
    fireEvent.click(header());
    await waitFor(() => expect(list().at(-1)?.query.get('ordering')).toBe('number'));
    fireEvent.click(header());
    await waitFor(() => expect(list().at(-1)?.query.get('ordering')).toBe('-number'));
    // "take" and "accept" say what they do
    expect(screen.getByText(/“接单”是自己接下来处理/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('desk-export'));
    await waitFor(() => expect(calls.some((c) => c.path === 'complaints/export/')).toBe(true));
    const exported = calls.find((c) => c.path === 'complaints/export/')!.query;
    expect(exported.get('ordering')).toBe('-number');
    expect(exported.get('status')).toBe('submitted,reopened,accepted,in_progress,deferred');
    expect(exported.get('page')).toBeNull();
  });

  it('is cards on a 390 px phone, with no table to scroll sideways', async () => {
    phoneScreen(390);
    deskApi();
    renderApp('/desk', { me: staff });
    const card = await screen.findByTestId('desk-card-7');
    const cards = screen.getByTestId('desk-cards');
    expect(cards.contains(card)).toBe(true);
    expect(screen.queryByTestId('desk-table')).toBeNull();
    expect(within(cards).getByTestId('desk-card-7').textContent).toContain('已超时 3 天');
    expect(within(cards).getByTestId('desk-card-7').getAttribute('href')).toBe('/requests/7');
  });
});

describe('my tasks', () => {
  const task = (overrides: Partial<Task>): Task => ({
    id: 7,
    number: 'YG01-000007',
    estate: 1,
    estate_name: '阳光花园',
    kind: 'repair',
    category: 'repair',
    urgency: 'normal',
    status: 'accepted',
    colour: 'red',
    description: '厨房水管漏水',
    place_label: '阳光花园 1栋101',
    requester_name: '王芳',
    requester_phone: '13900001111',
    created_at: '2026-11-20T02:00:00Z',
    due_at: new Date(Date.now() - DAY - 2 * HOUR).toISOString(),
    actions: ['start', 'reassign', 'defer', 'reject'],
    ...overrides,
  });

  it('a repairer works the day from the phone: call, take, start, resolve with the after-photo', async () => {
    phoneScreen(390);
    const { calls, fetchMock } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET complaints/my-tasks/': () => ({
        body: {
          now: new Date().toISOString(),
          results: [
            task({}),
            task({
              id: 8,
              number: 'YG01-000008',
              status: 'submitted',
              colour: 'green',
              requester_phone: '',
              requester_name: '',
              place_label: '阳光花园 中心花园',
              due_at: new Date(Date.now() + 3 * HOUR).toISOString(),
              actions: ['take', 'accept'],
            }),
            task({
              id: 9,
              number: 'YG01-000009',
              status: 'in_progress',
              colour: 'green',
              due_at: new Date(Date.now() + 20 * HOUR).toISOString(),
              actions: ['resolve', 'defer'],
            }),
          ],
        },
      }),
      'POST complaints/7/start/': () => ({ body: {} }),
      'POST complaints/8/take/': () => ({ body: {} }),
      'POST complaints/9/resolve/': () => ({ body: {} }),
    });
    renderApp('/tasks', { me: staff });
    const first = await screen.findByTestId('task-7');
    expect(first.dataset.overdue).toBe('true');
    expect(screen.getByTestId('task-countdown-7').textContent).toMatch(/^已超时 1 天 2 小时/);
    expect(screen.getByTestId('task-countdown-8').textContent).toMatch(/^剩余 (2 小时 59 分|3 小时 0 分)/);
    expect(screen.getByTestId('task-place-7').textContent).toBe('阳光花园 1栋101');
    const call = screen.getByTestId('task-call-7');
    expect(call.getAttribute('href')).toBe('tel:13900001111');
    expect(call.textContent).toContain('拨打 王芳');
    expect(screen.queryByTestId('task-call-8')).toBeNull();
    expect(screen.getByTestId('tasks-count').textContent).toBe('共 3 件，超时 1 件');

    fireEvent.click(screen.getByTestId('task-take-8'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'complaints/8/take/')).toBe(true));
    fireEvent.click(screen.getByTestId('task-start-7'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'complaints/7/start/')).toBe(true));

    fireEvent.click(screen.getByTestId('task-resolve-9'));
    const form = await screen.findByTestId('task-resolve-form-9');
    const submit = within(form).getByTestId('task-resolve-submit-9') as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // the result must be said
    fireEvent.change(within(form).getByTestId('field-note'), { target: { value: '已更换水龙头' } });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'after.jpg', { type: 'image/jpeg' });
    const input = form.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [photo] } });
    await waitFor(() => expect(submit.disabled).toBe(false));
    fireEvent.click(submit);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'complaints/9/resolve/')).toBe(true));
    const sent = fetchMock.mock.calls.find(([url]) => String(url).includes('complaints/9/resolve/'))![1]!.body as FormData;
    expect(sent.get('note')).toBe('已更换水龙头');
    expect((sent.get('files') as File).name).toBe('after.jpg');
  });

  it('is refused to a committee member', async () => {
    mockApi({ 'GET notifications/unread-count/': () => ({ body: { unread: 0 } }) });
    renderApp('/tasks', { me: committee });
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });
});
