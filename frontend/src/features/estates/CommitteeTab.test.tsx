import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, member, page } from './testData';

const admin = makeMe({
  capabilities: ['estates.view', 'estates.create', 'estates.manage', 'estates.committee.manage', 'people.view'],
});

describe('the committee section', () => {
  it('lists members with position, term and status, read-only for a resident', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate({ join_code: '' }) }),
      'GET committee-memberships/': () =>
        page([member(), member({ id: 4, user_name: '赵敏', position: 'supervision', active: false })]),
    });
    renderApp('/estates/1?tab=committee', {
      me: makeMe({ capabilities: ['estates.view', 'home.view'], roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }] }),
    });
    const table = await screen.findByTestId('committee-table');
    await within(table).findByText('陈志强');
    expect(within(screen.getByTestId('committee-row-3')).getByText('主任')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-3')).getByText('在任')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-4')).getByText('监督小组')).toBeTruthy();
    expect(within(screen.getByTestId('committee-row-4')).getByText('不在任')).toBeTruthy();
    expect(screen.queryByTestId('add-committee-member')).toBeNull();
    expect(screen.queryByTestId('estate-tab-people')).toBeNull();
    expect(screen.queryByTestId('estate-tab-join-qr')).toBeNull();
  });

  it('adds a member and maps the server field errors onto the form', async () => {
    let attempts = 0;
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET committee-memberships/': () => page([member()]),
      'POST committee-memberships/': (req) => {
        attempts += 1;
        if (attempts === 1) {
          return {
            status: 400,
            body: {
              code: 'not_assignable',
              detail: '物业人员不能担任业委会成员。',
              fields: {
                user: ['物业人员不能担任业委会成员。'],
                term_end: ['任期结束日期不能早于开始日期。'],
              },
            },
          };
        }
        return { status: 201, body: member({ id: 8, user_email: 'li@demo.test', user_name: '李四', ...(req.body as object) }) };
      },
    });
    renderApp('/estates/1?tab=committee', { me: admin });
    fireEvent.click(await screen.findByTestId('add-committee-member'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('field-email'), { target: { value: 'li@demo.test' } });
    fireEvent.change(within(dialog).getByTestId('field-full_name'), { target: { value: '李四' } });
    fireEvent.change(within(dialog).getByTestId('field-term_start'), { target: { value: '2026-01-01' } });
    fireEvent.change(within(dialog).getByTestId('field-term_end'), { target: { value: '2030-12-31' } });
    expect(within(dialog).getByTestId('field-position')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('committee-submit'));

    // `user` has no field here: it lands under the e-mail; `term_end` under its own field.
    const email = within(dialog).getByTestId('field-email').closest('.ant-form-item') as HTMLElement;
    const termEnd = within(dialog).getByTestId('field-term_end').closest('.ant-form-item') as HTMLElement;
    expect(await within(email).findByText('物业人员不能担任业委会成员。')).toBeTruthy();
    expect(within(termEnd).getByText('任期结束日期不能早于开始日期。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      estate: 1,
      email: 'li@demo.test',
      full_name: '李四',
      position: 'member',
      term_start: '2026-01-01',
      term_end: '2030-12-31',
    });

    fireEvent.click(within(dialog).getByTestId('committee-submit'));
    expect(await screen.findByText('已添加 李四')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
