/** The phone's menu: a drawer from the left, loaded the first time it is opened. */
import { lazy, Suspense } from 'react';
import { Drawer, Typography } from 'antd';
import type { Me, Site } from '../api/types';
import { useT } from '../i18n';

const NavMenu = lazy(() => import('./NavMenu'));

export default function NavDrawer({
  me,
  site,
  title,
  open,
  onClose,
}: {
  me: Me;
  site: Site;
  title: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Drawer placement="left" open={open} onClose={onClose} title={title} size={280} styles={{ body: { padding: 0 } }}>
      <div style={{ padding: '12px 24px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
        <Typography.Text strong style={{ display: 'block' }}>
          {me.full_name || me.email}
        </Typography.Text>
        <Typography.Text type="secondary">{me.email}</Typography.Text>
      </div>
      <nav aria-label={t('app.menu')}>
        <Suspense fallback={null}>
          <NavMenu me={me} site={site} onNavigate={onClose} />
        </Suspense>
      </nav>
    </Drawer>
  );
}
