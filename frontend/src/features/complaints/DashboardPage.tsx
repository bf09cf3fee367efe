/**
 * 数据看板: a manager's quarter at a glance for one estate. KPI tiles against their targets
 * (red when below), requests per category, received vs resolved per month, on-time rate per clock.
 */
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, Col, Flex, Result, Row, Select, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useEstatesCompared, useKpis } from './api';
import { useEstateChoices } from '../estates/api';
import { BarList, formatPercent, RateBars, TrendChart } from './charts';
import { EstatePicker } from './EstatePicker';
import type { ComplaintKpis, EstateComparison, KpiSubset, PeriodKpis } from './kpiTypes';
import { recentQuarters } from './quarters';
import { categoryLabel, clockLabel, StatusTag, visuallyHidden } from './ui';
import { fill, fullHeight, inheritColour } from '../../app/tokens';

/** Below this many cases a rate is not judged (the API's `min_sample`; the comparison has none). */
const MIN_SAMPLE = 5;
import { PageTitle } from '../../components/PageTitle';

interface Tile {
  key: string;
  label: MessageKey;
  value: string;
  target?: string;
  below: boolean;
  hint?: string;
  /** fewer cases than the minimum sample: said so, never red */
  small?: boolean;
  /** the requests behind the tile (`kpi=` on the desk list); undefined = all of the period */
  subset?: KpiSubset;
  /** how many requests the link shows, when the figures say */
  count?: number;
  /** the previous period's value, and whether this one is better or worse */
  previous?: string;
  change?: 'better' | 'worse';
}

function isBelow(value: number | null, target: number): boolean {
  return value !== null && value + 1e-9 < target;
}

/** Response times read best in minutes under an hour, in hours (one decimal) above. */
function hours(value: number | null, locale: string, t: ReturnType<typeof useT>): string {
  if (value === null) return '—';
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 });
  if (value < 1) return t('complaints.kpi.minutes', { value: number.format(Math.max(1, Math.round(value * 60))) });
  return t('complaints.kpi.hours', { value: number.format(value) });
}

/** Which way is better for each figure: higher (rates met), lower (times, reopens, repeats). */
const HIGHER_IS_BETTER: Record<string, boolean | undefined> = {
  on_time: true,
  resolution_rate: true,
  average_rating: true,
  answered_share: true,
  reopen_rate: false,
  repeat_rate: false,
  response_time: false,
};

/** The number each tile is judged on, and the cases it is computed from. */
function measure(k: PeriodKpis, key: string): { value: number | null; sample: number | undefined } {
  const c = k.counts;
  switch (key) {
    case 'response_time':
      return { value: k.response_p90_hours, sample: c?.answered };
    case 'on_time':
      return { value: k.on_time.resolution, sample: c?.clocks_stopped.resolution };
    case 'resolution_rate':
      return { value: k.resolution_rate, sample: c?.actionable };
    case 'average_rating':
      return { value: k.average_rating, sample: k.rated_count };
    case 'answered_share':
      return { value: k.answered_share, sample: c?.answerable };
    case 'reopen_rate':
      return { value: k.reopen_rate, sample: c?.ever_resolved };
    case 'repeat_rate':
      return { value: k.repeat_rate, sample: c?.with_unit };
    default:
      return { value: k.total, sample: undefined };
  }
}

