/**
 * The logged-in frame: header (who and where, language, elder mode, user, logout)
 * and the side menu built from capabilities. Below the md breakpoint (phones) the
 * side menu moves into a drawer opened from the header. The menu (and the drawer) load
 * apart from the frame: a resident's first screen does not wait for them.
 */
import { lazy, Suspense, useState } from 'react';
import { Avatar, Button, Grid, Layout, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Me, Site } from '../api/types';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { BillingBanner } from '../features/billing/BillingBanner';
import { useT } from '../i18n';
import { ElderToggle, LanguageSwitch } from './PreferenceControls';
import { clearSession, siteTitle } from './session';
import { FullPageSpinner } from './StatusPages';

/** antd's `md` breakpoint: narrower is a phone (menu in a drawer). */
const MD_QUERY = '(min-width: 768px)';

function narrowScreen(): boolean {
  return typeof window.matchMedia === 'function' && !window.matchMedia(MD_QUERY).matches;
}

const NavMenu = lazy(() => import('./NavMenu'));
const NavDrawer = lazy(() => import('./NavDrawer'));

export default function AppLayout({ me, site }: { me: Me; site: Site }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  // Before antd has measured (the first render), ask the browser: a phone must not start
  // loading the desktop's side menu.
  const isMobile = screens.md === undefined ? narrowScreen() : !screens.md;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on (so that it can animate closed), never before.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const title = siteTitle(site, t('app.platformTitle'));
  const displayName = me.full_name || me.email;

  async function logout() {
    setLoggingOut(true);
    try {
      await api.post<void>('auth/logout/');
    } catch {
      /* the session is gone either way from this screen's point of view */
    } finally {
      clearSession(queryClient);
      setLoggingOut(false);
      navigate('/login', { replace: true });
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: isMobile ? 4 : 12,
          paddingInline: isMobile ? 8 : 24,
          background: '#fff',
          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 'auto',
          minHeight: 64,
          lineHeight: 'normal',
        }}
      >
        {isMobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('app.openMenu')}
            aria-expanded={drawerOpen}
            data-testid="menu-toggle"
            onClick={() => {
              setDrawerUsed(true);
              setDrawerOpen(true);
            }}
          />
        )}
        <Link to="/" style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text
            strong
            ellipsis
            data-testid="site-title"
            style={{ fontSize: '1.15em', display: 'block', color: 'inherit' }}
          >
            {title}
          </Typography.Text>
        </Link>
        <LanguageSwitch compact={isMobile} />
        <ElderToggle compact={isMobile} />
        <NotificationBell />
        {/* On a phone the profile is in the drawer menu: the header keeps its room for the title. */}
        {!isMobile && (
          <Link
            to="/profile"
            aria-label={`${t('header.profile')}: ${displayName}`}
            data-testid="user-menu"
            style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}
          >
            <Avatar style={{ background: '#1677ff', flex: 'none' }} aria-hidden>
              {displayName.slice(0, 1).toUpperCase()}
            </Avatar>
            <Typography.Text ellipsis style={{ maxWidth: 160 }}>
              {displayName}
            </Typography.Text>
          </Link>
        )}
        <Button
          data-testid="logout"
          type="text"
          icon={<LogoutOutlined />}
          loading={loggingOut}
          aria-label={t('header.logout')}
          onClick={logout}
        >
          {isMobile ? null : t('header.logout')}
        </Button>
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid rgba(5, 5, 5, 0.06)' }}>
            <nav aria-label={t('app.menu')}>
              <Suspense fallback={null}>
                <NavMenu me={me} site={site} />
              </Suspense>
            </nav>
          </Layout.Sider>
        )}
        {isMobile && drawerUsed && (
          <Suspense fallback={null}>
            <NavDrawer me={me} site={site} title={title} open={drawerOpen} onClose={() => setDrawerOpen(false)} />
          </Suspense>
        )}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <BillingBanner />
          <Suspense fallback={<FullPageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
