/**
 * The complaints screens: routes (inside the logged-in layout), public routes (no login) and side-menu
 * entries. router.tsx and menu.tsx include these lists; this feature owns them. Every page loads
 * lazily, one chunk per route.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import {
  CustomerServiceOutlined,
  EditOutlined,
  FileTextOutlined,
  FundOutlined,
  ToolOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';
import { lazyPage } from '../../app/lazyPage';
import { PLAIN } from '../../app/withAntd';

export const SubmitPage = lazyPage(() => import('./SubmitPage'));
const MyRequestsPage = lazy(() => import('./MyRequestsPage'));
const RequestDetailPage = lazy(() => import('./RequestDetailPage'));
const DeskPage = lazy(() => import('./DeskPage'));
const DashboardPage = lazy(() => import('./DashboardPage'));
const BoardPage = lazy(() => import('./BoardPage'));
const MyTasksPage = lazy(() => import('./MyTasksPage'));

const SUBMIT = ['complaints.submit'] as const;
// The menu offers "report"/"my requests" to people with a home; staff record requests at the desk.
const HOME = ['home.view'] as const;
const VIEW = ['complaints.view'] as const;
const HANDLE = ['complaints.handle'] as const;
const KPI = ['complaints.kpi'] as const;
const BOARD = ['complaints.board'] as const;

function firmScreen(anyOf: readonly string[], page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={anyOf}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const complaintsRoutes: RouteObject[] = [
  // plain markup (no antd around it): the form a resident opens most
  { path: 'requests/new', element: firmScreen(SUBMIT, <SubmitPage />), handle: PLAIN },
  { path: 'requests', element: firmScreen(SUBMIT, <MyRequestsPage />) },
  { path: 'requests/:id', element: firmScreen(VIEW, <RequestDetailPage />) },
  // a committee member reaches the desk list read-only, from a KPI tile (the requests behind it)
  { path: 'desk', element: firmScreen([...HANDLE, ...KPI], <DeskPage />) },
  { path: 'tasks', element: firmScreen(HANDLE, <MyTasksPage />) },
  { path: 'complaints/dashboard', element: firmScreen(KPI, <DashboardPage />) },
  { path: 'complaints/board', element: firmScreen(BOARD, <BoardPage />) },
];

export const complaintsPublicRoutes: RouteObject[] = [];

export const complaintsNav: NavItem[] = [
  {
    key: 'requests-new',
    path: '/requests/new',
    label: 'complaints.nav.submit',
    icon: <EditOutlined />,
    capabilities: HOME,
    hosts: ['firm'],
  },
  {
    key: 'requests',
    path: '/requests',
    label: 'complaints.nav.mine',
    icon: <FileTextOutlined />,
    capabilities: HOME,
    hosts: ['firm'],
  },
  {
    key: 'tasks',
    path: '/tasks',
    label: 'complaints.nav.tasks',
    icon: <ToolOutlined />,
    capabilities: HANDLE,
    hosts: ['firm'],
  },
  {
    key: 'desk',
    path: '/desk',
    label: 'complaints.nav.desk',
    icon: <CustomerServiceOutlined />,
    capabilities: HANDLE,
    hosts: ['firm'],
  },
  {
    key: 'complaints-dashboard',
    path: '/complaints/dashboard',
    label: 'complaints.nav.dashboard',
    icon: <FundOutlined />,
    capabilities: KPI,
    hosts: ['firm'],
  },
  {
    key: 'complaints-board',
    path: '/complaints/board',
    label: 'complaints.nav.board',
    icon: <WarningOutlined />,
    capabilities: BOARD,
    hosts: ['firm'],
  },
];
