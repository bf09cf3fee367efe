/**
 * The resident's home: the firm's name, a big "我要报事", their home(s) named as people say them
 * ("阳光花园 1栋101") and their open requests with state and the time left until the promised time.
 * Light on purpose (no table, no menu catalogue): it is the first screen on a phone.
 */
import { lazy, Suspense } from 'react';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { EditOutlined, HomeOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { ButtonLink } from '../../app/ButtonLink';
import { hasCapability, useSite } from '../../app/session';
import { useT, type TFunction } from '../../i18n';
import { NoticesCard } from '../notices/NoticesCard';
import { ScoringHomeCard } from '../scoring/ScoringHomeCard';
import type { RequestRow } from '../complaints/types';
import { formatDuration, StatusTag } from '../complaints/ui';
import type { HomeUnit } from '../estates/types';
import { myHomeQuery, openRequestsQuery } from './queries';
import { colour, flush, space } from '../../app/tokens';

/** A committee member (who is a resident too) also sees the estate's score and the improvement
 * plans awaiting their confirmation; its own chunk, so a resident's phone never loads it. */
const StaffScoringCard = lazy(() => import('../scoring/StaffScoringCard'));

/**
 * "阳光花园 1栋101": estate, building and number as people say them, never the unit's code.
 * A building named by a bare number ("1") is said with 栋; a named one ("3号楼") as it is.
 */
export function homeName(t: TFunction, unit: Pick<HomeUnit, 'estate_name' | 'building_name' | 'number'>): string {
  const vars = { estate: unit.estate_name, building: unit.building_name.trim(), number: unit.number };
  return /^\d+$/.test(vars.building) ? t('home.resident.unitNumbered', vars) : t('home.resident.unitNamed', vars);
}

/** "还剩 3 小时 20 分钟" / "已超时 2 天 1 小时" until the promised time; empty when no clock runs. */
export function timeLeft(t: TFunction, dueAt: string | null | undefined, now: number = Date.now()): string {
  if (!dueAt) return '';
  const seconds = (new Date(dueAt).getTime() - now) / 1000;
  return seconds >= 0
    ? t('home.resident.timeLeft', { time: formatDuration(t, seconds) })
    : t('home.resident.overdue', { time: formatDuration(t, seconds) });
}

function RequestItem({ row, now }: { row: RequestRow; now: number }) {
  const t = useT();
  const left = timeLeft(t, row.due_at, now);
  const late = !!row.due_at && new Date(row.due_at).getTime() < now;
  return (
    <Link to={`/requests/${row.id}`} data-testid={`home-request-${row.id}`} style={{ color: 'inherit', display: 'block' }}>
      <Flex align="center" gap={space.sm} style={{ padding: `${space.ms}px 0`, borderTop: `1px solid ${colour.fill}` }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong ellipsis style={{ display: 'block' }}>
            {row.description || row.place}
          </Typography.Text>
          <Flex wrap gap={space.sm} align="center" style={{ marginTop: space.xs }}>
            <StatusTag t={t} status={row.status} testId={`home-request-status-${row.id}`} />
            {row.status === 'resolved' ? (
              <Typography.Text type="warning" data-testid={`home-request-rate-${row.id}`} style={{ fontSize: '0.9em' }}>
                {t('home.resident.toRate')}
              </Typography.Text>
            ) : (
              left && (
                <Typography.Text
                  type={late ? 'danger' : 'secondary'}
                  data-testid={`home-request-due-${row.id}`}
                  style={{ fontSize: '0.9em' }}
                >
                  {left}
                </Typography.Text>
              )
            )}
          </Flex>
        </div>
        <RightOutlined aria-hidden style={{ color: colour.faint }} />
      </Flex>
    </Link>
  );
}

export default function ResidentHome({ me }: { me: Me }) {
  const t = useT();
  const { data: site } = useSite();
  const home = useQuery(myHomeQuery);
  const open = useQuery(openRequestsQuery);
  const units = home.data ?? [];
  const rows = open.data?.results ?? [];

  return (
    <Flex vertical gap={space.md} data-testid="resident-home" style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Card>
        {site?.firm && (
          <Typography.Text type="secondary" data-testid="home-firm-name" style={{ display: 'block' }}>
            {site.firm.name}
          </Typography.Text>
        )}
        <Typography.Title level={3} style={{ marginTop: space.xs }}>
          {t('home.resident.hello', { name: me.full_name || me.email })}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="current-user" style={{ display: 'block', marginBottom: space.md }}>
          {me.email}
        </Typography.Text>
        <ButtonLink to="/requests/new" type="primary" size="large" block icon={<EditOutlined />} data-testid="home-report">
          {t('home.resident.report')}
        </ButtonLink>
      </Card>

      <ScoringHomeCard />

      {hasCapability(me, 'scoring.supervise') && (
        <Suspense fallback={null}>
          <StaffScoringCard committee />
        </Suspense>
      )}

      <NoticesCard />

      <Card title={t('home.resident.myHomes')} size="small" data-testid="home-units">
        {home.isPending ? (
          <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
        ) : units.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.resident.noHome')} />
        ) : (
          <Flex vertical gap={space.sm}>
            {units.map((unit) => (
              <Flex key={unit.id} align="center" gap={space.sm} data-testid={`home-unit-${unit.id}`}>
                <HomeOutlined aria-hidden />
                <Typography.Text strong>{homeName(t, unit)}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>

      <Card
        title={t('home.resident.openRequests')}
        size="small"
        data-testid="home-open-requests"
        extra={
          <Link to="/requests" data-testid="home-all-requests">
            {t('home.resident.allRequests')}
          </Link>
        }
      >
        {open.isPending ? (
          <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
        ) : open.isError ? (
          <Flex align="center" gap={space.sm}>
            <Typography.Text type="danger">{t('home.resident.loadFailed')}</Typography.Text>
            <Button size="small" onClick={() => open.refetch()} data-testid="home-retry">
              {t('app.retry')}
            </Button>
          </Flex>
        ) : rows.length === 0 ? (
          <Typography.Paragraph type="secondary" style={flush} data-testid="home-no-open">
            {t('home.resident.noOpen')}
          </Typography.Paragraph>
        ) : (
          rows.map((row) => <RequestItem key={row.id} row={row} now={open.dataUpdatedAt} />)
        )}
      </Card>
    </Flex>
  );
}
