/**
 * Billing's screens and menu entries: the firm's billing page (firm host) and the platform's
 * billing console (public host). router.tsx and menu.tsx include these lists.
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { CreditCardOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const BillingPage = lazy(() => import('./BillingPage'));
const BillingConsolePage = lazy(() => import('../platform/BillingConsolePage'));

const MANAGE = ['billing.manage'] as const;
const PLATFORM = ['platform.billing.manage'] as const;

export const billingRoutes: RouteObject[] = [
  {
    path: 'billing',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={MANAGE}>
          <Suspense fallback={<FullPageSpinner />}>
            <BillingPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
  {
    path: 'platform/billing',
    element: (
      <HostOnly kind="public">
        <RequireCapability anyOf={PLATFORM}>
          <Suspense fallback={<FullPageSpinner />}>
            <BillingConsolePage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

export const billingNav: NavItem[] = [
  { key: 'billing', path: '/billing', label: 'billing.nav', icon: <CreditCardOutlined />, capabilities: MANAGE, hosts: ['firm'] },
  {
    key: 'platform-billing',
    path: '/platform/billing',
    label: 'billing.platform.nav',
    icon: <CreditCardOutlined />,
    capabilities: PLATFORM,
    hosts: ['public'],
  },
];
