/**
 * Every screen and who may see it. Pages load lazily, one chunk per route.
 * One build serves both hosts: the public host is the platform console, a firm
 * host is that firm's app; `HostOnly` keeps each screen on its own kind of host.
 */
import { decisionRoutes } from '../features/decisions/routes';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { HostOnly, RequireAuth, RequireCapability } from './guards';
import { lazyPage } from './lazyPage';
import { useSite } from './session';
import { FullPageSpinner, NotFound } from './StatusPages';
import { AntdOutlet, PLAIN } from './withAntd';
import { complaintsPublicRoutes, complaintsRoutes } from '../features/complaints/routes';
import { estatesPublicRoutes, estatesRoutes } from '../features/estates/routes';
import { notificationsRoutes } from '../features/notifications/routes';
import { billingRoutes } from '../features/billing/routes';
import { disclosurePublicRoutes, disclosureRoutes } from '../features/disclosure/routes';
import { topicsRoutes } from '../features/topics/routes';
import { committeeRoutes } from '../features/committee/routes';
import { supervisionRoutes } from '../features/supervision/routes';
import { dutyRoutes } from '../features/responsibilities/routes';
import { noticeRoutes } from '../features/notices/routes';
import { scoringRoutes } from '../features/scoring/routes';
import { votesRoutes } from '../features/votes/routes';
import { supportPublicRoutes, supportRoutes } from '../features/support/routes';
import { auditRoutes } from '../features/audit/routes';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage'));
const InvitePage = lazy(() => import('../features/auth/InvitePage'));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage'));
export const HomePage = lazyPage(() => import('../features/home/HomePage'));
const ComingSoonPage = lazy(() => import('../features/home/ComingSoonPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const FirmListPage = lazy(() => import('../features/platform/FirmListPage'));
const NewFirmPage = lazy(() => import('../features/platform/NewFirmPage'));
const FirmDetailPage = lazy(() => import('../features/platform/FirmDetailPage'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpinner />}>{children}</Suspense>;
}

/** `/`: the platform console starts at the firm list; a firm starts at its dashboard. */
function HomeRoute() {
  const { data: site } = useSite();
  if (!site) return <FullPageSpinner />;
  return site.host_kind === 'public' ? <Navigate to="/platform/firms" replace /> : <HomePage />;
}

const PLATFORM = ['platform.firms.manage'] as const;

/** The logged-out screens built on antd (below `AntdOutlet`). */
const antdRoutes: RouteObject[] = [
  {
    path: '/forgot-password',
    element: (
      <Page>
        <ForgotPasswordPage />
      </Page>
    ),
  },
  {
    path: '/reset-password/:uid/:token',
    element: (
      <Page>
        <ResetPasswordPage />
      </Page>
    ),
  },
  {
    path: '/invite/:token',
    element: (
      <Page>
        <InvitePage />
      </Page>
    ),
  },
  ...estatesPublicRoutes,
  ...complaintsPublicRoutes,
  ...disclosurePublicRoutes,
  ...supportPublicRoutes,
];

/**
 * The logged-in screens, in the frame (AppLayout, plain markup). Each screen renders inside
 * antd's providers unless its route has `handle: PLAIN` (the resident's home and request form).
 */
const framedRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomeRoute />, handle: PLAIN },
      { path: 'profile', element: <ProfilePage /> },
      {
        path: 'users',
        element: (
          <HostOnly kind="firm">
            <RequireCapability anyOf={['users.view', 'users.manage']}>
              <UsersPage />
            </RequireCapability>
          </HostOnly>
        ),
      },
      {
        path: 'settings',
        element: (
          <HostOnly kind="firm">
            <RequireCapability anyOf={['firm.settings']}>
              <ComingSoonPage title="settings.title" />
            </RequireCapability>
          </HostOnly>
        ),
      },
      {
        path: 'platform/firms',
        element: (
          <HostOnly kind="public">
            <RequireCapability anyOf={PLATFORM}>
              <FirmListPage />
            </RequireCapability>
          </HostOnly>
        ),
      },
      {
        path: 'platform/firms/new',
        element: (
          <HostOnly kind="public">
            <RequireCapability anyOf={PLATFORM}>
              <NewFirmPage />
            </RequireCapability>
          </HostOnly>
        ),
      },
      {
        path: 'platform/firms/:id',
        element: (
          <HostOnly kind="public">
            <RequireCapability anyOf={PLATFORM}>
              <FirmDetailPage />
            </RequireCapability>
          </HostOnly>
        ),
      },
      ...estatesRoutes,
      ...complaintsRoutes,
      ...notificationsRoutes,
      ...billingRoutes,
      ...disclosureRoutes,
      ...topicsRoutes,
      ...committeeRoutes,
      ...supervisionRoutes,
      ...dutyRoutes,
      ...noticeRoutes,
      ...decisionRoutes,
      ...scoringRoutes,
      ...votesRoutes,
      ...supportRoutes,
      ...auditRoutes,
      { path: '*', element: <NotFound />, handle: PLAIN },
    ],
  },
];

export const routes: RouteObject[] = [
  // Plain markup: a resident's phone opens it without downloading antd.
  {
    path: '/login',
    element: (
      <Page>
        <LoginPage />
      </Page>
    ),
  },
  ...framedRoutes,
  { element: <AntdOutlet />, children: antdRoutes },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
