/**
 * Where antd may be used: inside `WithAntd` (below the `AntdOutlet` route, or in the logged-in
 * frame for every route not marked `PLAIN`), which loads
 * antd's providers (./AntdScope.tsx) on first use. Screens a resident needs (login, home,
 * submitting a request) are plain markup outside it, so their download carries no antd.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { FullPageSpinner } from './StatusPages';

const AntdScope = lazy(() => import('./AntdScope'));

export function WithAntd({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <Suspense fallback={fallback === undefined ? <FullPageSpinner /> : fallback}>
      <AntdScope>{children}</AntdScope>
    </Suspense>
  );
}

/**
 * A route's `handle` that says its screen is plain markup: the logged-in frame (AppLayout)
 * renders it without antd's providers around it; every other logged-in screen gets them.
 */
export const PLAIN = { plain: true } as const;

/** A layout route: its child routes render inside antd's providers. */
export function AntdOutlet() {
  return (
    <WithAntd>
      <Outlet />
    </WithAntd>
  );
}
