import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from './testData';
import type { JoinRequest } from './types';

const staff = makeMe({
  capabilities: ['estates.view', 'estates.join.review', 'people.view'],
  roles: [{ role: 'staff', estate_id: 1, unit_id: null }],
});

function claim(overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    id: 7,
    estate: 1,
    unit: 102,
    unit_label: 'A1-1-102',
    full_name: '住户妻子',
    phone: '13700001111',
    email: 'wife@home.test',
    relation: 'owner',
    status: 'pending',
    decided_at: null,
    note: '',
    created_at: '2026-05-01T08:00:00+08:00',
    candidates: [],
    ...overrides,
  };
}

describe('the join requests tab', () => {
  it('shows the people with the same phone side by side and sends the one the approver chose', async () => {
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET join-requests/': () =>
        page([
          claim({
            candidates: [
              { id: 3, full_name: '住户 resident', phone: '13700001111', has_account: true, unit_labels: ['A1-1-101'] },
            ],
          }),
        ]),
      'POST join-requests/7/approve/': () => ({ body: claim({ status: 'approved', candidates: [] }) }),
    });
    renderApp('/estates/1?tab=join-requests', { me: staff });
    fireEvent.click(await screen.findByTestId('approve-7'));
    const choices = await screen.findByTestId('join-candidates');
    expect(choices.textContent).toContain('住户 resident');
    expect(choices.textContent).toContain('A1-1-101');
    // a new person is the default: a phone alone never merges two people
    const radio = (id: string) => {
      const el = within(choices).getByTestId(id);
      return (el instanceof HTMLInputElement ? el : el.querySelector('input')) as HTMLInputElement;
    };
    expect(radio('candidate-new').checked).toBe(true);
    fireEvent.click(radio('candidate-3'));
    fireEvent.click(screen.getByTestId('approve-submit'));
    await waitFor(() => expect(calls.some((c) => c.path === 'join-requests/7/approve/')).toBe(true));
    expect(calls.find((c) => c.path === 'join-requests/7/approve/')?.body).toEqual({ person: 3 });
  });

  it('approves a claim without candidates after a confirmation, choosing nobody', async () => {
    const { calls } = mockApi({
      'GET estates/1/': () => ({ body: estate() }),
      'GET join-requests/': () => page([claim()]),
      'POST join-requests/7/approve/': () => ({ body: claim({ status: 'approved' }) }),
    });
    renderApp('/estates/1?tab=join-requests', { me: staff });
    fireEvent.click(await screen.findByTestId('approve-7'));
    expect(screen.queryByTestId('join-candidates')).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: /确\s?定/ }));
    await waitFor(() => expect(calls.some((c) => c.path === 'join-requests/7/approve/')).toBe(true));
    expect(calls.find((c) => c.path === 'join-requests/7/approve/')?.body).toBeUndefined();
  });
});
