/**
 * The disclosure screens (公共收益公示) and their menu entries: statements for everyone who
 * may read them, the ledger for those who keep or audit the books. router.tsx and menu.tsx
 * include these lists.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { AccountBookOutlined, AuditOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const StatementsPage = lazy(() => import('./StatementsPage'));
const StatementPage = lazy(() => import('./StatementPage'));
const LedgerPage = lazy(() => import('./LedgerPage'));
const CheckPage = lazy(() => import('./CheckPage'));

const VIEW = ['disclosure.view'] as const;
const LEDGER = ['disclosure.keep', 'disclosure.ledger'] as const;

function firmScreen(anyOf: readonly string[], page: ReactNode): ReactNode {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={anyOf}>
        <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>
      </RequireCapability>
    </HostOnly>
  );
}

export const disclosureRoutes: RouteObject[] = [
  { path: 'disclosure', element: firmScreen(VIEW, <StatementsPage />) },
  { path: 'disclosure/statements/:id', element: firmScreen(VIEW, <StatementPage />) },
  { path: 'disclosure/ledger', element: firmScreen(LEDGER, <LedgerPage />) },
];

/** No login: the page behind the QR code of a paper notice. */
export const disclosurePublicRoutes: RouteObject[] = [
  {
    path: '/disclosure/check/:id',
    element: (
      <HostOnly kind="firm">
        <Suspense fallback={<FullPageSpinner />}>
          <CheckPage />
        </Suspense>
      </HostOnly>
    ),
  },
];

export const disclosureNav: NavItem[] = [
  {
    key: 'disclosure',
    path: '/disclosure',
    label: 'disclosure.nav.statements',
    icon: <AuditOutlined />,
    capabilities: VIEW,
    hosts: ['firm'],
  },
  {
    key: 'disclosure-ledger',
    path: '/disclosure/ledger',
    label: 'disclosure.nav.ledger',
    icon: <AccountBookOutlined />,
    capabilities: LEDGER,
    hosts: ['firm'],
  },
];
