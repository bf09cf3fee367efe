/**
 * The header's bell: unread count as a badge, polled every 30 s, opening the inbox. Shown on a
 * firm host to users who may read notifications. Loads nothing but the inbox's small API.
 */
import { Badge } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { ButtonLink } from '../../app/ButtonLink';
import { hasCapability, useMe, useSite } from '../../app/session';
import { useT } from '../../i18n';
import { useUnreadCount } from './api';

export function NotificationBell() {
  const t = useT();
  const { data: me } = useMe();
  const { data: site } = useSite();
  const enabled = site?.host_kind === 'firm' && hasCapability(me, 'notifications.view');
  const unread = useUnreadCount(enabled);
  if (!enabled) return null;
  const count = unread.data?.unread ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.title');
  return (
    <ButtonLink
      to="/notifications"
      type="text"
      data-testid="notification-bell"
      data-count={count}
      aria-label={label}
      title={label}
      icon={
        <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: '1.2em' }} />
        </Badge>
      }
    />
  );
}
