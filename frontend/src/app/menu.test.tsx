import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, mockApi, publicSite, renderApp } from '../test/utils';
import { NAV_ITEMS, selectedNavKey, visibleNavItems } from './menu';

const keys = (capabilities: string[], hostKind: 'firm' | 'public') =>
  visibleNavItems(NAV_ITEMS, { capabilities, hostKind }).map((i) => i.key);

describe('visibleNavItems', () => {
  it('shows only the items whose capability the user has', () => {
    // topics and votes: every user of a firm host; the API says what each may see and do
    expect(keys([], 'firm')).toEqual(['home', 'topics', 'votes', 'profile']);
    expect(keys(['users.view'], 'firm')).toEqual(['home', 'users', 'topics', 'votes', 'profile']);
    expect(keys(['users.manage'], 'firm')).toEqual(['home', 'users', 'topics', 'votes', 'profile']);
    expect(keys(['users.view', 'firm.settings'], 'firm')).toEqual(['home', 'users', 'settings', 'topics', 'votes', 'profile']);
  });

  it('keeps each item on its kind of host', () => {
    expect(keys(['platform.firms.manage'], 'public')).toEqual(['firms', 'profile']);
    expect(keys(['platform.firms.manage'], 'firm')).toEqual(['home', 'topics', 'votes', 'profile']);
    expect(keys(['users.view', 'users.manage', 'firm.settings'], 'public')).toEqual(['profile']);
  });

  it('ignores capabilities it does not know', () => {
    expect(keys(['complaints.view'], 'firm')).toEqual(['home', 'topics', 'votes', 'profile']);
  });
});

describe('selectedNavKey', () => {
  it('picks the longest matching path', () => {
    expect(selectedNavKey('/', NAV_ITEMS)).toBe('home');
    expect(selectedNavKey('/users', NAV_ITEMS)).toBe('users');
    expect(selectedNavKey('/platform/firms/12', NAV_ITEMS)).toBe('firms');
    expect(selectedNavKey('/userslist', NAV_ITEMS)).toBeUndefined();
  });
});

describe('the side menu', () => {
  it('lists users only for a user with a users capability', async () => {
    mockApi({});
    renderApp('/', { me: makeMe({ capabilities: [] }) });
    expect((await screen.findByTestId('current-user')).textContent).toContain('admin@example.com');
    expect(await screen.findByTestId('nav-home')).toBeTruthy();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.queryByTestId('nav-settings')).toBeNull();
  });

  it('lists users and settings for a firm admin', async () => {
    mockApi({ 'GET users/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }) });
    renderApp('/', { me: makeMe() });
    expect(await screen.findByTestId('nav-users')).toBeTruthy();
    expect(screen.getByTestId('nav-settings')).toBeTruthy();
    expect(screen.queryByTestId('nav-firms')).toBeNull();
  });

  it('on the platform host lists firms for a platform admin and sends / to the firm list', async () => {
    mockApi({ 'GET platform/firms/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }) });
    const { router } = renderApp('/', {
      site: publicSite,
      me: makeMe({ capabilities: ['platform.firms.manage'], host_kind: 'public', roles: [] }),
    });
    expect(await screen.findByTestId('new-firm')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/platform/firms');
    expect(screen.getByTestId('nav-firms')).toBeTruthy();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.getByTestId('site-title').textContent).toContain('邻里 平台管理');
  });

  it('refuses a screen whose capability is missing', async () => {
    mockApi({});
    renderApp('/users', { me: makeMe({ capabilities: [] }) });
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });

  it('sends a logged-out visitor to the login page', async () => {
    mockApi({});
    const { router } = renderApp('/users', { me: null });
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fusers');
  });
});
