/**
 * The side menu's items for this user, loaded apart from the frame: a resident on a phone
 * opens it rarely, so its code (antd's Menu and the modules' icons) is not in the first
 * download.
 */
import { Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import type { Me, Site } from '../api/types';
import { useT } from '../i18n';
import { NAV_ITEMS, selectedNavKey, visibleNavItems } from './menu';

export default function NavMenu({ me, site, onNavigate }: { me: Me; site: Site; onNavigate?: () => void }) {
  const t = useT();
  const location = useLocation();
  const items = visibleNavItems(NAV_ITEMS, { capabilities: me.capabilities, hostKind: site.host_kind });
  const selected = selectedNavKey(location.pathname, items);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: (
          <Link to={item.path} data-testid={`nav-${item.key}`} onClick={onNavigate}>
            {t(item.label)}
          </Link>
        ),
      }))}
      style={{ borderInlineEnd: 0 }}
    />
  );
}
