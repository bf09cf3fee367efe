import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';

const committee = makeMe({
  id: 4,
  roles: [{ role: 'committee', estate_id: 1, unit_id: null }],
  capabilities: ['estates.view', 'notifications.view', 'supervision.view', 'supervision.track', 'supervision.inspect'],
});

describe('the template editor', () => {
  it('copies the library items of a service line, edits them and saves a new template', async () => {
    let saved: unknown = null;
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET supervision/templates/': () => page([]),
      'GET supervision/library/': () => ({
        body: [
          { service_line: 'cleaning', title: '垃圾桶清洁', standard: '无污渍', photo_required: false, weight: 2 },
          { service_line: 'cleaning', title: '楼道地面', standard: '无积水', photo_required: true, weight: 1 },
        ],
      }),
      'POST supervision/templates/': (req) => {
        saved = req.body;
        return { status: 201, body: { id: 9 } };
      },
    });
    renderApp('/supervision/templates', { me: committee });
    await screen.findByTestId('editor-estate');
    await waitFor(() => expect((screen.getByTestId('editor-save') as HTMLButtonElement).disabled).toBe(false));
    // nothing to save yet: refused in the form, nothing sent
    fireEvent.click(screen.getByTestId('editor-save'));
    await screen.findByTestId('editor-error');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByTestId('editor-copy-library'));
    expect(await screen.findAllByTestId('editor-item')).toHaveLength(2);
    expect(calls.find((c) => c.path === 'supervision/library/')?.query.get('service_line')).toBe('cleaning');
    fireEvent.change(screen.getByTestId('editor-item-0-title'), { target: { value: '垃圾桶内外清洁' } });
    fireEvent.click(screen.getByTestId('editor-item-1-remove'));
    fireEvent.change(screen.getByTestId('editor-name'), { target: { value: '保洁月检' } });
    fireEvent.click(screen.getByTestId('editor-save'));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toEqual({
      estate: 1,
      service_line: 'cleaning',
      name: '保洁月检',
      items: [{ title: '垃圾桶内外清洁', standard: '无污渍', photo_required: false, weight: 2 }],
    });
  });
});
