import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';

const resident = makeMe({
  id: 9,
  roles: [{ role: 'resident', estate_id: 1, unit_id: 3 }],
  capabilities: ['supervision.view', 'notifications.view'],
});

const published = {
  id: 12,
  estate: 1,
  estate_name: '阳光花园',
  template: 3,
  template_name: '楼道巡查',
  version_number: 1,
  service_line: 'cleaning',
  area: '2号楼',
  status: 'submitted',
  key: 'k-12',
  started_by_name: '李主任',
  started_at: '2026-12-01T01:00:00Z',
  submitted_at: '2026-12-01T02:00:00Z',
  published_at: '2026-12-01T03:00:00Z',
};

describe('the inspection reports list', () => {
  it('shows a resident the published reports of their estate, each opening its round', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET supervision/rounds/': () => page([published]),
    });
    renderApp('/supervision/rounds', { me: resident });
    const row = await screen.findByTestId('round-row');
    expect(within(row).getByText('楼道巡查')).toBeTruthy();
    expect(within(row).getByText('已公开')).toBeTruthy();
    expect(within(row).getByText('保洁')).toBeTruthy();
    expect(row.closest('a')?.getAttribute('href')).toBe('/supervision/rounds/12');
    expect(screen.getByTestId('supervision-rounds-total').textContent).toBe('共 1 次巡查');
    expect(calls.find((c) => c.path === 'supervision/rounds/')?.query.get('estate')).toBe('1');
  });
});
