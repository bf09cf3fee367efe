/**
 * The deliberation hall's screens (议事厅) and their menu entry: every signed-in user of a firm
 * host reads the hall of their estates; the server decides who may raise, support or moderate.
 * router.tsx and menu.tsx include these lists.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { CommentOutlined } from '@ant-design/icons';
import { HostOnly } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const TopicsPage = lazy(() => import('./TopicsPage'));
const TopicPage = lazy(() => import('./TopicPage'));
const RaiseTopicPage = lazy(() => import('./RaiseTopicPage'));

function screen(page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
    </HostOnly>
  );
}

export const topicsRoutes: RouteObject[] = [
  { path: 'topics', element: screen(<TopicsPage />) },
  { path: 'topics/new', element: screen(<RaiseTopicPage />) },
  { path: 'topics/:id', element: screen(<TopicPage />) },
];

export const topicsNav: NavItem[] = [
  { key: 'topics', path: '/topics', label: 'topics.nav', icon: <CommentOutlined />, hosts: ['firm'] },
];
