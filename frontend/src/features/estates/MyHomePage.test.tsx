import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { homeUnits } from './testData';

const resident = makeMe({
  email: 'resident@demo.test',
  full_name: '刘阿姨',
  capabilities: ['estates.view', 'home.view', 'complaints.submit'],
  roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }],
});

describe('my home', () => {
  it("shows the resident's units with owners and occupants", async () => {
    mockApi({ 'GET me/home/': () => ({ body: homeUnits }) });
    renderApp('/my-home', { me: resident });
    const first = await screen.findByTestId('home-unit-101');
    expect(first.textContent).toContain('阳光花园');
    expect(first.textContent).toContain('浦东新区张杨路 1888 弄');
    expect(first.textContent).toContain('1 栋 101');
    expect(first.textContent).toContain('89.5 m²');
    expect(first.textContent).toContain('王建华');
    expect(first.textContent).toContain('刘小明');
    const parking = screen.getByTestId('home-unit-305');
    expect(parking.textContent).toContain('车位');
    expect(parking.textContent).toContain('-2');
    expect(screen.getByTestId('nav-my-home')).toBeTruthy();
  });

  it('downloads the personal data as a JSON file', async () => {
    const { calls } = mockApi({
      'GET me/home/': () => ({ body: [] }),
      'GET me/personal-data/': () => ({ body: { user: { email: 'resident@demo.test' }, units: [] } }),
    });
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:personal-data';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    renderApp('/my-home', { me: resident });
    expect(await screen.findByTestId('my-home-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('download-personal-data'));
    await waitFor(() => expect(clicks).toEqual(['linli-my-data.json']));
    expect(calls.some((c) => c.path === 'me/personal-data/')).toBe(true);
    expect(JSON.parse(await created[0].text())).toEqual({ user: { email: 'resident@demo.test' }, units: [] });
  });

  it('is refused without home.view', async () => {
    mockApi({});
    renderApp('/my-home', { me: makeMe({ capabilities: ['estates.view'] }) });
    expect(await screen.findByText('没有权限')).toBeTruthy();
  });
});
