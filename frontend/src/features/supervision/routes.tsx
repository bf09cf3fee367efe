/**
 * The supervision screens (业主监督) and their menu entries: the rectification board and detail,
 * the KPIs. router.tsx and menu.tsx include these lists; every page loads lazily.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import {
  BarChartOutlined,
  CalendarOutlined,
  CameraOutlined,
  FileSearchOutlined,
  OrderedListOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { useMe } from '../../app/session';
import { FullPageSpinner } from '../../app/StatusPages';

const BoardPage = lazy(() => import('./BoardPage'));
const RectificationPage = lazy(() => import('./RectificationPage'));
const KpiPage = lazy(() => import('./KpiPage'));
const InspectPage = lazy(() => import('./InspectPage'));
const RoundPage = lazy(() => import('./RoundPage'));
const TemplateEditorPage = lazy(() => import('./TemplateEditorPage'));
const RoundsPage = lazy(() => import('./RoundsPage'));
const SchedulesPage = lazy(() => import('./SchedulesPage'));

const TRACK = ['supervision.track'] as const;
const INSPECT = ['supervision.inspect'] as const;
const VIEW = ['supervision.view'] as const;

function firmScreen(anyOf: readonly string[], page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={anyOf}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const supervisionRoutes: RouteObject[] = [
  { path: 'supervision/rectifications', element: firmScreen(TRACK, <BoardPage />) },
  { path: 'supervision/rectifications/:id', element: firmScreen(TRACK, <RectificationPage />) },
  { path: 'supervision/kpis', element: firmScreen(TRACK, <KpiPage />) },
  { path: 'supervision/inspect', element: firmScreen(INSPECT, <InspectPage />) },
  { path: 'supervision/templates', element: firmScreen(INSPECT, <TemplateEditorPage />) },
  { path: 'supervision/rounds', element: firmScreen(VIEW, <RoundsPage />) },
  { path: 'supervision/schedules', element: firmScreen(TRACK, <SchedulesPageForMe />) },
  { path: 'supervision/rounds/:id', element: firmScreen(VIEW, <RoundPage />) },
];

/** The committee (supervision.inspect) edits the schedule; the firm reads it. */
function SchedulesPageForMe() {
  const { data: me } = useMe();
  return <SchedulesPage canEdit={!!me?.capabilities.includes('supervision.inspect')} />;
}

export const supervisionNav: NavItem[] = [
  {
    key: 'supervision-schedules',
    path: '/supervision/schedules',
    label: 'supervision.nav.schedules',
    icon: <CalendarOutlined />,
    capabilities: TRACK,
    hosts: ['firm'],
  },
  {
    key: 'supervision-rounds',
    path: '/supervision/rounds',
    label: 'supervision.nav.rounds',
    icon: <FileSearchOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
  {
    key: 'supervision-inspect',
    path: '/supervision/inspect',
    label: 'supervision.nav.inspect',
    icon: <CameraOutlined />,
    capabilities: INSPECT,
    hosts: ['firm'],
  },
  {
    key: 'supervision-templates',
    path: '/supervision/templates',
    label: 'supervision.nav.templates',
    icon: <OrderedListOutlined />,
    capabilities: INSPECT,
    hosts: ['firm'],
  },
  {
    key: 'supervision-board',
    path: '/supervision/rectifications',
    label: 'supervision.nav.board',
    icon: <ToolOutlined />,
    capabilities: TRACK,
    hosts: ['firm'],
  },
  {
    key: 'supervision-kpis',
    path: '/supervision/kpis',
    label: 'supervision.nav.kpis',
    icon: <BarChartOutlined />,
    capabilities: TRACK,
    hosts: ['firm'],
  },
];
