/** The latest notices of the resident's estate on their home: pinned first, unread marked. */
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ButtonLink } from '../../app/ButtonLink';
import { colour, space } from '../../app/tokens';
import { useT, type MessageKey } from '../../i18n';
import { useNotices } from './api';

export function NoticesCard() {
  const t = useT();
  const notices = useNotices(undefined, 1, 3);
  const rows = notices.data?.results ?? [];
  if (rows.length === 0) return null;
  return (
    <Card
      title={t('notice.home.title')}
      size="small"
      data-testid="home-notices"
      extra={
        <ButtonLink to="/notices" type="link" size="small" data-testid="home-notices-all">
          {t('notice.home.all')}
        </ButtonLink>
      }
    >
      {rows.map((notice) => (
        <Link
          key={notice.id}
          to={`/notices?estate=${notice.estate}&notice=${notice.id}`}
          data-testid={`home-notice-${notice.id}`}
          style={{ color: 'inherit', display: 'block' }}
        >
          <Flex align="center" gap={space.xs} style={{ padding: `${space.sm}px 0`, borderTop: `1px solid ${colour.fill}` }}>
            {notice.pinned && <Tag color="red">{t('notice.pinned')}</Tag>}
            <Tag color={notice.side === 'committee' ? 'purple' : 'blue'}>{t(`notice.side.${notice.side}` as MessageKey)}</Tag>
            <Typography.Text strong={!notice.read_by_me} ellipsis style={{ flex: 1, minWidth: 0 }}>
              {notice.title}
            </Typography.Text>
          </Flex>
        </Link>
      ))}
    </Card>
  );
}
