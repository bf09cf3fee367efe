import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import type { Rectification, RectificationDetail, SupervisionKpi } from './types';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'notifications.view', 'supervision.view', 'supervision.track', 'supervision.inspect'],
});
const manager = makeMe({
  id: 7,
  roles: [{ role: 'manager', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'notifications.view', 'supervision.view', 'supervision.track', 'supervision.respond'],
});

function rect(overrides: Partial<Rectification> = {}): Rectification {
  return {
    id: 11,
    estate: 1,
    estate_name: '阳光花园',
    round: 3,
    service_line: 'cleaning',
    title: '垃圾桶未清洗',
    area: '3号楼',
    status: 'open',
    level: 'red',
    assignee: 7,
    assignee_name: '张经理',
    opened_at: '2026-11-20T02:00:00Z',
    due_at: '2026-11-27T02:00:00Z',
    verified_at: null,
    verified_on_time: null,
    actions: [],
    ...overrides,
  } as Rectification;
}

function detail(overrides: Partial<RectificationDetail> = {}): RectificationDetail {
  return {
    ...rect(),
    note: '桶身有污渍',
    item: 5,
    opened_by_name: '李主任',
    assignees: [],
    events: [
      {
        id: 1,
        kind: 'opened',
        text: '桶身有污渍',
        assignee_name: null,
        written_by_name: '李主任',
        written_at: '2026-11-20T02:00:00Z',
        photos: [],
      },
    ],
    ...overrides,
  } as RectificationDetail;
}

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

describe('the rectification board', () => {
  it('lists rectifications with their colour and deadline, filtered by estate and status', async () => {
    const { calls } = mockApi({
      ...common,
      'GET supervision/rectifications/': (req) =>
        page(
          req.query.get('status') === 'verified'
            ? [rect({ id: 12, status: 'verified', level: 'green', title: '绿化带杂草' })]
            : [rect(), rect({ id: 13, level: 'yellow', title: '路灯不亮', service_line: 'maintenance' })],
        ),
    });
    renderApp('/supervision/rectifications', { me: committee });
    const rows = await screen.findAllByTestId('rectification-row');
    expect(rows.map((r) => r.dataset.level)).toEqual(['red', 'yellow']);
    expect(rows[0].textContent).toContain('已超期');
    expect(rows[0].textContent).toContain('垃圾桶未清洗');
    expect(rows[0].textContent).toContain('整改期限');
    expect(rows[1].textContent).toContain('即将到期');
    expect(rows[0].closest('a')?.getAttribute('href')).toBe('/supervision/rectifications/11');
    const first = calls.find((c) => c.path === 'supervision/rectifications/');
    expect(first?.query.get('estate')).toBe('1');
    expect(first?.query.get('status')).toBe('open');

    fireEvent.click(screen.getByTestId('supervision-status-verified'));
    await waitFor(() => expect(screen.getAllByTestId('rectification-row')[0].dataset.status).toBe('verified'));
    expect(screen.getAllByTestId('rectification-row')).toHaveLength(1);
  });
});

describe('a rectification', () => {
  it('the firm answers with a plan and photos; no committee buttons', async () => {
    let answered = false;
    const { calls } = mockApi({
      ...common,
      'GET supervision/rectifications/11/': () => ({
        body: detail({ actions: answered ? ['reassign'] : ['answer', 'reassign'], status: answered ? 'answered' : 'open' }),
      }),
      'POST supervision/rectifications/11/answer/': () => {
        answered = true;
        return {
          body: detail({
            status: 'answered',
            level: 'green',
            actions: ['reassign'],
            events: [
              ...detail().events,
              {
                id: 2,
                kind: 'answer',
                text: '已安排清洗',
                assignee_name: null,
                written_by_name: '张经理',
                written_at: '2026-11-21T02:00:00Z',
                photos: [{ id: 8, stage: 'after', content_type: 'image/jpeg' }],
              },
            ],
          }),
        };
      },
    });
    renderApp('/supervision/rectifications/11', { me: manager });
    expect((await screen.findByTestId('rectification-title')).textContent).toBe('垃圾桶未清洗');
    expect(screen.queryByTestId('rectification-verify')).toBeNull();
    expect(screen.queryByTestId('rectification-reject')).toBeNull();

    // an empty plan is refused in the form and nothing is sent
    fireEvent.click(screen.getByTestId('rectification-answer-submit'));
    expect((await screen.findByTestId('rectification-answer-error')).textContent).toContain('请填写整改方案');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('rectification-plan'), { target: { value: '已安排清洗' } });
    const photo = new File(['x'], 'after.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByTestId('rectification-after'), { target: { files: [photo] } });
    fireEvent.click(screen.getByTestId('rectification-answer-submit'));
    await waitFor(() => expect(screen.getByTestId('rectification-detail').dataset.status).toBe('answered'));
    const events = screen.getAllByTestId('rectification-event');
    expect(events.map((e) => e.dataset.kind)).toEqual(['opened', 'answer']);
    expect(screen.getByTestId('rectification-photo').getAttribute('src')).toBe('/api/v1/supervision/rectifications/11/photos/8/');
    expect(screen.queryByTestId('rectification-answer-form')).toBeNull();
  });

  it('the firm hands it to another manager of the estate', async () => {
    let sent: unknown = null;
    const { calls } = mockApi({
      ...common,
      'GET supervision/rectifications/11/': () => ({
        body: detail({
          actions: ['answer', 'reassign'],
          assignees: [
            { id: 8, name: '王经理' },
            { id: 9, name: '赵经理' },
          ],
        }),
      }),
      'POST supervision/rectifications/11/reassign/': (req) => {
        sent = (req.body as { assignee: number }).assignee;
        return {
          body: detail({
            assignee: 9,
            assignee_name: '赵经理',
            actions: ['answer', 'reassign'],
            assignees: [{ id: 7, name: '张经理' }],
          }),
        };
      },
    });
    renderApp('/supervision/rectifications/11', { me: manager });
    const form = await screen.findByTestId('rectification-reassign-form');
    const button = screen.getByTestId('rectification-reassign') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('赵经理'));
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(sent).toBe(9));
    await waitFor(() => expect(screen.getByTestId('rectification-detail').textContent).toContain('负责人：赵经理'));
    expect(form.textContent).toContain('张经理');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('the committee sees no reassignment', async () => {
    mockApi({
      ...common,
      'GET supervision/rectifications/11/': () => ({ body: detail({ status: 'answered', actions: ['verify', 'reject'] }) }),
    });
    renderApp('/supervision/rectifications/11', { me: committee });
    await screen.findByTestId('rectification-verify');
    expect(screen.queryByTestId('rectification-reassign-form')).toBeNull();
  });

  it('the committee rejects only with a reason', async () => {
    let reason: unknown = null;
    const { calls } = mockApi({
      ...common,
      'GET supervision/rectifications/11/': () => ({
        body: detail({ status: 'answered', level: 'green', actions: ['verify', 'reject'] }),
      }),
      'POST supervision/rectifications/11/reject/': (req) => {
        reason = (req.body as { reason: string }).reason;
        return { body: detail({ status: 'open', level: 'red', actions: [] }) };
      },
    });
    renderApp('/supervision/rectifications/11', { me: committee });
    await screen.findByTestId('rectification-verify');
    expect(screen.queryByTestId('rectification-answer-form')).toBeNull();

    fireEvent.click(screen.getByTestId('rectification-reject'));
    expect((await screen.findByTestId('rectification-decision-error')).textContent).toContain('请填写不通过理由');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('rectification-reject-reason'), { target: { value: '仍有污渍' } });
    fireEvent.click(screen.getByTestId('rectification-reject'));
    await waitFor(() => expect(screen.getByTestId('rectification-detail').dataset.status).toBe('open'));
    expect(reason).toBe('仍有污渍');
    expect(screen.queryByTestId('rectification-verify')).toBeNull();
  });
});

