/** The responsibility list's screen and menu entry; router.tsx and menu.tsx include these lists. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { PartitionOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const ResponsibilitiesPage = lazy(() => import('./ResponsibilitiesPage'));

const VIEW = ['supervision.view'] as const;

export const dutyRoutes: RouteObject[] = [
  {
    path: 'responsibilities',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={VIEW}>
          <Suspense fallback={<FullPageSpinner />}>
            <ResponsibilitiesPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

export const dutyNav: NavItem[] = [
  {
    key: 'responsibilities',
    path: '/responsibilities',
    label: 'duty.nav',
    icon: <PartitionOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
];
