import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ensureCsrf } from './api/client';
import { createQueryClient, Providers } from './app/providers';
import { createRouter } from './app/router';
import { fetchMe, fetchSite, isResidentOnly, meQueryKey, siteQueryKey } from './app/session';
import './index.css';

// Django sets the CSRF cookie on this call; every unsafe request sends it back.
void ensureCsrf(true).catch(() => {
  /* retried on the first unsafe request */
});

// Start what the first screen waits for now, in parallel with rendering, instead of one after
// the other (session, then the logged-in frame's code, then the page's code, then its data):
// on a slow phone each step is a round trip.
const queryClient = createQueryClient();
void queryClient.prefetchQuery({ queryKey: siteQueryKey, queryFn: fetchSite, staleTime: Infinity });
const me = queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
const OUTSIDE = /^\/(login|forgot-password|reset-password|invite|join|verify|check)(\/|$)/;
if (!OUTSIDE.test(window.location.pathname)) {
  void import('./app/AppLayout');
  if (window.location.pathname === '/') {
    void import('./features/home/HomePage');
    void me
      .then((user) => {
        if (!user || !isResidentOnly(user)) return;
        void import('./features/home/ResidentHome');
        void import('./features/home/queries').then((m) => m.prefetchResidentHome(queryClient));
      })
      .catch(() => {
        /* the screens show the error */
      });
  }
}

const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