function baseTiles(k: PeriodKpis, locale: string, t: ReturnType<typeof useT>, limit: number | undefined): Tile[] {
  const pct = (v: number | null) => formatPercent(v, locale);
  const atLeast = (v: string) => t('complaints.kpi.targetAtLeast', { value: v });
  // "3 / 4": what a rate was computed from, so a committee can check it.
  const c = k.counts;
  const of = (part: number | undefined, whole: number | undefined) =>
    part === undefined || whole === undefined ? undefined : t('complaints.kpi.outOf', { part, whole });
  const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);
  const p90Over = limit !== undefined && k.response_p90_hours !== null && k.response_p90_hours > limit + 1e-9;
  return [
    { key: 'total', label: 'complaints.kpi.total', value: String(k.total), below: false, count: k.total },
    {
      key: 'response_time',
      label: 'complaints.kpi.responseTime',
      value: t('complaints.kpi.hoursValue', {
        p50: hours(k.response_p50_hours, locale, t),
        p90: hours(k.response_p90_hours, locale, t),
      }),
      target:
        limit === undefined
          ? undefined
          : t(p90Over ? 'complaints.kpi.p90OverLimit' : 'complaints.kpi.p90Limit', { limit: hours(limit, locale, t) }),
      below: p90Over,
      hint: t('complaints.kpi.responseTimeHint'),
      subset: 'slow_response',
    },
    {
      key: 'on_time',
      label: 'complaints.kpi.onTime',
      value: pct(k.on_time.resolution),
      target: atLeast(pct(k.targets.on_time)),
      below: isBelow(k.on_time.resolution, k.targets.on_time),
      hint: of(c?.clocks_on_time.resolution, c?.clocks_stopped.resolution) ?? t('complaints.kpi.onTimeHint'),
      subset: 'late_resolution',
      count: minus(c?.clocks_stopped.resolution, c?.clocks_on_time.resolution),
    },
    {
      key: 'resolution_rate',
      label: 'complaints.kpi.resolutionRate',
      value: pct(k.resolution_rate),
      target: atLeast(pct(k.targets.resolution_rate)),
      below: isBelow(k.resolution_rate, k.targets.resolution_rate),
      hint: of(c?.resolved, c?.actionable),
      subset: 'unresolved',
      count: minus(c?.actionable, c?.resolved),
    },
    {
      key: 'average_rating',
      label: 'complaints.kpi.averageRating',
      value: k.average_rating === null ? '—' : k.average_rating.toFixed(2),
      target: atLeast(k.targets.average_rating.toFixed(1)),
      below: isBelow(k.average_rating, k.targets.average_rating),
      hint: t('complaints.kpi.ratedCount', { count: k.rated_count }),
      subset: 'rated',
      count: k.rated_count,
    },
    {
      key: 'answered_share',
      label: 'complaints.kpi.answeredShare',
      value: pct(k.answered_share),
      target: atLeast(pct(k.targets.answered_share)),
      below: isBelow(k.answered_share, k.targets.answered_share),
      hint: of(c?.answered, k.total),
      subset: 'unanswered',
      count: minus(c?.answerable, c?.answered),
    },
    {
      key: 'reopen_rate',
      label: 'complaints.kpi.reopenRate',
      value: pct(k.reopen_rate),
      below: false,
      hint: of(c?.reopened, c?.ever_resolved),
      subset: 'reopened',
      count: c?.reopened,
    },
    {
      key: 'repeat_rate',
      label: 'complaints.kpi.repeatRate',
      value: pct(k.repeat_rate),
      below: false,
      hint: c ? `${of(c.repeated, c.with_unit)} · ${t('complaints.kpi.repeatRateHint')}` : t('complaints.kpi.repeatRateHint'),
      subset: 'repeated',
      count: c?.repeated,
    },
  ];
}

/**
 * The dashboard's tiles: against their targets (red when below), a rate over fewer than
 * `min_sample` cases says so instead of turning red, the p90 response time against the estate's
 * response limit, and the previous period (same length, just before) beside each figure.
 */
export function kpiTiles(k: ComplaintKpis, locale: string, t: ReturnType<typeof useT>): Tile[] {
  const min = k.min_sample ?? 0;
  const tiles = baseTiles(k, locale, t, k.response_limit_hours ?? undefined);
  const before = k.previous ? baseTiles(k.previous, locale, t, undefined) : [];
  return tiles.map((tile) => {
    const now = measure(k, tile.key);
    const small = now.sample !== undefined && now.sample < min;
    const out: Tile = small ? { ...tile, small: true, below: false } : tile;
    const previous = before.find((b) => b.key === tile.key);
    if (k.previous && previous) {
      out.previous = previous.value;
      const then = measure(k.previous, tile.key);
      const higher = HIGHER_IS_BETTER[tile.key];
      if (higher !== undefined && now.value !== null && then.value !== null && Math.abs(now.value - then.value) > 1e-9) {
        out.change = now.value > then.value === higher ? 'better' : 'worse';
      }
    }
    return out;
  });
}

/** Where a tile leads: the desk list, filtered to exactly the requests behind it. */
export function tileLink(k: ComplaintKpis, tile: Tile): string {
  const params = new URLSearchParams({ estate: String(k.estate), created_from: k.start, created_to: k.end, status: 'all' });
  if (tile.subset) params.set('kpi', tile.subset);
  return `/desk?${params.toString()}`;
}

