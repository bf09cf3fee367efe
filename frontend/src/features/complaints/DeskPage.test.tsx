import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { detail, estate, page, row, STAFF_CAPS } from './testData';

const staff = makeMe({
  id: 3,
  full_name: '张师傅',
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
  capabilities: STAFF_CAPS,
});
const rows = [
  row({ id: 7, number: 'YG01-000007', colour: 'red', status: 'submitted' }),
  row({
    id: 8,
    number: 'YG01-000008',
    colour: 'yellow',
    status: 'accepted',
    assignee: 2,
    assignee_name: '李秀英',
    category: 'noise',
  }),
];

/** Opens an antd Select (found by its test id) and picks the option with this text. */
async function choose(testId: string, text: string, root: HTMLElement = document.body) {
  const combobox = within(await within(root).findByTestId(testId)).getByRole('combobox');
  fireEvent.mouseDown(combobox);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.textContent === text && !el.closest('.ant-select-dropdown-hidden'),
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

function deskApi({ estates = 2 } = {}) {
  return mockApi({
    'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
    'GET complaints/': () => page(rows),
    'GET estates/': () => page([estate, { ...estate, id: 2, name: '翠湖苑', code: 'CH02' }].slice(0, estates)),
    'GET staff-assignments/': () =>
      page([
        { id: 1, estate: 1, user: 3, user_email: 'staff@x', user_name: '张师傅', role: 'staff', since: null },
        { id: 2, estate: 1, user: 2, user_email: 'manager@x', user_name: '李秀英', role: 'manager', since: null },
      ]),
    'GET common-areas/': () => page([{ id: 4, estate: 1, name: '中心花园', description: '' }]),
    'GET units/': () =>
      page([
        {
          id: 2,
          estate: 1,
          estate_code: 'YG01',
          building: 1,
          building_name: '1',
          number: '102',
          floor: 1,
          area: '126.30',
          use: 'residential',
          owners: [{ person_id: 12, full_name: '张杰', share: 100 }],
        },
      ]),
    'POST complaints/bulk-assign/': () => ({ body: { assigned: [7], skipped: { '8': '该人员不负责此小区。' } } }),
    'POST complaints/': () => ({ status: 201, body: detail({ id: 7, channel: 'phone', entered_by_name: '张师傅' }) }),
    'GET complaints/7/': () => ({ body: detail({ channel: 'phone', entered_by_name: '张师傅' }) }),
  });
}

const listCalls = (calls: { method: string; path: string; query: URLSearchParams }[]) =>
  calls.filter((c) => c.method === 'GET' && c.path === 'complaints/');

describe('the service desk', () => {
  it('lists open requests with SLA colours and sends each filter to the API', async () => {
    const { calls } = deskApi();
    renderApp('/desk', { me: staff });
    const table = await screen.findByTestId('desk-table');
    await within(table).findByText('YG01-000007');
    expect(screen.getByTestId('desk-row-7').dataset.colour).toBe('red');
    expect(within(screen.getByTestId('desk-row-7')).getByText('超时')).toBeTruthy();
    expect(within(screen.getByTestId('desk-row-8')).getByText('预警')).toBeTruthy();
    expect(within(table).getByText('YG01-000007').closest('a')?.getAttribute('href')).toBe('/requests/7');
    expect(listCalls(calls)[0].query.get('status')).toBe('submitted,reopened,accepted,in_progress,deferred');

    await choose('desk-filter-status', '已解决');
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.get('status')).toBe('resolved'));
    await choose('desk-filter-category', '噪音');
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.get('category')).toBe('noise'));
    await choose('desk-filter-colour', '超时');
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.get('colour')).toBe('red'));
    await choose('desk-filter-estate', '翠湖苑');
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.get('estate')).toBe('2'));

    const search = within(screen.getByTestId('desk-search')).getByRole('searchbox');
    fireEvent.change(search, { target: { value: ' YG01-000007 ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.get('search')).toBe('YG01-000007'));
    const last = listCalls(calls).at(-1)!.query;
    expect([last.get('status'), last.get('category'), last.get('colour'), last.get('estate')]).toEqual([
      'resolved',
      'noise',
      'red',
      '2',
    ]);
  });

  it('assigns the selected rows in bulk and names the ones that could not be assigned', async () => {
    const { calls } = deskApi();
    renderApp('/desk', { me: staff });
    await screen.findByText('YG01-000007');
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    fireEvent.click(within(screen.getByTestId('desk-row-7')).getByRole('checkbox'));
    fireEvent.click(within(screen.getByTestId('desk-row-8')).getByRole('checkbox'));
    const bar = await screen.findByTestId('bulk-bar');
    expect(bar.textContent).toContain('已选 2 项');
    expect((within(bar).getByTestId('bulk-assign-submit') as HTMLButtonElement).disabled).toBe(true);
    await choose('bulk-assignee', '张师傅', bar);
    fireEvent.click(within(bar).getByTestId('bulk-assign-submit'));
    const skipped = await screen.findByTestId('bulk-skipped');
    expect(skipped.textContent).toContain('YG01-000008: 该人员不负责此小区。');
    expect(calls.find((c) => c.method === 'POST' && c.path === 'complaints/bulk-assign/')?.body).toEqual({
      ids: [7, 8],
      assignee: 3,
    });
    expect(await screen.findByText('已派单 1 件，1 件未能派单')).toBeTruthy();
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
  });

  it('shows a kanban with a column per open status', async () => {
    deskApi();
    renderApp('/desk', { me: staff });
    await screen.findByText('YG01-000007');
    fireEvent.click(within(screen.getByTestId('desk-view')).getByText('看板'));
    const submitted = await screen.findByTestId('kanban-column-submitted');
    expect(within(submitted).getByText('YG01-000007')).toBeTruthy();
    expect(within(screen.getByTestId('kanban-column-accepted')).getByText('YG01-000008')).toBeTruthy();
    expect(screen.getByTestId('kanban-column-reopened')).toBeTruthy();
    expect(screen.queryByTestId('kanban-column-closed')).toBeNull();
  });

  it('records a phone call about a unit of the only estate and links the owner who called', async () => {
    const { fetchMock } = deskApi({ estates: 1 });
    renderApp('/desk', { me: staff });
    fireEvent.click(await screen.findByTestId('desk-new'));
    const submit = await screen.findByTestId('desk-new-submit');
    const drawer = submit.closest('.ant-drawer') as HTMLElement;
    expect(within(drawer).queryByTestId('field-estate')).toBeNull();
    // contact name is needed
    fireEvent.change(within(drawer).getByTestId('field-description'), { target: { value: '楼上往下渗水' } });
    await choose('field-unit', '1-102 · 张杰', drawer);
    fireEvent.click(await within(drawer).findByTestId('owner-12'));
    await waitFor(() => expect((within(drawer).getByTestId('field-contact_name') as HTMLInputElement).value).toBe('张杰'));
    fireEvent.click(submit);
    expect(await screen.findByTestId('request-status')).toBeTruthy();
    const body = fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/complaints/') && init?.method === 'POST')?.[1]
      ?.body as FormData;
    expect(body.get('estate')).toBe('1');
    expect(body.get('channel')).toBe('phone');
    expect(body.get('unit')).toBe('2');
    expect(body.get('requester_person')).toBe('12');
    expect(body.get('contact_name')).toBe('张杰');
    // the request's idempotency key: a retry after a lost answer does not record it twice
    expect(body.get('client_key')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records a walk-in request for a resident, with who came and how to reach them', async () => {
    const { fetchMock } = deskApi();
    renderApp('/desk', { me: staff });
    fireEvent.click(await screen.findByTestId('desk-new'));
    const submit = await screen.findByTestId('desk-new-submit');
    const drawer = submit.closest('.ant-drawer') as HTMLElement;
    fireEvent.click(within(drawer).getByTestId('field-channel-walk_in'));
    fireEvent.change(within(drawer).getByTestId('field-contact_name'), { target: { value: '王奶奶' } });
    fireEvent.change(within(drawer).getByTestId('field-contact_phone'), { target: { value: '13800138000' } });
    await choose('field-estate', 'YG01 阳光花园', drawer);
    fireEvent.click(within(within(drawer).getByTestId('field-place_type')).getByText('小区公共区域'));
    await choose('field-common_area', '中心花园', drawer);
    fireEvent.change(within(drawer).getByTestId('field-description'), { target: { value: '花园路灯不亮了' } });
    fireEvent.click(submit);
    expect(await screen.findByTestId('request-status')).toBeTruthy();
    const body = fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/complaints/') && init?.method === 'POST')?.[1]
      ?.body as FormData;
    expect(body.get('channel')).toBe('walk_in');
    expect(body.get('contact_name')).toBe('王奶奶');
    expect(body.get('contact_phone')).toBe('13800138000');
    expect(body.get('estate')).toBe('1');
    expect(body.get('common_area')).toBe('4');
    expect(body.get('kind')).toBe('repair');
    expect(body.get('description')).toBe('花园路灯不亮了');
  });
});
