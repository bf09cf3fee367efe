import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { visibleNavItems } from '../../app/menu';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { notificationsNav } from '../notifications/routes';
import { complaintsNav } from './routes';
import { COMMITTEE_CAPS, page, RESIDENT_CAPS, row, STAFF_CAPS } from './testData';

const resident = makeMe({ id: 5, roles: [{ role: 'resident', estate_id: 1, unit_id: 1 }], capabilities: RESIDENT_CAPS });

describe('my requests', () => {
  it('lists only my own requests as cards with number, status, colour and time', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET complaints/': () =>
        page([row({ status: 'resolved', colour: 'yellow', urgency: 'emergency' }), row({ id: 8, number: 'YG01-000008' })]),
    });
    renderApp('/requests?search=YG01', { me: resident });
    const cards = await screen.findAllByTestId('request-card');
    expect(cards).toHaveLength(2);
    expect(cards[0].getAttribute('href')).toBe('/requests/7');
    expect(cards[0].textContent).toContain('YG01-000007');
    expect(cards[0].textContent).toContain('已解决');
    expect(within(cards[0]).getByTestId('colour').dataset.colour).toBe('yellow');
    expect(cards[0].textContent).toContain('紧急');
    expect(cards[0].textContent).toContain('提交于 2026/11/20 10:00');
    const query = calls.find((c) => c.path === 'complaints/')!.query;
    expect(query.get('mine')).toBe('true');
    expect(query.get('search')).toBe('YG01');
  });

  it('invites to report when there is nothing yet', async () => {
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET complaints/': () => page([]),
    });
    renderApp('/requests', { me: resident });
    expect(await screen.findByText('还没有报事记录')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText('我要报事').length).toBeGreaterThan(1));
  });
});

describe('the complaints menu entries', () => {
  // with the inbox's entry, which follows them in the menu
  const nav = [...complaintsNav, ...notificationsNav];
  const keys = (capabilities: string[]) => visibleNavItems(nav, { capabilities, hostKind: 'firm' }).map((i) => i.key);

  it('follow the capabilities', () => {
    expect(keys(RESIDENT_CAPS)).toEqual(['requests-new', 'requests', 'notifications']);
    // staff have no home: their own tasks, and the desk where they record requests for residents
    expect(keys(STAFF_CAPS)).toEqual(['tasks', 'desk', 'notifications']);
    expect(keys(COMMITTEE_CAPS)).toEqual([
      'requests-new',
      'requests',
      'complaints-dashboard',
      'complaints-board',
      'notifications',
    ]);
    expect(visibleNavItems(nav, { capabilities: STAFF_CAPS, hostKind: 'public' })).toEqual([]);
  });

  it('refuses the service desk to a resident', async () => {
    mockApi({ 'GET notifications/unread-count/': () => ({ body: { unread: 0 } }) });
    renderApp('/desk', { me: resident });
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });
});