export default function DashboardPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('complaints.dashboard.title'));
  const quarters = useMemo(() => recentQuarters(8), []);
  const [estate, setEstate] = useState<number | undefined>();
  const [quarterKey, setQuarterKey] = useState(quarters[0].key);
  const quarter = quarters.find((q) => q.key === quarterKey) ?? quarters[0];
  const pickEstate = useCallback((id: number) => setEstate(id), []);
  const kpis = useKpis(estate === undefined ? undefined : { estate, start: quarter.start, end: quarter.end });
  const k = kpis.data;
  const estates = useEstateChoices();

  return (
    <Flex vertical gap={16} style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('complaints.dashboard.title')}</PageTitle>
        <Flex gap={8} wrap align="center">
          <EstatePicker value={estate} onChange={pickEstate} testId="dashboard-estate" />
          <Select<string>
            data-testid="dashboard-quarter"
            aria-label={t('complaints.dashboard.quarter')}
            value={quarterKey}
            onChange={setQuarterKey}
            style={{ minWidth: 140 }}
            options={quarters.map((q) => ({
              value: q.key,
              label: t('complaints.dashboard.quarterLabel', { year: q.year, q: q.q }),
            }))}
          />
        </Flex>
      </Flex>
      {kpis.isError ? (
        isApiError(kpis.error) && kpis.error.status === 404 ? (
          <Result status="info" title={t('complaints.dashboard.unavailable')} data-testid="dashboard-unavailable" />
        ) : (
          <LoadError error={kpis.error} onRetry={() => kpis.refetch()} />
        )
      ) : !k ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Text type="secondary">{t('complaints.dashboard.period', { start: k.start, end: k.end })}</Typography.Text>
          <Row gutter={[12, 12]} data-testid="kpi-tiles">
            {kpiTiles(k, locale, t).map((tile) => (
              <Col xs={12} md={8} xl={6} key={tile.key}>
                <Link to={tileLink(k, tile)} style={inheritColour} data-testid={`kpi-link-${tile.key}`}>
                  <Card
                    size="small"
                    hoverable
                    data-testid={`kpi-${tile.key}`}
                    data-below-target={tile.below}
                    data-small-sample={tile.small === true}
                    style={{
                      height: '100%',
                      borderColor: tile.below ? '#ffa39e' : undefined,
                      background: tile.below ? '#fff1f0' : undefined,
                    }}
                  >
                    <Flex vertical gap={2}>
                      <Typography.Text type="secondary">{t(tile.label)}</Typography.Text>
                      <Typography.Text
                        strong
                        style={{ fontSize: '1.6em', lineHeight: 1.2, color: tile.below ? '#cf1322' : undefined }}
                      >
                        {tile.value}
                      </Typography.Text>
                      {tile.small ? (
                        <Typography.Text style={{ fontSize: '0.85em', color: '#ad6800' }} data-testid={`kpi-small-${tile.key}`}>
                          {t('complaints.kpi.smallSample', { min: k.min_sample })}
                        </Typography.Text>
                      ) : (
                        tile.target && (
                          <Typography.Text style={{ fontSize: '0.85em', color: tile.below ? '#cf1322' : 'rgba(0,0,0,0.55)' }}>
                            {tile.below && tile.key !== 'response_time' ? `${t('complaints.kpi.belowTarget')} · ` : ''}
                            {tile.target}
                          </Typography.Text>
                        )
                      )}
                      {tile.hint && (
                        <Typography.Text type="secondary" style={{ fontSize: '0.8em' }}>
                          {tile.hint}
                        </Typography.Text>
                      )}
                      {tile.previous !== undefined && (
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: '0.8em' }}
                          data-testid={`kpi-previous-${tile.key}`}
                          data-change={tile.change ?? 'same'}
                        >
                          {tile.change === 'better' ? '▲ ' : tile.change === 'worse' ? '▼ ' : ''}
                          {t('complaints.kpi.previous', { value: tile.previous })}
                          {tile.change && (
                            <span style={visuallyHidden}>
                              {' '}
                              {t(tile.change === 'better' ? 'complaints.kpi.better' : 'complaints.kpi.worse')}
                            </span>
                          )}
                        </Typography.Text>
                      )}
                      {tile.count !== undefined && tile.count > 0 && (
                        <Typography.Text style={{ fontSize: '0.8em', color: '#1677ff' }}>
                          {t('complaints.kpi.seeRequests', { count: tile.count })} ›
                        </Typography.Text>
                      )}
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('complaints.dashboard.onTimeByClock')} style={fullHeight}>
                <RateBars
                  testId="chart-on-time"
                  locale={locale}
                  target={k.targets.on_time}
                  targetLabel={t('complaints.kpi.targetAtLeast', { value: formatPercent(k.targets.on_time, locale) })}
                  items={(['response', 'plan', 'resolution'] as const).map((c) => ({
                    key: c,
                    label: clockLabel(t, c),
                    value: k.on_time[c],
                  }))}
                />
                <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: '0.85em' }}>
                  {t('complaints.dashboard.targetLine', { value: formatPercent(k.targets.on_time, locale) })}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('complaints.dashboard.byCategory')} style={fullHeight}>
                <BarList
                  testId="chart-category"
                  empty={t('complaints.dashboard.noData')}
                  items={[...k.by_category]
                    .sort((a, b) => b.count - a.count)
                    .map((c) => ({ key: c.category, label: categoryLabel(t, c.category), value: c.count }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('complaints.dashboard.trend')}>
                <TrendChart
                  testId="chart-trend"
                  points={k.trend}
                  countLabel={t('complaints.dashboard.received')}
                  resolvedLabel={t('complaints.dashboard.resolved')}
                  empty={t('complaints.dashboard.noData')}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('complaints.dashboard.byStatus')} style={fullHeight}>
                <Flex gap={8} wrap data-testid="chart-status">
                  {k.by_status.length === 0 && (
                    <Typography.Text type="secondary">{t('complaints.dashboard.noData')}</Typography.Text>
                  )}
                  {k.by_status.map((s) => (
                    <Flex key={s.status} align="center" gap={4} data-testid={`chart-status-${s.status}`}>
                      <StatusTag t={t} status={s.status} />
                      <strong>{s.count}</strong>
                    </Flex>
                  ))}
                </Flex>
              </Card>
            </Col>
          </Row>
        </>
      )}
      {(estates.data?.length ?? 0) > 1 && (
        <EstatesCompared start={quarter.start} end={quarter.end} current={estate} onPick={pickEstate} />
      )}
    </Flex>
  );
}

