import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, member, page } from './testData';

const admin = makeMe({
  capabilities: ['estates.view', 'estates.create', 'estates.manage', 'estates.staff.assign', 'people.view'],
});

describe('the committee section', () => {
  it('lists serving members with position, term and filing status, read-only for a resident', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate({ join_code: '' }) }),
      'GET committee-memberships/': () =>
        page([
          member(),
          member({ id: 4, user_name: '赵敏', full_name: '赵敏', position: 'supervision', confirmed: false, filing_number: '' }),
          member({ id: 5, user_name: '钱旧', full_name: '钱旧', active: false, ended_on: '2026-01-01' }),
        ]),
    });
    renderApp('/estates/1?tab=committee', {
      me: makeMe({ capabilities: ['estates.view', 'home.view'], roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }] }),
    });
    const table = await screen.findByTestId('committee-table');
    await within(table).findByText('陈志强');
    expect(within(screen.getByTestId('committee-row-3')).getByText('主任')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-3')).getByText('在任')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-3')).getByText('已备案确认')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-4')).getByText('监督小组')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-4')).getByText('待备案确认')).toBeTruthy();
    expect(screen.queryByTestId('committee-row-5')).toBeNull();
    expect(screen.queryByTestId('add-committee-member')).toBeNull();
    expect(screen.queryByTestId('estate-tab-people')).toBeNull();
    expect(screen.queryByTestId('estate-tab-join-qr')).toBeNull();
  });

  it('offers the firm admin no way to seat or end a member', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET committee-memberships/': () => page([member()]),
    });
    renderApp('/estates/1?tab=committee', { me: admin });
    await within(await screen.findByTestId('committee-table')).findByText('陈志强');
    expect(screen.getByText(/物业不能任免成员/)).toBeTruthy();
    expect(screen.queryByTestId('add-committee-member')).toBeNull();
    expect(screen.queryByTestId('end-term-3')).toBeNull();
  });
});
