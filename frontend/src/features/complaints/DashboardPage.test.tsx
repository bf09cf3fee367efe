import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dictionaries, translate, type TFunction } from '../../i18n';
import { makeMe, mockApi, renderApp } from '../../test/utils';
import { estate, kpis, MANAGER_CAPS, page } from './testData';
import { kpiTiles } from './DashboardPage';
import { quarterOf, recentQuarters } from './quarters';

const manager = makeMe({ id: 2, roles: [{ role: 'manager', estate_id: 1, unit_id: null }], capabilities: MANAGER_CAPS });

describe('the manager dashboard', () => {
  it('renders KPI tiles from the KPI answer and flags the ones below target', async () => {
    const { calls } = mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
      'GET complaints/kpis/': () => ({ body: kpis }),
    });
    renderApp('/complaints/dashboard', { me: manager });
    const tiles = await screen.findByTestId('kpi-tiles');
    const tile = (key: string) => within(tiles).getByTestId(`kpi-${key}`);
    expect(tile('total').textContent).toContain('128');
    expect(tile('response_time').textContent).toContain('3.4 小时 / 19.8 小时');
    // on time (resolution clock) 88 % < 95 %: red
    expect(tile('on_time').dataset.belowTarget).toBe('true');
    expect(tile('on_time').textContent).toContain('88%');
    expect(tile('on_time').textContent).toContain('未达标');
    // 4.05 < 4.2: red; 91 % ≥ 85 %: fine; answered exactly 100 %: fine
    expect(tile('average_rating').dataset.belowTarget).toBe('true');
    expect(tile('average_rating').textContent).toContain('73 人评价');
    expect(tile('resolution_rate').dataset.belowTarget).toBe('false');
    expect(tile('answered_share').dataset.belowTarget).toBe('false');
    expect(tile('reopen_rate').textContent).toContain('6%');
    // the counts behind a rate, when the API gives them
    expect(tile('resolution_rate').textContent).toContain('110 / 121 件');

    // charts: per clock against the target, per category, per month
    expect(screen.getByTestId('chart-on-time-response').dataset.belowTarget).toBe('false');
    expect(screen.getByTestId('chart-on-time-plan').dataset.belowTarget).toBe('true');
    expect(screen.getByTestId('chart-category-repair').textContent).toContain('61');
    expect(screen.getByTestId('chart-category-noise').textContent).toContain('噪音');
    expect(screen.getByTestId('chart-trend-2026-11')).toBeTruthy();
    expect(screen.getByTestId('chart-trend').querySelector('svg')?.getAttribute('aria-label')).toContain(
      '2026-10: 受理 47, 办结 44',
    );

    // the current quarter of the only estate was asked for
    const current = recentQuarters(1)[0];
    const asked = calls.find((c) => c.path === 'complaints/kpis/')!.query;
    expect([asked.get('estate'), asked.get('start'), asked.get('end')]).toEqual(['1', current.start, current.end]);
  });

  it('says so while the KPI service is not there yet', async () => {
    mockApi({
      'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
      'GET estates/': () => page([estate]),
    });
    renderApp('/complaints/dashboard', { me: manager });
    expect(await screen.findByTestId('dashboard-unavailable')).toBeTruthy();
  });

  it('is refused to someone without complaints.kpi', async () => {
    mockApi({ 'GET notifications/unread-count/': () => ({ body: { unread: 0 } }) });
    renderApp('/complaints/dashboard', { me: makeMe({ capabilities: ['complaints.submit', 'complaints.view'] }) });
    await waitFor(() => expect(screen.getByText('没有权限')).toBeTruthy());
  });
});

describe('KPI tiles', () => {
  it('give short response times in minutes and long ones in hours', () => {
    const t: TFunction = (key, vars) => translate(dictionaries['zh-CN'], key, vars);
    const tiles = kpiTiles({ ...kpis, response_p50_hours: 0.02, response_p90_hours: 26.04 }, 'zh-CN', t);
    expect(tiles.find((x) => x.key === 'response_time')?.value).toBe('1 分钟 / 26 小时');
  });
});

describe('quarters', () => {
  it('spans whole quarters and counts back across years', () => {
    expect(quarterOf(2026, 4)).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterOf(2024, 1)).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    const list = recentQuarters(3, new Date('2026-02-10T12:00:00Z'));
    expect(list.map((q) => q.key)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    // 31 March 20:00 UTC is already 1 April in Shanghai
    expect(recentQuarters(1, new Date('2026-03-31T20:00:00Z'))[0].key).toBe('2026-Q2');
  });
});
