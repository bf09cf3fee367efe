/**
 * The estates screens: routes (inside the logged-in layout), public routes (no login) and side-menu
 * entries. router.tsx and menu.tsx include these lists; this feature owns them.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { ApartmentOutlined, HomeOutlined } from '@ant-design/icons';
import { HostOnly, RequireCapability } from '../../app/guards';
import type { NavItem } from '../../app/menu';
import { FullPageSpinner } from '../../app/StatusPages';

const EstatesPage = lazy(() => import('./EstatesPage'));
const EstateDetailPage = lazy(() => import('./EstateDetailPage'));
const MyHomePage = lazy(() => import('./MyHomePage'));
const JoinPage = lazy(() => import('./JoinPage'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpinner />}>{children}</Suspense>;
}

function FirmScreen({ anyOf, children }: { anyOf: readonly string[]; children: ReactNode }) {
  return (
    <HostOnly kind="firm">
      <RequireCapability anyOf={anyOf}>
        <Page>{children}</Page>
      </RequireCapability>
    </HostOnly>
  );
}

const VIEW = ['estates.view'] as const;

export const estatesRoutes: RouteObject[] = [
  {
    path: 'estates',
    element: (
      <FirmScreen anyOf={VIEW}>
        <EstatesPage />
      </FirmScreen>
    ),
  },
  {
    path: 'estates/:id',
    element: (
      <FirmScreen anyOf={VIEW}>
        <EstateDetailPage />
      </FirmScreen>
    ),
  },
  {
    path: 'my-home',
    element: (
      <FirmScreen anyOf={['home.view']}>
        <MyHomePage />
      </FirmScreen>
    ),
  },
];

export const estatesPublicRoutes: RouteObject[] = [
  {
    path: '/join/:code',
    element: (
      <HostOnly kind="firm">
        <Page>
          <JoinPage />
        </Page>
      </HostOnly>
    ),
  },
];

export const estatesNav: NavItem[] = [
  {
    key: 'estates',
    path: '/estates',
    label: 'estates.title',
    icon: <ApartmentOutlined />,
    capabilities: ['estates.view'],
    hosts: ['firm'],
  },
  {
    key: 'my-home',
    path: '/my-home',
    label: 'estates.myHome.title',
    icon: <HomeOutlined />,
    capabilities: ['home.view'],
    hosts: ['firm'],
  },
];
