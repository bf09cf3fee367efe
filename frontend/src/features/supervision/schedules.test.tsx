import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['supervision.view', 'supervision.track', 'supervision.inspect', 'notifications.view'],
});
const manager = makeMe({
  id: 3,
  roles: [{ role: 'manager', estate_id: 1, unit_id: null }],
  capabilities: ['supervision.view', 'supervision.track', 'supervision.respond', 'notifications.view'],
});

const schedule = {
  id: 7,
  estate: 1,
  template: 3,
  template_name: '楼道巡查',
  frequency: 'weekly',
  areas: ['1号楼', '2号楼'],
  starts_on: '2026-12-01',
  ends_on: null,
  next_due: '2026-12-08',
  created_by_name: '李主任',
  created_at: '2026-12-01T01:00:00Z',
};

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
  'GET supervision/schedules/': () => page([schedule]),
  'GET supervision/templates/': () => page([{ id: 3, estate: 1, service_line: 'cleaning', name: '楼道巡查' }]),
};

describe('the inspection schedule', () => {
  it('shows the firm the schedule with its next day and nothing to change', async () => {
    mockApi(common);
    renderApp('/supervision/schedules', { me: manager });
    const row = await screen.findByTestId('schedule-row');
    expect(row.textContent).toContain('每周');
    expect(row.textContent).toContain('2号楼');
    expect(screen.getByTestId('schedule-next').textContent).toContain('2026');
    expect(screen.queryByTestId('schedule-new')).toBeNull();
    expect(screen.queryByTestId('schedule-end-7')).toBeNull();
  });

  it('lets the committee plan a weekly round over two areas', async () => {
    const { calls } = mockApi({ ...common, 'POST supervision/schedules/': () => ({ status: 201, body: schedule }) });
    renderApp('/supervision/schedules', { me: committee });
    fireEvent.click(await screen.findByTestId('schedule-new'));
    fireEvent.mouseDown(
      screen.getByTestId('field-template').querySelector('.ant-select-selector') ?? screen.getByTestId('field-template'),
    );
    fireEvent.click(await screen.findByText('楼道巡查', { selector: '.ant-select-item-option-content' }));
    fireEvent.change(screen.getByTestId('field-areas'), { target: { value: '1号楼，地下车库' } });
    fireEvent.click(screen.getByTestId('schedule-create'));
    await waitFor(() => {
      const call = calls.find((c) => c.method === 'POST' && c.path === 'supervision/schedules/');
      expect(call?.body).toMatchObject({ estate: 1, template: 3, frequency: 'weekly', areas: ['1号楼', '地下车库'] });
    });
    expect(await screen.findByText('巡查计划已保存')).toBeTruthy();
  });
});
