import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tFor } from '../../i18n';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { DecisionDetail } from './types';

const CAPS = ['estates.view', 'notifications.view'];
const resident = makeMe({ id: 9, roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }], capabilities: CAPS });
const manager = makeMe({ id: 3, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: CAPS });
const committee = makeMe({ id: 4, roles: [{ role: 'committee', estate_id: 1, unit_id: null }], capabilities: CAPS });

function item(overrides: Partial<DecisionDetail> = {}): DecisionDetail {
  return {
    id: 7,
    estate: 1,
    title: '更换 2 号楼电梯',
    body: '',
    vote: 3,
    vote_title: '是否使用维修资金更换电梯',
    topic: null,
    topic_title: null,
    owner_side: 'firm',
    owner: 3,
    owner_name: '王经理',
    due_on: '2026-11-30',
    status: 'open',
    created_at: '2026-10-01T02:00:00Z',
    done_at: null,
    days_late: 4,
    actions: [],
    entries: [
      { id: 1, kind: 'created', side: 'committee', author_name: '李主任', body: '', at: '2026-10-01T02:00:00Z' },
      { id: 2, kind: 'progress', side: 'firm', author_name: '王经理', body: '已询价三家', at: '2026-10-05T02:00:00Z' },
    ],
    links: [
      {
        id: 1,
        kind: 'line',
        ref: 12,
        seq: 5,
        occurred_on: '2026-10-20',
        amount: '380000.00',
        description: '电梯采购',
      },
    ],
    ...overrides,
  } as DecisionDetail;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('decisions carried out', () => {
  it('shows a resident the list with status and how late, and the detail read-only', async () => {
    mockApi({
      ...common,
      'GET decisions/': () => ({ body: [item()] }),
      'GET decisions/7/': () => ({ body: item() }),
    });
    renderApp('/decisions?estate=1', { me: resident });
    expect(await screen.findByText('更换 2 号楼电梯')).toBeTruthy();
    expect(screen.getByTestId('decision-status-7').textContent).toBe('落实中');
    expect(screen.getByTestId('decision-late-7').textContent).toBe('已逾期 4 天');
    expect(screen.queryByTestId('decision-new')).toBeNull();
    fireEvent.click(screen.getByText('更换 2 号楼电梯'));
    expect(await screen.findByText('已询价三家')).toBeTruthy();
    expect(screen.getByText('来自表决：是否使用维修资金更换电梯')).toBeTruthy();
    expect(screen.getByTestId('decision-links').textContent).toContain('账目 #5');
    expect(screen.queryByTestId('decision-actions')).toBeNull();
  });

  it('lets the firm post progress and report its item done', async () => {
    const { calls } = mockApi({
      ...common,
      'GET decisions/7/': () => ({ body: item({ actions: ['link', 'progress', 'report'] }) }),
      'POST decisions/7/report/': () => ({ body: item({ status: 'reported', actions: ['link'] }) }),
    });
    renderApp('/decisions/7', { me: manager });
    fireEvent.change(await screen.findByTestId('field-body'), { target: { value: '电梯已更换并验收' } });
    expect(screen.queryByTestId('decision-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('decision-report'));
    await waitFor(() => {
      const call = calls.find((c) => c.method === 'POST' && c.path === 'decisions/7/report/');
      expect(call?.body).toEqual({ body: '电梯已更换并验收' });
    });
    expect((await screen.findByTestId('decision-status-7')).textContent).toBe('物业已报完成，待业委会确认');
  });

  it('lets the committee confirm a reported item', async () => {
    const { calls } = mockApi({
      ...common,
      'GET decisions/7/': () => ({ body: item({ status: 'reported', actions: ['confirm', 'link', 'progress', 'return'] }) }),
      'POST decisions/7/done/': () => ({ body: item({ status: 'done', days_late: 0, actions: ['link'] }) }),
    });
    renderApp('/decisions/7', { me: committee });
    fireEvent.click(await screen.findByTestId('decision-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === 'decisions/7/done/')).toBe(true));
    expect((await screen.findByTestId('decision-status-7')).textContent).toBe('已落实');
  });

  it('opens the form from a vote page with its source chosen and its question as the title', async () => {
    mockApi({
      ...common,
      'GET decisions/': () => ({ body: [] }),
      'GET decisions/owners/': () => ({ body: [{ id: 3, full_name: '王经理', side: 'firm' }] }),
      'GET topics/': () => ({ body: [] }),
      'GET votes/': () => ({
        body: [
          {
            id: 3,
            estate: 1,
            title: '是否使用维修资金更换电梯',
            matter: 'fund_use',
            kind: 'ordinary',
            status: 'published',
            opens_at: '2026-12-01T01:00:00Z',
            closes_at: '2026-12-20T10:00:00Z',
          },
        ],
      }),
    });
    renderApp('/decisions?estate=1&vote=3', { me: committee });
    const form = await screen.findByTestId('decision-create');
    await waitFor(() => expect((screen.getByTestId('field-title') as HTMLInputElement).value).toBe('是否使用维修资金更换电梯'));
    expect(form.textContent).toContain('已公布结果的表决 · 是否使用维修资金更换电梯');
  });

  it('never opens the form for a resident, whatever the link says', async () => {
    mockApi({ ...common, 'GET decisions/': () => ({ body: [] }) });
    renderApp('/decisions?estate=1&vote=3', { me: resident });
    expect(await screen.findByTestId('decision-none')).toBeTruthy();
    expect(screen.queryByTestId('decision-create')).toBeNull();
  });

  it('says how late in both languages', () => {
    expect(tFor('en')('decision.late', { days: 1 })).toBe('1 day overdue');
    expect(tFor('en')('decision.late', { days: 12 })).toBe('12 days overdue');
    expect(tFor('zh-CN')('decision.lateDone', { days: 2 })).toBe('逾期 2 天完成');
  });
});
