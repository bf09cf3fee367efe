/** The supervision KPIs of one estate over a period, each rate with the counts behind it. */
import { useState } from 'react';
import { Alert, Card, Col, Flex, Input, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatPercent } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useKpis } from './api';
import { lineLabel } from './ui';

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export default function KpiPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('supervision.kpi.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [start, setStart] = useState(() => `${new Date().getFullYear()}-01-01`);
  const [end, setEnd] = useState(() => isoDay(new Date()));
  const kpis = useKpis(estate, start, end);
  const rate = (value: number | null | undefined) =>
    value === null || value === undefined ? t('supervision.kpi.none') : formatPercent(value, locale);
  const data = kpis.data;
  const cards = data
    ? [
        {
          key: 'rectification',
          title: t('supervision.kpi.rectificationRate'),
          value: rate(data.rectification_rate),
          counts: t('supervision.kpi.rectificationCounts', {
            verified: data.counts.rectifications_verified,
            opened: data.counts.rectifications_opened,
          }),
        },
        {
          key: 'on-time',
          title: t('supervision.kpi.onTimeRate'),
          value: rate(data.on_time_rate),
          counts: t('supervision.kpi.onTimeCounts', {
            onTime: data.counts.rectifications_verified_on_time,
            verified: data.counts.rectifications_verified,
          }),
        },
        {
          key: 'pass',
          title: t('supervision.kpi.passRate'),
          value: rate(data.pass_rate),
          counts: t('supervision.kpi.passCounts', {
            passed: data.counts.items_passed,
            inspected: data.counts.items_inspected,
          }),
        },
        {
          key: 'rounds',
          title: t('supervision.kpi.roundsRate'),
          value: rate(data.rounds_rate),
          counts: t('supervision.kpi.roundsCounts', {
            held: data.counts.rounds_held,
            scheduled: data.counts.rounds_scheduled,
          }),
        },
      ]
    : [];
  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('supervision.kpi.title')}</PageTitle>
      <Flex gap={12} wrap align="center">
        <EstatePicker value={estate} onChange={setEstate} testId="supervision-kpi-estate" />
        <Input
          type="date"
          data-testid="supervision-kpi-start"
          aria-label={t('supervision.field.start')}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          style={{ width: 170 }}
        />
        <Input
          type="date"
          data-testid="supervision-kpi-end"
          aria-label={t('supervision.field.end')}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          style={{ width: 170 }}
        />
      </Flex>
      {start && end && start > end ? (
        <Alert type="warning" showIcon title={t('supervision.kpi.badPeriod')} data-testid="supervision-kpi-bad-period" />
      ) : kpis.isError ? (
        <LoadError error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {cards.map((card) => (
              <Col key={card.key} xs={24} sm={12} lg={6}>
                <Card size="small" data-testid={`supervision-kpi-${card.key}`}>
                  <Statistic title={card.title} value={card.value} />
                  <Typography.Text type="secondary">{card.counts}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('supervision.kpi.byLine')}>
            <Table
              data-testid="supervision-kpi-lines"
              size="small"
              pagination={false}
              rowKey="service_line"
              dataSource={data.service_lines}
              columns={[
                {
                  key: 'line',
                  title: t('supervision.kpi.line'),
                  render: (_, row) => lineLabel(t, row.service_line),
                },
                { key: 'rate', title: t('supervision.kpi.passRate'), render: (_, row) => rate(row.pass_rate) },
                {
                  key: 'counts',
                  title: '',
                  render: (_, row) => t('supervision.kpi.passCounts', { passed: row.passed, inspected: row.inspected }),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