describe('the supervision KPIs', () => {
  it('show each rate with the counts behind it, per service line', async () => {
    const kpi: SupervisionKpi = {
      estate: 1,
      start: '2026-01-01',
      end: '2026-12-03',
      counts: {
        items_inspected: 40,
        items_passed: 30,
        rectifications_opened: 10,
        rectifications_verified: 8,
        rectifications_verified_on_time: 6,
        rounds_scheduled: 12,
        rounds_held: 9,
      },
      rectification_rate: 0.8,
      on_time_rate: 0.75,
      pass_rate: 0.75,
      rounds_rate: 0.75,
      service_lines: [{ service_line: 'cleaning', inspected: 20, passed: 15, pass_rate: 0.75 }],
    };
    const { calls } = mockApi({ ...common, 'GET supervision/kpis/': () => ({ body: kpi }) });
    renderApp('/supervision/kpis', { me: committee });
    const card = await screen.findByTestId('supervision-kpi-rectification');
    expect(card.textContent).toContain('80%');
    expect(card.textContent).toContain('已验收 8 / 发起 10');
    expect(screen.getByTestId('supervision-kpi-rounds').textContent).toContain('已巡查 9 / 计划 12');
    expect(screen.getByTestId('supervision-kpi-on-time').textContent).toContain('按期 6 / 已验收 8');
    expect(screen.getByTestId('supervision-kpi-lines').textContent).toContain('保洁');
    expect(screen.getByTestId('supervision-kpi-lines').textContent).toContain('合格 15 / 检查 20');
    expect(calls.find((c) => c.path === 'supervision/kpis/')?.query.get('estate')).toBe('1');

    fireEvent.change(screen.getByTestId('supervision-kpi-start'), { target: { value: '2026-06-01' } });
    await waitFor(() =>
      expect(calls.some((c) => c.path === 'supervision/kpis/' && c.query.get('start') === '2026-06-01')).toBe(true),
    );
  });
});
