/**
 * The header's bell: unread count as a badge, polled every 30 s, opening the inbox. Shown on a
 * firm host to users who may read notifications. Loads nothing but the inbox's small API; plain
 * markup (antd's text Button and small Badge, drawn in src/app/plain/frame.css): it is in the
 * frame of every logged-in screen.
 */
import BellOutlined from '@ant-design/icons-svg/es/asn/BellOutlined';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { PlainButtonLink } from '../../app/plain/parts';
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
    <PlainButtonLink
      to="/notifications"
      kind="text"
      testId="notification-bell"
      data-count={count}
      aria-label={label}
      title={label}
      icon={
        <span className="p-badge-wrap">
          <PlainIcon icon={BellOutlined} />
          {count > 0 && (
            <sup className="p-badge" aria-hidden>
              {count > 99 ? '99+' : count}
            </sup>
          )}
        </span>
      }
    />
  );
}
