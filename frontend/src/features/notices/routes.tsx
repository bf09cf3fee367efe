/** The notices screen and menu entry; router.tsx and menu.tsx include these lists. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { NotificationOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const NoticesPage = lazy(() => import('./NoticesPage'));

const VIEW = ['notifications.view'] as const;

export const noticeRoutes: RouteObject[] = [
  {
    path: 'notices',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={VIEW}>
          <Suspense fallback={<FullPageSpinner />}>
            <NoticesPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

export const noticeNav: NavItem[] = [
  {
    key: 'notices',
    path: '/notices',
    label: 'notice.nav',
    icon: <NotificationOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
];
