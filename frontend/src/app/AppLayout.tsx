/**
 * The logged-in frame: header (who and where, language, elder mode, user, logout)
 * and the side menu built from capabilities. Below the md breakpoint (phones) the
 * side menu moves into a drawer opened from the header. The menu (and the drawer) load
 * apart from the frame: a resident's first screen does not wait for them.
 *
 * Plain markup drawn like antd's Layout (src/app/plain/frame.css): the frame is on every
 * logged-in screen, so it carries no antd. The screen inside it renders in antd's providers
 * (`WithAntd`) unless its route is marked `handle: PLAIN` (the resident's home and request
 * form, in plain markup): a resident's phone then never downloads antd.
 */
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import LogoutOutlined from '@ant-design/icons-svg/es/asn/LogoutOutlined';
import MenuOutlined from '@ant-design/icons-svg/es/asn/MenuOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useMatches, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Me, Site } from '../api/types';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { BillingBanner } from '../features/billing/BillingBanner';
import { SupportBanner } from '../features/support/SupportBanner';
import { useT } from '../i18n';
import { PlainButton } from './plain';
import { PlainIcon } from './plain/PlainIcon';
import { PlainToasts } from './plain/toast';
import './plain/frame.css';
import { ElderToggle, LanguageSwitch } from './PreferenceControls';
import { clearSession, siteTitle } from './session';
import { FullPageSpinner } from './StatusPages';
import { WithAntd } from './withAntd';

/** antd's `md` breakpoint: narrower is a phone (menu in a drawer). */
const MD_QUERY = '(min-width: 768px)';

function subscribeWidth(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(MD_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function narrowScreen(): boolean {
  return typeof window.matchMedia === 'function' && !window.matchMedia(MD_QUERY).matches;
}

/** Below antd's `md` breakpoint (as `Grid.useBreakpoint`), kept current as the window turns. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribeWidth, narrowScreen, () => false);
}

function usePlainScreen(): boolean {
  const matches = useMatches();
  const leaf = matches[matches.length - 1];
  return (leaf?.handle as { plain?: boolean } | undefined)?.plain === true;
}

const NavMenu = lazy(() => import('./NavMenu'));
const NavDrawer = lazy(() => import('./NavDrawer'));

export default function AppLayout({ me, site }: { me: Me; site: Site }) {
  const t = useT();
  const isMobile = useNarrowScreen();
  const plainScreen = usePlainScreen();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on (so that it can animate closed), never before.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const title = siteTitle(site, t('app.platformTitle'));
  const displayName = me.full_name || me.email;

  async function logout() {
    if (loggingOut) return;
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
    <div className="p-layout">
      <PlainToasts />
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className={isMobile ? 'p-header is-mobile' : 'p-header'}>
        {isMobile && (
          <PlainButton
            kind="text"
            aria-label={t('app.openMenu')}
            aria-expanded={drawerOpen}
            data-testid="menu-toggle"
            onClick={() => {
              setDrawerUsed(true);
              setDrawerOpen(true);
            }}
          >
            <PlainIcon icon={MenuOutlined} />
          </PlainButton>
        )}
        <Link to="/" className="p-header-home">
          <strong data-testid="site-title" className="p-header-title p-ellipsis">
            {title}
          </strong>
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
            className="p-header-user"
          >
            <span className="p-avatar" aria-hidden>
              {displayName.slice(0, 1).toUpperCase()}
            </span>
            <span className="p-ellipsis">{displayName}</span>
          </Link>
        )}
        <PlainButton data-testid="logout" kind="text" loading={loggingOut} aria-label={t('header.logout')} onClick={logout}>
          <PlainIcon icon={LogoutOutlined} />
          {isMobile ? null : <span>{t('header.logout')}</span>}
        </PlainButton>
      </header>
      <div className="p-frame-body">
        {!isMobile && (
          <aside className="p-sider">
            <nav aria-label={t('app.menu')}>
              <WithAntd fallback={null}>
                <NavMenu me={me} site={site} />
              </WithAntd>
            </nav>
          </aside>
        )}
        {isMobile && drawerUsed && (
          <WithAntd fallback={null}>
            <NavDrawer me={me} site={site} title={title} open={drawerOpen} onClose={() => setDrawerOpen(false)} />
          </WithAntd>
        )}
        <main id="main" tabIndex={-1} className={isMobile ? 'p-content is-mobile' : 'p-content'}>
          <BillingBanner />
          <SupportBanner />
          <Suspense fallback={<FullPageSpinner />}>
            {plainScreen ? (
              <Outlet />
            ) : (
              <WithAntd>
                <Outlet />
              </WithAntd>
            )}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
