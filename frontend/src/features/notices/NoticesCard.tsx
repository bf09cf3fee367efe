/** The latest notices of the resident's estate on their home: pinned first, unread marked.
 * Plain markup (src/app/plain/): the home loads no antd for it. */
import { Link } from 'react-router';
import { PlainButtonLink, PlainCard, PlainTag, type TagColour } from '../../app/plain/parts';
import { colour, space } from '../../app/tokens';
import { useT, type MessageKey } from '../../i18n';
import { useNotices } from './api';
import type { Notice } from './types';

// the same colours as the notices page, without importing it (the home loads no antd)
const SIDE_COLOUR: Record<Notice['side'], TagColour> = { committee: 'purple', firm: 'blue', system: 'cyan' };

export function NoticesCard() {
  const t = useT();
  const notices = useNotices(undefined, 1, 3);
  const rows = notices.data?.results ?? [];
  if (rows.length === 0) return null;
  return (
    <PlainCard
      title={t('notice.home.title')}
      testId="home-notices"
      extra={
        <PlainButtonLink to="/notices" kind="link" testId="home-notices-all">
          {t('notice.home.all')}
        </PlainButtonLink>
      }
    >
      {rows.map((notice) => (
        <Link
          key={notice.id}
          to={`/notices?estate=${notice.estate}&notice=${notice.id}`}
          data-testid={`home-notice-${notice.id}`}
          style={{ color: 'inherit', display: 'block' }}
        >
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: space.xs,
              padding: `${space.sm}px 0`,
              borderTop: `1px solid ${colour.fill}`,
            }}
          >
            {notice.pinned && <PlainTag colour="red">{t('notice.pinned')}</PlainTag>}
            <PlainTag colour={SIDE_COLOUR[notice.side]}>{t(`notice.side.${notice.side}` as MessageKey)}</PlainTag>
            <PlainTag testId={`home-notice-kind-${notice.id}`}>{t(`notice.kind.${notice.kind}` as MessageKey)}</PlainTag>
            <span className="p-ellipsis" style={{ flex: 1, minWidth: 0, fontWeight: notice.read_by_me ? undefined : 600 }}>
              {notice.title}
            </span>
          </div>
        </Link>
      ))}
    </PlainCard>
  );
}
