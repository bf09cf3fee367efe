/**
 * The logged-in frame: header (who and where, language, elder mode, user, logout)
 * and the side menu built from capabilities. Below the md breakpoint (phones) the
 * side menu moves into a drawer opened from the header.
 */
import { Suspense, useState } from 'react';
import { Avatar, Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Me, Site } from '../api/types';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { BillingBanner } from '../features/billing/BillingBanner';
import { useT } from '../i18n';
import { NAV_ITEMS, selectedNavKey, visibleNavItems } from './menu';
import { ElderToggle, LanguageSwitch } from './PreferenceControls';
import { clearSession, siteTitle } from './session';
import { FullPageSpinner } from './StatusPages';

export default function AppLayout({ me, site }: { me: Me; site: Site }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const items = visibleNavItems(NAV_ITEMS, { capabilities: me.capabilities, hostKind: site.host_kind });
  const selected = selectedNavKey(location.pathname, items);
  const title = siteTitle(site, t('app.platformTitle'));
  const displayName = me.full_name || me.email;

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: (
          <Link to={item.path} data-testid={`nav-${item.key}`} onClick={() => setDrawerOpen(false)}>
            {t(item.label)}
          </Link>
        ),
      }))}
      style={{ borderInlineEnd: 0 }}
    />
  );

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
            onClick={() => setDrawerOpen(true)}
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
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={title}
            size={280}
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: '12px 24px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
              <Typography.Text strong style={{ display: 'block' }}>
                {displayName}
              </Typography.Text>
              <Typography.Text type="secondary">{me.email}</Typography.Text>
            </div>
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Drawer>
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
