import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'notifications.view', 'supervision.view', 'supervision.track', 'supervision.inspect'],
});

const template = {
  id: 2,
  estate: 1,
  service_line: 'cleaning',
  name: '保洁日常检查',
  created_by_name: '李主任',
  created_at: '2026-11-01T02:00:00Z',
  version_count: 1,
  current: null,
};

describe('starting an inspection round', () => {
  it('retries with the same key after a lost reply and opens the round', async () => {
    let attempts = 0;
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET supervision/templates/': () => page([template]),
      'GET common-areas/': () =>
        page([
          { id: 5, estate: 1, name: '3号楼', description: '', manager: 8, manager_name: '王经理' },
          { id: 6, estate: 1, name: '北门', description: '', manager: null, manager_name: null },
        ]),
      'POST supervision/rounds/': () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return { status: 201, body: { id: 21 } };
      },
      'GET supervision/rounds/21/': () => ({ status: 404, body: { code: 'not_found', detail: 'Not found.' } }),
    });
    localStorage.clear();
    const { router } = renderApp('/supervision/inspect', { me: committee });
    fireEvent.mouseDown(
      (await screen.findByTestId('inspect-template')).querySelector('.ant-select-selector') ??
        screen.getByTestId('inspect-template'),
    );
    fireEvent.click(await screen.findByText('保洁 · 保洁日常检查'));
    // the estate's named areas are offered, so a finding reaches the manager responsible for it
    await waitFor(() =>
      expect(Array.from(screen.getByTestId('inspect-area-names').querySelectorAll('option')).map((o) => o.value)).toEqual([
        '3号楼',
        '北门',
      ]),
    );
    fireEvent.change(screen.getByTestId('inspect-area'), { target: { value: '3号楼' } });
    fireEvent.click(screen.getByTestId('inspect-start'));
    await screen.findByTestId('inspect-error');
    expect(router.state.location.pathname).toBe('/supervision/inspect');
    fireEvent.click(screen.getByTestId('inspect-start'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/supervision/rounds/21'));
    const posts = calls.filter((c) => c.method === 'POST' && c.path === 'supervision/rounds/');
    expect(posts).toHaveLength(2);
    const [first, second] = posts.map((c) => c.body as { key: string; estate: number; template: number; area: string });
    expect(first.key).toBe(second.key);
    expect(second).toMatchObject({ estate: 1, template: 2, area: '3号楼' });
  });
});
