/**
 * The resident's home: the firm's name, a big "我要报事", their home(s) named as people say them
 * ("阳光花园 1栋101") and their open requests with state and the time left until the promised time;
 * below them, each of their estates' latest published statement and score (EstateDigestCard).
 * Light on purpose (no table, no menu catalogue): it is the first screen on a phone, in plain
 * markup (src/app/plain/) rather than antd's Card, Typography and Empty.
 */
import { lazy, Suspense } from 'react';
import EditOutlined from '@ant-design/icons-svg/es/asn/EditOutlined';
import HomeOutlined from '@ant-design/icons-svg/es/asn/HomeOutlined';
import RightOutlined from '@ant-design/icons-svg/es/asn/RightOutlined';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { PlainButton } from '../../app/plain';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { PlainButtonLink, PlainCard } from '../../app/plain/parts';
import { hasCapability, useSite } from '../../app/session';
import { WithAntd } from '../../app/withAntd';
import { useT, type TFunction } from '../../i18n';
import { NoticesCard } from '../notices/NoticesCard';
import { ScoringHomeCard } from '../scoring/ScoringHomeCard';
import type { RequestRow } from '../complaints/types';
import { formatDuration, PlainStatusTag } from '../complaints/ui';
import type { HomeUnit } from '../estates/types';
import { myHomeQuery, openRequestsQuery } from './queries';
import { EstateDigestCard } from './EstateDigestCard';
import { colour, space } from '../../app/tokens';

/** A committee member (who is a resident too) also sees the estate's score and the improvement
 * plans awaiting their confirmation; its own chunk, so a resident's phone never loads it. */
const StaffScoringCard = lazy(() => import('../scoring/StaffScoringCard'));
// (built on antd: it loads antd's providers with it)

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
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: space.sm,
          padding: `${space.ms}px 0`,
          borderTop: `1px solid ${colour.fill}`,
        }}
      >
        <div style={{ flex: 1, minWidth: 0 }}>
          <strong className="p-ellipsis">{row.description || row.place}</strong>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.sm, alignItems: 'center', marginTop: space.xs }}>
            <PlainStatusTag t={t} status={row.status} testId={`home-request-status-${row.id}`} />
            {row.status === 'resolved' ? (
              <span data-testid={`home-request-rate-${row.id}`} style={{ fontSize: '0.9em', color: '#d48806' }}>
                {t('home.resident.toRate')}
              </span>
            ) : (
              left && (
                <span
                  data-testid={`home-request-due-${row.id}`}
                  style={{ fontSize: '0.9em', color: late ? colour.dangerText : colour.muted }}
                >
                  {left}
                </span>
              )
            )}
          </div>
        </div>
        <span style={{ color: colour.faint }}>
          <PlainIcon icon={RightOutlined} />
        </span>
      </div>
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
  // each estate where they have a home, once, in the order of their homes
  const estates = [...new Map(units.map((u) => [u.estate_id, u.estate_name])).entries()];

  return (
    <div
      data-testid="resident-home"
      style={{ display: 'flex', flexDirection: 'column', gap: space.md, maxWidth: 640, margin: '0 auto', width: '100%' }}
    >
      <PlainCard>
        {site?.firm && (
          <span className="p-muted" data-testid="home-firm-name" style={{ display: 'block' }}>
            {site.firm.name}
          </span>
        )}
        <h1 className="p-title" style={{ marginTop: space.xs, fontSize: '1.7rem' }}>
          {t('home.resident.hello', { name: me.full_name || me.email })}
        </h1>
        <span className="p-muted" data-testid="current-user" style={{ display: 'block', marginBottom: space.md }}>
          {me.email}
        </span>
        <PlainButtonLink
          to="/requests/new"
          kind="primary"
          large
          block
          icon={<PlainIcon icon={EditOutlined} />}
          testId="home-report"
        >
          {t('home.resident.report')}
        </PlainButtonLink>
      </PlainCard>

      <ScoringHomeCard />

      {hasCapability(me, 'scoring.supervise') && (
        <Suspense fallback={null}>
          <WithAntd fallback={null}>
            <StaffScoringCard committee />
          </WithAntd>
        </Suspense>
      )}

      <NoticesCard />

      <PlainCard title={t('home.resident.myHomes')} testId="home-units">
        {home.isPending ? (
          <span className="p-muted">{t('app.loading')}</span>
        ) : units.length === 0 ? (
          <p className="p-muted" style={{ margin: 0, textAlign: 'center' }}>
            {t('home.resident.noHome')}
          </p>
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: space.sm }}>
            {units.map((unit) => (
              <div
                key={unit.id}
                style={{ display: 'flex', alignItems: 'center', gap: space.sm }}
                data-testid={`home-unit-${unit.id}`}
              >
                <PlainIcon icon={HomeOutlined} />
                <strong>{homeName(t, unit)}</strong>
              </div>
            ))}
          </div>
        )}
      </PlainCard>

      <PlainCard
        title={t('home.resident.openRequests')}
        testId="home-open-requests"
        extra={
          <Link to="/requests" className="p-link" data-testid="home-all-requests">
            {t('home.resident.allRequests')}
          </Link>
        }
      >
        {open.isPending ? (
          <span className="p-muted">{t('app.loading')}</span>
        ) : open.isError ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: space.sm }}>
            <span role="alert" style={{ color: colour.dangerText }}>
              {t('home.resident.loadFailed')}
            </span>
            <PlainButton onClick={() => open.refetch()} data-testid="home-retry">
              {t('app.retry')}
            </PlainButton>
          </div>
        ) : rows.length === 0 ? (
          <p className="p-muted" style={{ margin: 0 }} data-testid="home-no-open">
            {t('home.resident.noOpen')}
          </p>
        ) : (
          rows.map((row) => <RequestItem key={row.id} row={row} now={open.dataUpdatedAt} />)
        )}
      </PlainCard>

      {estates.map(([id, name]) => (
        <EstateDigestCard key={id} estate={id} name={name} named={estates.length > 1} />
      ))}
    </div>
  );
}
