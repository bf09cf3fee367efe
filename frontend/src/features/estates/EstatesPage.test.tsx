import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from './testData';

const estates = [estate(), estate({ id: 2, code: 'CH02', name: '翠湖苑', city: '杭州', district: '西湖区', unit_count: 48 })];
const viewer = makeMe({
  capabilities: ['estates.view', 'people.view'],
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
});
const admin = makeMe({ capabilities: ['estates.view', 'estates.create', 'estates.manage', 'estates.import'] });

describe('the estates list', () => {
  it('shows the estates in scope and hides "new estate" without estates.create', async () => {
    const { calls } = mockApi({ 'GET estates/': () => page(estates) });
    const { router } = renderApp('/estates', { me: viewer });
    const row = await screen.findByTestId('estate-row-YG01');
    expect(row.textContent).toContain('阳光花园');
    expect(screen.getByTestId('estate-row-CH02').textContent).toContain('翠湖苑');
    expect(screen.getByTestId('estates-table').textContent).toContain('48');
    expect(screen.queryByTestId('new-estate')).toBeNull();
    expect(screen.getByTestId('nav-estates')).toBeTruthy();

    fireEvent.change(screen.getByPlaceholderText('搜索小区名称或编号'), { target: { value: '翠湖' } });
    fireEvent.keyDown(screen.getByPlaceholderText('搜索小区名称或编号'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(calls.some((c) => c.query.get('search') === '翠湖')).toBe(true));

    fireEvent.click(within(screen.getByTestId('estate-row-CH02')).getAllByRole('cell')[0]);
    await waitFor(() => expect(router.state.location.pathname).toBe('/estates/2'));
  });

  it('offers "new estate" with estates.create and puts server errors under the fields', async () => {
    const { calls } = mockApi({
      'GET estates/': () => page(estates),
      'POST estates/': () => ({
        status: 409,
        body: { code: 'code_taken', detail: '小区编号已被使用。', fields: { code: ['小区编号已被使用。'] } },
      }),
    });
    renderApp('/estates', { me: admin });
    fireEvent.click(await screen.findByTestId('new-estate'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-name'), { target: { value: '新城花园' } });
    fireEvent.change(within(dialog).getByTestId('field-code'), { target: { value: 'YG01' } });
    fireEvent.change(within(dialog).getByTestId('field-handover_date'), { target: { value: '2020-05-01' } });
    fireEvent.click(within(dialog).getByTestId('estate-submit'));
    expect(await within(dialog).findByText('小区编号已被使用。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === 'estates/')?.body).toMatchObject({
      name: '新城花园',
      code: 'YG01',
      handover_date: '2020-05-01',
      contract_start: null,
    });
  });

  it('is refused without estates.view', async () => {
    mockApi({});
    renderApp('/estates', { me: makeMe({ capabilities: [] }) });
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });
});

describe('an estate', () => {
  it('shows only the sections a committee member can use, read-only', async () => {
    mockApi({ 'GET estates/1/': () => ({ body: estate() }) });
    renderApp('/estates/1', {
      me: makeMe({
        capabilities: ['estates.view', 'people.view', 'estates.join.review', 'home.view'],
        roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
      }),
    });
    expect((await screen.findByTestId('estate-name')).textContent).toBe('阳光花园');
    for (const key of ['overview', 'units', 'common-areas', 'people', 'staff', 'committee', 'join-requests', 'join-qr'])
      expect(screen.getByTestId(`estate-tab-${key}`)).toBeTruthy();
    expect(screen.queryByTestId('estate-tab-import')).toBeNull();
    expect(screen.queryByTestId('estate-edit')).toBeNull();
    expect(screen.getByTestId('estate-sla').textContent).toContain('24 小时');
  });

  it('lists units with a building filter and keeps the tab in the address', async () => {
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET buildings/': () => page([{ id: 11, estate: 1, name: '1', floors: 12, unit_count: 2 }]),
      'GET units/': () =>
        page([
          {
            id: 101,
            estate: 1,
            estate_code: 'YG01',
            building: 11,
            building_name: '1',
            number: '101',
            floor: 1,
            area: '89.50',
            use: 'residential',
            owners: [{ person_id: 5, full_name: '刘阿姨', share: '100.00' }],
          },
        ]),
    });
    const { router } = renderApp('/estates/1', { me: admin });
    fireEvent.click(await screen.findByTestId('estate-tab-units'));
    const rows = await screen.findAllByTestId('unit-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('刘阿姨');
    expect(rows[0].textContent).toContain('89.5 m²');
    expect(router.state.location.search).toBe('?tab=units');
    expect(screen.getByTestId('add-unit')).toBeTruthy();

    fireEvent.click(screen.getByTestId('building-11'));
    await waitFor(() => expect(calls.some((c) => c.path === 'units/' && c.query.get('building') === '11')).toBe(true));
    expect(calls.find((c) => c.path === 'units/')?.query.get('estate')).toBe('1');
  });
});
