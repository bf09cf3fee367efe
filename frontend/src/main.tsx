import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ensureCsrf } from './api/client';
import type { Me } from './api/types';
import { OUTSIDE } from './boot';
import { AppLayout } from './app/guards';
import { createQueryClient, Providers } from './app/providers';
import { createRouter, HomePage } from './app/router';
import { fetchMe, fetchSite, isResidentOnly, meQueryKey, siteQueryKey } from './app/session';
import { SubmitPage } from './features/complaints/routes';
import './index.css';

// Django sets the CSRF cookie on this call; every unsafe request sends it back.
void ensureCsrf(true).catch(() => {
  /* retried on the first unsafe request */
});

// Start what the first screen waits for now, in parallel, instead of one after the other
// (session, then the logged-in frame's code, then the page's code, then its data): on a slow
// phone each step is a round trip. index.html's first script (src/boot.ts) has already sent
// the session's reads and asked for the frame's code; the client takes its answers.
const queryClient = createQueryClient();
const site = queryClient.fetchQuery({ queryKey: siteQueryKey, queryFn: fetchSite, staleTime: Infinity });
const me = queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
const path = window.location.pathname;

/** The code and data of the first screen of a logged-in user at `path`. */
function firstScreen(user: Me | null): Promise<unknown> {
  if (!user) return Promise.resolve(); // the login page
  const resident = isResidentOnly(user);
  // antd's providers for staff screens (the frame and the resident's home and request form
  // are plain markup: a resident's phone never loads antd)
  if (!resident) void import('./app/AntdScope');
  const parts: Promise<unknown>[] = [site, AppLayout.preload()];
  if (path === '/') {
    parts.push(HomePage.preload());
    if (resident) {
      parts.push(import('./features/home/HomePage').then((m) => m.ResidentHome.preload()));
      void import('./features/home/queries').then((m) => m.prefetchResidentHome(queryClient));
    }
  } else if (path === '/requests/new') {
    parts.push(SubmitPage.preload());
  }
  return Promise.all(parts);
}

const root = createRoot(document.getElementById('root')!);
const render = () =>
  root.render(
    <StrictMode>
      <Providers queryClient={queryClient}>
        <RouterProvider router={createRouter()} />
      </Providers>
    </StrictMode>,
  );

if (OUTSIDE.test(path)) {
  render();
} else {
  // index.html shows a spinner meanwhile. Rendering once the first screen's code and session are
  // here draws it in one go: rendered earlier, each lazy screen on the way would show React's
  // fallback and reveal itself no sooner than 300 ms later (React's fallback throttle).
  void me
    .then(firstScreen)
    .catch(() => undefined)
    .finally(render);
}
