/**
 * The inbox's screen and its side-menu entry; router.tsx and menu.tsx include these lists. The
 * page loads lazily; the header's bell (./NotificationBell) is part of the layout.
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { BellOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const NotificationsPage = lazy(() => import('./NotificationsPage'));

const VIEW = ['notifications.view'] as const;

export const notificationsRoutes: RouteObject[] = [
  {
    path: 'notifications',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={VIEW}>
          <Suspense fallback={<FullPageSpinner />}>
            <NotificationsPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

export const notificationsNav: NavItem[] = [
  {
    key: 'notifications',
    path: '/notifications',
    label: 'notifications.nav',
    icon: <BellOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
];