/** The firm's (or a manager's) estates side by side over the same period. */
function EstatesCompared({
  start,
  end,
  current,
  onPick,
}: {
  start: string;
  end: string;
  current: number | undefined;
  onPick: (estate: number) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const rows = useEstatesCompared({ start, end });
  const pct = (v: number | null, sample: number | undefined) =>
    sample !== undefined && sample < MIN_SAMPLE ? t('complaints.kpi.smallSample', { min: MIN_SAMPLE }) : formatPercent(v, locale);
  const columns: TableColumnsType<EstateComparison> = [
    {
      title: t('complaints.dashboard.estate'),
      dataIndex: 'estate_name',
      render: (name: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, fontWeight: r.estate === current ? 600 : undefined }}
          onClick={() => onPick(r.estate)}
        >
          {name}
        </Button>
      ),
    },
    { title: t('complaints.kpi.total'), dataIndex: 'total', align: 'end', sorter: (a, b) => a.total - b.total },
    {
      title: t('complaints.kpi.responseTime'),
      key: 'p90',
      align: 'end',
      sorter: (a, b) => (a.response_p90_hours ?? -1) - (b.response_p90_hours ?? -1),
      render: (_, r) => {
        const over = r.response_p90_hours !== null && r.response_p90_hours > r.response_limit_hours + 1e-9;
        return (
          <span style={{ color: over ? '#cf1322' : undefined }} data-over-limit={over}>
            {hours(r.response_p90_hours, locale, t)}
          </span>
        );
      },
    },
    {
      title: t('complaints.kpi.onTime'),
      key: 'on_time',
      align: 'end',
      sorter: (a, b) => (a.on_time_resolution ?? -1) - (b.on_time_resolution ?? -1),
      render: (_, r) => pct(r.on_time_resolution, r.counts.clocks_stopped.resolution),
    },
    {
      title: t('complaints.kpi.resolutionRate'),
      key: 'resolution',
      align: 'end',
      sorter: (a, b) => (a.resolution_rate ?? -1) - (b.resolution_rate ?? -1),
      render: (_, r) => pct(r.resolution_rate, r.counts.actionable),
    },
    {
      title: t('complaints.kpi.averageRating'),
      key: 'rating',
      align: 'end',
      sorter: (a, b) => (a.average_rating ?? -1) - (b.average_rating ?? -1),
      render: (_, r) =>
        r.rated_count < MIN_SAMPLE
          ? t('complaints.kpi.smallSample', { min: MIN_SAMPLE })
          : r.average_rating === null
            ? '—'
            : r.average_rating.toFixed(2),
    },
    {
      title: t('complaints.kpi.reopenRate'),
      key: 'reopen',
      align: 'end',
      render: (_, r) => pct(r.reopen_rate, r.counts.ever_resolved),
    },
  ];
  return (
    <Card size="small" title={t('complaints.dashboard.compare')} data-testid="estates-compared">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('complaints.dashboard.compareHint')}
      </Typography.Paragraph>
      {rows.isError ? (
        <LoadError error={rows.error} onRetry={() => rows.refetch()} />
      ) : (
        <Table<EstateComparison>
          rowKey="estate"
          size="small"
          columns={columns}
          dataSource={rows.data ?? []}
          loading={rows.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `compare-row-${r.estate}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
