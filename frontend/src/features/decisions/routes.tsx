/** The tracked-decision screens and menu entry; router.tsx and menu.tsx include these lists. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { CheckSquareOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const DecisionsPage = lazy(() => import('./DecisionsPage'));
const DecisionPage = lazy(() => import('./DecisionPage'));

const VIEW = ['notifications.view'] as const;

function guarded(page: React.ReactNode) {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={VIEW}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const decisionRoutes: RouteObject[] = [
  { path: 'decisions', element: guarded(<DecisionsPage />) },
  { path: 'decisions/:id', element: guarded(<DecisionPage />) },
];

export const decisionNav: NavItem[] = [
  {
    key: 'decisions',
    path: '/decisions',
    label: 'decision.nav',
    icon: <CheckSquareOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
];
