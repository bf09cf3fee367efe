/**
 * 数据看板: a manager's quarter at a glance for one estate. KPI tiles against their targets
 * (red when below), requests per category, received vs resolved per month, on-time rate per clock.
 */
import { useCallback, useMemo, useState } from 'react';
import { Card, Col, Flex, Result, Row, Select, Skeleton, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useKpis } from './api';
import { BarList, formatPercent, RateBars, TrendChart } from './charts';
import { EstatePicker } from './EstatePicker';
import type { ComplaintKpis } from './kpiTypes';
import { recentQuarters } from './quarters';
import { categoryLabel, clockLabel, StatusTag } from './ui';
import { fill, fullHeight } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

interface Tile {
  key: string;
  label: MessageKey;
  value: string;
  target?: string;
  below: boolean;
  hint?: string;
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

export function kpiTiles(k: ComplaintKpis, locale: string, t: ReturnType<typeof useT>): Tile[] {
  const pct = (v: number | null) => formatPercent(v, locale);
  const atLeast = (v: string) => t('complaints.kpi.targetAtLeast', { value: v });
  // "3 / 4": what a rate was computed from, so a committee can check it.
  const c = k.counts;
  const of = (part: number | undefined, whole: number | undefined) =>
    part === undefined || whole === undefined ? undefined : t('complaints.kpi.outOf', { part, whole });
  return [
    { key: 'total', label: 'complaints.kpi.total', value: String(k.total), below: false },
    {
      key: 'response_time',
      label: 'complaints.kpi.responseTime',
      value: t('complaints.kpi.hoursValue', {
        p50: hours(k.response_p50_hours, locale, t),
        p90: hours(k.response_p90_hours, locale, t),
      }),
      below: false,
      hint: t('complaints.kpi.responseTimeHint'),
    },
    {
      key: 'on_time',
      label: 'complaints.kpi.onTime',
      value: pct(k.on_time.resolution),
      target: atLeast(pct(k.targets.on_time)),
      below: isBelow(k.on_time.resolution, k.targets.on_time),
      hint: of(c?.clocks_on_time.resolution, c?.clocks_stopped.resolution) ?? t('complaints.kpi.onTimeHint'),
    },
    {
      key: 'resolution_rate',
      label: 'complaints.kpi.resolutionRate',
      value: pct(k.resolution_rate),
      target: atLeast(pct(k.targets.resolution_rate)),
      below: isBelow(k.resolution_rate, k.targets.resolution_rate),
      hint: of(c?.resolved, c?.actionable),
    },
    {
      key: 'average_rating',
      label: 'complaints.kpi.averageRating',
      value: k.average_rating === null ? '—' : k.average_rating.toFixed(2),
      target: atLeast(k.targets.average_rating.toFixed(1)),
      below: isBelow(k.average_rating, k.targets.average_rating),
      hint: t('complaints.kpi.ratedCount', { count: k.rated_count }),
    },
    {
      key: 'answered_share',
      label: 'complaints.kpi.answeredShare',
      value: pct(k.answered_share),
      target: atLeast(pct(k.targets.answered_share)),
      below: isBelow(k.answered_share, k.targets.answered_share),
      hint: of(c?.answered, k.total),
    },
    {
      key: 'reopen_rate',
      label: 'complaints.kpi.reopenRate',
      value: pct(k.reopen_rate),
      below: false,
      hint: of(c?.reopened, c?.ever_resolved),
    },
    {
      key: 'repeat_rate',
      label: 'complaints.kpi.repeatRate',
      value: pct(k.repeat_rate),
      below: false,
      hint: c ? `${of(c.repeated, c.with_unit)} · ${t('complaints.kpi.repeatRateHint')}` : t('complaints.kpi.repeatRateHint'),
    },
  ];
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
                <Card
                  size="small"
                  data-testid={`kpi-${tile.key}`}
                  data-below-target={tile.below}
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
                    {tile.target && (
                      <Typography.Text style={{ fontSize: '0.85em', color: tile.below ? '#cf1322' : 'rgba(0,0,0,0.55)' }}>
                        {tile.below ? `${t('complaints.kpi.belowTarget')} · ` : ''}
                        {tile.target}
                      </Typography.Text>
                    )}
                    {tile.hint && (
                      <Typography.Text type="secondary" style={{ fontSize: '0.8em' }}>
                        {tile.hint}
                      </Typography.Text>
                    )}
                  </Flex>
                </Card>
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
    </Flex>
  );
}
