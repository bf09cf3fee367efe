/**
 * Test helpers: a fake API (fetch stub keyed by "METHOD path") and a renderer that
 * mounts real routes with the real providers.
 */
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import type { Me, Site } from '../api/types';
import { createQueryClient, Providers } from '../app/providers';
import { routes } from '../app/router';
import { meQueryKey, siteQueryKey } from '../app/session';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type FakeReply = { status?: number; body?: unknown } | undefined;
export type Handler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

const defaultHandlers: Record<string, Handler> = {
  'GET auth/csrf/': () => {
    document.cookie = 'csrftoken=test-csrf-token';
    return { status: 204 };
  },
};

/**
 * Stubs `fetch`: `handlers["POST auth/login/"]` answers that call; the CSRF call
 * sets a cookie; anything else is a 404.
 */
export function mockApi(overrides: Record<string, Handler>) {
  const handlers = { ...defaultHandlers, ...overrides };
  const calls: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1\//, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    const req: FakeRequest = {
      method,
      path,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(req);
    const handler = handlers[`${method} ${path}`];
    const reply = handler ? await handler(req) : { status: 404, body: { code: 'not_found', detail: 'Not found.' } };
    const status = reply?.status ?? 200;
    const body = reply?.body;
    return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

export const firmSite: Site = { host_kind: 'firm', firm: { name: '阳光物业', slug: 'sunshine' }, base_domain: 'localhost:8000' };
export const publicSite: Site = { host_kind: 'public', firm: null, base_domain: 'localhost:8000' };

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    email: 'admin@example.com',
    full_name: '张三',
    roles: [{ role: 'firm_admin', estate_id: null, unit_id: null }],
    capabilities: ['users.view', 'users.manage', 'firm.settings'],
    language: 'zh-hans',
    elder_mode: false,
    sms_urgent: false,
    has_phone: false,
    host_kind: 'firm',
    support: null,
    ...overrides,
  };
}

/** Mounts the app's real routes at `path`, with the site and user already known. */
export function renderApp(path: string, { site = firmSite, me = null as Me | null } = {}) {
  const queryClient = createQueryClient();
  queryClient.setQueryData(siteQueryKey, site);
  queryClient.setQueryData(meQueryKey, me);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...utils, router, queryClient };
}
