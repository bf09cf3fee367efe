import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, useT, type Locale } from '../i18n';
import { makeMe, mockApi, renderApp } from '../test/utils';

function Rated({ count }: { count: number }) {
  const t = useT();
  return <p data-testid="rated">{t('complaints.kpi.ratedCount', { count })}</p>;
}

describe('the language switch', () => {
  it('re-renders every message, plurals included, in the chosen language', () => {
    const view = (locale: Locale, count: number) => (
      <I18nProvider locale={locale}>
        <Rated count={count} />
      </I18nProvider>
    );
    const { rerender } = render(view('zh-CN', 1));
    expect(screen.getByTestId('rated').textContent).toBe('1 人评价');
    rerender(view('en', 1));
    expect(screen.getByTestId('rated').textContent).toBe('1 rating');
    rerender(view('en', 2));
    expect(screen.getByTestId('rated').textContent).toBe('2 ratings');
  });

  it('asks the API for the UI language from the first request on, and words errors by code in it', async () => {
    window.localStorage.setItem('linli.locale', 'en');
    const { calls } = mockApi({
      'GET users/': () => ({ status: 403, body: { code: 'permission_denied', detail: 'server words', fields: {} } }),
      'PATCH auth/me/': (req) => ({ body: { ...makeMe({ language: 'en' }), ...(req.body as object) } }),
    });
    renderApp('/users', { me: makeMe({ language: 'en' }) });
    expect(await screen.findByText('You may not do this')).toBeTruthy();
    const first = calls.find((c) => c.path === 'users/');
    expect(first?.headers['Accept-Language']).toBe('en');

    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH' && c.path === 'auth/me/');
    expect(patch?.body).toEqual({ language: 'zh-hans' });
    expect(patch?.headers['Accept-Language']).toBe('zh-hans');
  });
});
