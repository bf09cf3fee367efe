import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import type { CommonArea, StaffAssignment } from './types';
import { estate, page } from './testData';

const admin = makeMe({
  capabilities: ['estates.view', 'estates.create', 'estates.manage', 'estates.staff.assign', 'people.view'],
});

const area = (overrides: Partial<CommonArea> = {}): CommonArea => ({
  id: 5,
  estate: 1,
  name: '地下车库',
  description: '',
  manager: null,
  manager_name: null,
  ...overrides,
});

const assignment = (id: number, user: number, name: string, role: string): StaffAssignment => ({
  id,
  estate: 1,
  user,
  user_email: `u${user}@a.test`,
  user_name: name,
  role,
  since: null,
});

describe('the common areas', () => {
  it('the firm names the manager responsible for an area from the estate’s managers only', async () => {
    let saved: unknown = null;
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET common-areas/': () => page([area(saved ? { manager: 8, manager_name: '王经理' } : {})]),
      'GET staff-assignments/': () =>
        page([assignment(1, 7, '张经理', 'manager'), assignment(2, 8, '王经理', 'manager'), assignment(3, 9, '李师傅', 'staff')]),
      'PATCH common-areas/5/': (req) => {
        saved = req.body;
        return { body: area({ manager: 8, manager_name: '王经理' }) };
      },
    });
    renderApp('/estates/1?tab=common-areas', { me: admin });
    const select = await screen.findByTestId('area-manager-5');
    expect(select.textContent).toContain('未指定');
    fireEvent.mouseDown(within(select).getByRole('combobox'));
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBe(2));
    const options = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-item-option'));
    expect(options.map((o) => o.textContent)).toEqual(['张经理', '王经理']);
    fireEvent.click(options[1]);
    await waitFor(() => expect(saved).toEqual({ manager: 8 }));
    await waitFor(() => expect(screen.getByTestId('area-manager-5').textContent).toContain('王经理'));
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('a reader without estates.manage sees the name, no control', async () => {
    mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET common-areas/': () => page([area({ manager: 8, manager_name: '王经理' })]),
    });
    renderApp('/estates/1?tab=common-areas', { me: makeMe({ capabilities: ['estates.view'] }) });
    const table = await screen.findByTestId('areas-table');
    await within(table).findByText('王经理');
    expect(screen.queryByTestId('area-manager-5')).toBeNull();
  });
});
