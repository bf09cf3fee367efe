/**
 * Support access's screens and menu entry: the firm admins' page (firm host) and the entry
 * page a platform admin's ticket opens (firm host, before any session). router.tsx and
 * menu.tsx include these lists; the platform's card sits on the firm's page.
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { RocketOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const SupportPage = lazy(() => import('./SupportPage'));
const SupportEnterPage = lazy(() => import('./SupportEnterPage'));
const OnboardingPage = lazy(() => import('./onboarding/OnboardingPage'));

const DECIDE = ['support.decide'] as const;
// the firm's admin, and a platform admin under a support grant
const ONBOARD = ['estates.create'] as const;

export const supportRoutes: RouteObject[] = [
  {
    path: 'support',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={DECIDE}>
          <Suspense fallback={<FullPageSpinner />}>
            <SupportPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
  {
    path: 'support/onboarding',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={ONBOARD}>
          <Suspense fallback={<FullPageSpinner />}>
            <OnboardingPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

/** Outside the logged-in frame: the ticket makes the session. */
export const supportPublicRoutes: RouteObject[] = [
  {
    path: '/support/enter',
    element: (
      <HostOnly kind="firm">
        <Suspense fallback={<FullPageSpinner />}>
          <SupportEnterPage />
        </Suspense>
      </HostOnly>
    ),
  },
];

export const supportNav: NavItem[] = [
  {
    key: 'support',
    path: '/support',
    label: 'support.nav',
    icon: <SafetyCertificateOutlined />,
    capabilities: DECIDE,
    hosts: ['firm'],
  },
  {
    key: 'onboarding',
    path: '/support/onboarding',
    label: 'support.onboarding.nav',
    icon: <RocketOutlined />,
    capabilities: ONBOARD,
    hosts: ['firm'],
  },
];
