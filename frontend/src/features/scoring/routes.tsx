/**
 * The service-scoring screens (服务评分) and their menu entries. router.tsx and menu.tsx include
 * these lists; every page loads lazily.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { AlertOutlined, FormOutlined, FundOutlined, SlidersOutlined, TrophyOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const SurveysPage = lazy(() => import('./SurveysPage'));
const SurveyPage = lazy(() => import('./SurveyPage'));
const ScoresPage = lazy(() => import('./ScoresPage'));
const ScorePage = lazy(() => import('./ScorePage'));
const WeightsPage = lazy(() => import('./WeightsPage'));
const PortfolioPage = lazy(() => import('./PortfolioPage'));
const AlertsPage = lazy(() => import('./AlertsPage'));

const VIEW = ['scoring.view'] as const;
/** The firm's keepers and the committee: weights, the portfolio, alerts. */
const MANAGE = ['scoring.draft', 'scoring.supervise'] as const;

function firmScreen(anyOf: readonly string[], page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={anyOf}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const scoringRoutes: RouteObject[] = [
  { path: 'scoring/surveys', element: firmScreen(VIEW, <SurveysPage />) },
  { path: 'scoring/surveys/:id', element: firmScreen(VIEW, <SurveyPage />) },
  { path: 'scoring/scores', element: firmScreen(VIEW, <ScoresPage />) },
  { path: 'scoring/scores/:id', element: firmScreen(VIEW, <ScorePage />) },
  { path: 'scoring/weights', element: firmScreen(MANAGE, <WeightsPage />) },
  { path: 'scoring/portfolio', element: firmScreen(MANAGE, <PortfolioPage />) },
  { path: 'scoring/alerts', element: firmScreen(MANAGE, <AlertsPage />) },
];

export const scoringNav: NavItem[] = [
  {
    key: 'scoring-surveys',
    path: '/scoring/surveys',
    label: 'scoring.nav.surveys',
    icon: <FormOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
  {
    key: 'scoring-scores',
    path: '/scoring/scores',
    label: 'scoring.nav.scores',
    icon: <TrophyOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
  {
    key: 'scoring-portfolio',
    path: '/scoring/portfolio',
    label: 'scoring.nav.portfolio',
    icon: <FundOutlined />,
    capabilities: MANAGE,
    hosts: ['firm'],
  },
  {
    key: 'scoring-weights',
    path: '/scoring/weights',
    label: 'scoring.nav.weights',
    icon: <SlidersOutlined />,
    capabilities: MANAGE,
    hosts: ['firm'],
  },
  {
    key: 'scoring-alerts',
    path: '/scoring/alerts',
    label: 'scoring.nav.alerts',
    icon: <AlertOutlined />,
    capabilities: MANAGE,
    hosts: ['firm'],
  },
];
