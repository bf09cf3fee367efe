/**
 * The committee's screens and menu entries: the roster and its history (everyone who sees an
 * estate), the filings and the filing form (the chair; an owner of record for a first filing),
 * and the platform's review queue (public host). router.tsx and menu.tsx include these lists.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { AuditOutlined, FileProtectOutlined, SolutionOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const CommitteePage = lazy(() => import('./CommitteePage'));
const FilingsPage = lazy(() => import('./FilingsPage'));
const FilingFormPage = lazy(() => import('./FilingFormPage'));
const FilingQueuePage = lazy(() => import('../platform/FilingQueuePage'));
const FilingReviewPage = lazy(() => import('../platform/FilingReviewPage'));

const VIEW = ['estates.view'] as const;
const FILE = ['committee.file'] as const;
const REVIEW = ['platform.filings.review'] as const;

function screen(kind: 'firm' | 'public', anyOf: readonly string[], page: ReactNode): ReactNode {
  return (
    <HostOnly kind={kind}>
      <RequireCapability anyOf={anyOf}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const committeeRoutes: RouteObject[] = [
  { path: 'committee', element: screen('firm', VIEW, <CommitteePage />) },
  { path: 'committee/filings', element: screen('firm', FILE, <FilingsPage />) },
  { path: 'committee/filings/new', element: screen('firm', FILE, <FilingFormPage />) },
  { path: 'platform/filings', element: screen('public', REVIEW, <FilingQueuePage />) },
  { path: 'platform/filings/:id', element: screen('public', REVIEW, <FilingReviewPage />) },
];

export const committeeNav: NavItem[] = [
  {
    key: 'committee',
    path: '/committee',
    label: 'committee.nav.roster',
    icon: <SolutionOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
  {
    key: 'committee-filings',
    path: '/committee/filings',
    label: 'committee.nav.filings',
    icon: <FileProtectOutlined />,
    capabilities: FILE,
    hosts: ['firm'],
  },
  {
    key: 'platform-filings',
    path: '/platform/filings',
    label: 'committee.nav.review',
    icon: <AuditOutlined />,
    capabilities: REVIEW,
    hosts: ['public'],
  },
];
