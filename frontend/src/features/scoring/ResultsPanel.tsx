/**
 * A closed survey's results, as anyone who sees the estate may read them (the firm included):
 * per dimension the mean and how many gave 1…5, per building the same, the comments; never a
 * figure for a group smaller than the server's `min_group` (5): "少于5份，不显示".
 */
import { Alert, Card, Flex, Skeleton, Table, Typography } from 'antd';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useResults } from './api';
import { BarRow, Distribution } from './charts';
import { DIMENSIONS, type DimensionResult } from './types';
import { dimensionLabel } from './ui';

function mean(value: DimensionResult, locale: ReturnType<typeof useLocale>): string {
  return formatNumber(value.mean, locale, 2);
}

export function ResultsPanel({ surveyId }: { surveyId: number }) {
  const t = useT();
  const locale = useLocale();
  const results = useResults(surveyId, true);
  if (results.isPending) return <Skeleton active />;
  if (results.isError) return <LoadError error={results.error} onRetry={() => void results.refetch()} />;
  const r = results.data;
  const hidden = t('scoring.results.suppressed', { min: r.min_group });
  return (
    <Card size="small" title={t('scoring.results.title')} data-testid="survey-results">
      <Flex vertical gap={space.md}>
        <Typography.Text data-testid="results-counts">
          {t('scoring.results.counts', { answers: r.answers, online: r.online, paper: r.paper })}
        </Typography.Text>
        {r.dimensions.overall.suppressed ? (
          <Alert type="info" showIcon title={hidden} data-testid="results-suppressed" />
        ) : (
          <Flex vertical gap={space.sm} data-testid="results-dimensions">
            {DIMENSIONS.map((d) => {
              const v = r.dimensions[d];
              return (
                <Flex key={d} vertical gap={2} data-testid={`results-dim-${d}`}>
                  <BarRow label={dimensionLabel(t, d)} value={Number(v.mean ?? 0)} max={5} text={mean(v, locale)} />
                  <div style={{ marginLeft: '6.5em' }}>
                    <Distribution counts={v.distribution ?? []} label={dimensionLabel(t, d)} testId={`results-dist-${d}`} />
                  </div>
                </Flex>
              );
            })}
          </Flex>
        )}
        <Table
          size="small"
          pagination={false}
          rowKey="building"
          data-testid="results-buildings"
          dataSource={r.buildings}
          scroll={{ x: true }}
          columns={[
            { key: 'name', title: t('scoring.results.building'), dataIndex: 'name' },
            {
              key: 'n',
              title: t('scoring.results.n'),
              render: (_, b) => (b.suppressed ? <Typography.Text type="secondary">{hidden}</Typography.Text> : b.n),
            },
            ...DIMENSIONS.map((d) => ({
              key: d,
              title: dimensionLabel(t, d),
              render: (_: unknown, b: (typeof r.buildings)[number]) =>
                b.dimensions[d].suppressed ? '—' : mean(b.dimensions[d], locale),
            })),
          ]}
        />
        {r.comments.length > 0 && (
          <Flex vertical gap={space.xs} data-testid="results-comments">
            <Typography.Text strong>{t('scoring.results.comments')}</Typography.Text>
            {r.comments.map((c, i) => (
              <Typography.Paragraph key={i} style={{ margin: 0, paddingTop: space.xs, borderTop: '1px solid #f0f0f0' }}>
                {c}
              </Typography.Paragraph>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
