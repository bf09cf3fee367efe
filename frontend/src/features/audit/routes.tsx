/**
 * The audit log's screen and its side-menu entry; router.tsx and menu.tsx include these lists.
 * `audit.view`: firm admins (whole firm) and auditors (their estate, within their dates).
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { AuditOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const AuditPage = lazy(() => import('./AuditPage'));

const VIEW = ['audit.view'] as const;

export const auditRoutes: RouteObject[] = [
  {
    path: 'audit',
    element: (
      <HostOnly kind="firm">
        <RequireCapability anyOf={VIEW}>
          <Suspense fallback={<FullPageSpinner />}>
            <AuditPage />
          </Suspense>
        </RequireCapability>
      </HostOnly>
    ),
  },
];

export const auditNav: NavItem[] = [
  {
    key: 'audit',
    path: '/audit',
    label: 'audit.nav',
    icon: <AuditOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
];
