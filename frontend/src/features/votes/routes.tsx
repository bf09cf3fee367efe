/**
 * The votes screens (业主大会表决) and their menu entry. Every logged-in user of a firm host
 * may open them: what each sees and may do is the API's answer (the vote's `actions`, the
 * committee-only ballot lists), so the firm reads turnout and results and nothing else.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { CheckSquareOutlined } from '@ant-design/icons';
import { HostOnly } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const VotesPage = lazy(() => import('./VotesPage'));
const VotePage = lazy(() => import('./VotePage'));
const VoteFormPage = lazy(() => import('./VoteFormPage'));
const NoticePage = lazy(() => import('./NoticePage'));

function screen(page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
    </HostOnly>
  );
}

export const votesRoutes: RouteObject[] = [
  { path: 'votes', element: screen(<VotesPage />) },
  { path: 'votes/new', element: screen(<VoteFormPage />) },
  { path: 'votes/:id', element: screen(<VotePage />) },
  { path: 'votes/:id/edit', element: screen(<VoteFormPage />) },
  { path: 'votes/:id/notice', element: screen(<NoticePage />) },
];

export const votesNav: NavItem[] = [
  { key: 'votes', path: '/votes', label: 'votes.nav', icon: <CheckSquareOutlined />, hosts: ['firm'] },
];
