import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Overview, Revision } from './types';

const CAPS = ['estates.view', 'supervision.view', 'notifications.view'];
const manager = makeMe({ id: 3, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: CAPS });
const committee = makeMe({ id: 4, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: CAPS });
const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: CAPS });

const ITEMS = [
  { matter: '共用设施设备维修养护', party: 'firm', detail: '按合同标准' },
  { matter: '维修资金使用', party: 'owners', detail: '业主共同决定' },
] as Revision['items'];

function revision(overrides: Partial<Revision> = {}): Revision {
  return {
    id: 7,
    estate: 1,
    number: 1,
    items: ITEMS,
    note: '',
    status: 'agreed',
    proposed_side: 'firm',
    proposed_by_name: '王经理',
    proposed_at: '2026-11-01T02:00:00Z',
    decided_by_name: '李主任',
    decided_at: '2026-11-02T02:00:00Z',
    reason: '',
    ...overrides,
  } as Revision;
}

function overview(overrides: Partial<Overview> = {}): Overview {
  return {
    estate: 1,
    current: null,
    pending: null,
    history: [],
    side: null,
    can_propose: false,
    can_decide: false,
    ...overrides,
  } as Overview;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('the responsibility list', () => {
  it('shows a resident the list in force and its history, with nothing to change', async () => {
    const current = revision();
    mockApi({
      ...common,
      'GET responsibilities/': () => ({ body: overview({ current, history: [current] }) }),
    });
    renderApp('/responsibilities', { me: resident });
    const items = await screen.findByTestId('duty-current-items');
    expect(within(items).getByText('维修资金使用')).toBeTruthy();
    expect(within(items).getByText('业主（业主大会）')).toBeTruthy();
    expect(screen.getByTestId('duty-current').textContent).toContain('第 1 版');
    expect(screen.getByTestId('duty-read-only')).toBeTruthy();
    expect(screen.queryByTestId('duty-edit')).toBeNull();
    expect(screen.queryByTestId('duty-pending')).toBeNull();
  });

  it('lets the committee agree to the firm’s proposal', async () => {
    const pending = revision({ id: 8, number: 2, status: 'proposed', decided_by_name: null, decided_at: null });
    let agreed = false;
    const { calls } = mockApi({
      ...common,
      'GET responsibilities/': () => ({
        body: agreed
          ? overview({ current: { ...pending, status: 'agreed' }, side: 'committee', can_propose: true })
          : overview({ current: revision(), pending, side: 'committee', can_propose: true, can_decide: true }),
      }),
      'POST responsibilities/8/agree/': () => {
        agreed = true;
        return {
          body: overview({ current: { ...pending, status: 'agreed' }, side: 'committee', can_propose: true }),
        };
      },
    });
    renderApp('/responsibilities', { me: committee });
    const card = await screen.findByTestId('duty-pending');
    expect(card.textContent).toContain('王经理');
    fireEvent.click(screen.getByTestId('duty-agree'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'responsibilities/8/agree/')).toBe(true));
    expect(await screen.findByText('新版权责清单已生效')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('duty-pending')).toBeNull());
  });

  it('lets the committee decline with a reason', async () => {
    const pending = revision({ id: 8, number: 2, status: 'proposed' });
    const { calls } = mockApi({
      ...common,
      'GET responsibilities/': () => ({
        body: overview({ current: revision(), pending, side: 'committee', can_propose: true, can_decide: true }),
      }),
      'POST responsibilities/8/decline/': () => ({
        body: overview({ current: revision(), side: 'committee', can_propose: true }),
      }),
    });
    renderApp('/responsibilities', { me: committee });
    fireEvent.click(await screen.findByTestId('duty-decline'));
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '电梯年检已在合同中' } });
    fireEvent.click(screen.getByTestId('duty-decline-confirm'));
    await waitFor(() => {
      const call = calls.find((c) => c.path === 'responsibilities/8/decline/');
      expect(call?.body).toEqual({ reason: '电梯年检已在合同中' });
    });
  });

  it('shows the proposer that the other side must agree, without an agree button', async () => {
    const pending = revision({ id: 8, number: 1, status: 'proposed' });
    mockApi({
      ...common,
      'GET responsibilities/': () => ({ body: overview({ pending, side: 'firm', can_propose: true }) }),
    });
    renderApp('/responsibilities', { me: manager });
    expect(await screen.findByTestId('duty-waiting')).toBeTruthy();
    expect(screen.queryByTestId('duty-agree')).toBeNull();
  });

  it('lets the manager propose a first list from the common one, edited', async () => {
    const { calls } = mockApi({
      ...common,
      'GET responsibilities/': () => ({ body: overview({ side: 'firm', can_propose: true }) }),
      'GET responsibilities/defaults/': () => ({ body: ITEMS }),
      'POST responsibilities/': () => ({
        status: 201,
        body: overview({ pending: revision({ status: 'proposed' }), side: 'firm', can_propose: true }),
      }),
    });
    renderApp('/responsibilities', { me: manager });
    fireEvent.click(await screen.findByTestId('duty-edit'));
    const matter = await screen.findByTestId('field-matter-1');
    expect((matter as HTMLInputElement).value).toBe('维修资金使用');
    fireEvent.click(screen.getByTestId('duty-remove-1'));
    fireEvent.click(screen.getByTestId('duty-add'));
    fireEvent.change(screen.getByTestId('field-matter-1'), { target: { value: '电梯年检' } });
    fireEvent.change(screen.getByTestId('field-note'), { target: { value: '首版' } });
    fireEvent.click(screen.getByTestId('duty-submit'));
    await waitFor(() => {
      const call = calls.find((c) => c.method === 'POST' && c.path === 'responsibilities/');
      expect(call?.body).toEqual({
        estate: 1,
        items: [ITEMS[0], { matter: '电梯年检', party: 'firm', detail: '' }],
        note: '首版',
      });
    });
    expect(await screen.findByText('已提交，等待另一方确认')).toBeTruthy();
  });
});
