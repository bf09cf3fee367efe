/**
 * The estate's published scores (服务评分): the latest with its period, the trend over the
 * periods, and every period opening its explanation. Anyone who sees the estate reads it:
 * residents and the committee, who judge the firm, and the firm.
 */
import { useCallback } from 'react';
import { Card, Empty, Flex, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useScores } from './api';
import { scoreColour, TrendChart } from './charts';
import type { EstateScore } from './types';
import { usePeriod } from './ui';

/** Oldest first, as a trend reads. */
export function trendOf(scores: readonly EstateScore[]) {
  return [...scores]
    .sort((a, b) => a.period_end.localeCompare(b.period_end) || a.id - b.id)
    .map((s) => ({ label: s.period_start.slice(0, 7), score: s.score === null ? null : Number(s.score) }));
}

export function ScoreFigure({ score, testId }: { score: EstateScore; testId?: string }) {
  const t = useT();
  if (score.score === null) return <Typography.Text type="secondary">{t('scoring.score.none')}</Typography.Text>;
  return (
    <Statistic
      value={score.score}
      precision={2}
      styles={{ content: { color: scoreColour(Number(score.score)), fontSize: '2.4em' } }}
      data-testid={testId}
    />
  );
}

export default function ScoresPage() {
  const t = useT();
  const period = usePeriod();
  useDocumentTitle(t('scoring.scores.title'));
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('estate'));
  const estate = Number.isInteger(raw) && raw > 0 ? raw : undefined;
  const setEstate = useCallback((id: number) => setParams({ estate: String(id) }, { replace: true }), [setParams]);
  const scores = useScores(estate);
  const rows = [...(scores.data?.results ?? [])].sort((a, b) => b.period_end.localeCompare(a.period_end) || b.id - a.id);
  const latest = rows[0];
  return (
    <Flex vertical gap={space.md}>
      <PageTitle>{t('scoring.scores.title')}</PageTitle>
      <EstatePicker value={estate} onChange={setEstate} testId="scoring-estate" />
      {scores.isError ? (
        <LoadError error={scores.error} onRetry={() => void scores.refetch()} />
      ) : !scores.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('scoring.scores.none')} data-testid="scores-none" />
      ) : (
        <>
          <Card size="small" data-testid="scores-latest">
            <Flex wrap gap={space.lg} align="center">
              <Flex vertical gap={space.xs}>
                <Typography.Text type="secondary">{period(latest.period_start, latest.period_end)}</Typography.Text>
                <ScoreFigure score={latest} testId="scores-latest-value" />
                {latest.weights_source === 'default' && <Tag data-testid="scores-default">{t('scoring.score.defaultTag')}</Tag>}
                <Link to={`/scoring/scores/${latest.id}`} data-testid="scores-latest-open">
                  {t('scoring.scores.open')}
                </Link>
              </Flex>
              <div style={{ flex: 1, minWidth: 240 }}>
                <Typography.Text strong>{t('scoring.scores.trend')}</Typography.Text>
                <TrendChart points={trendOf(rows)} label={t('scoring.scores.trend')} testId="scores-trend" />
              </div>
            </Flex>
          </Card>
          <Card size="small" title={t('scoring.scores.periods')}>
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              data-testid="scores-list"
              dataSource={rows}
              columns={[
                { key: 'period', title: '', render: (_, s) => period(s.period_start, s.period_end) },
                {
                  key: 'score',
                  title: t('scoring.portfolio.score'),
                  render: (_, s) => (s.score === null ? '—' : <Typography.Text strong>{s.score}</Typography.Text>),
                },
                {
                  key: 'weights',
                  title: '',
                  render: (_, s) => (s.weights_source === 'default' ? <Tag>{t('scoring.score.defaultTag')}</Tag> : null),
                },
                {
                  key: 'open',
                  title: '',
                  render: (_, s) => (
                    <Link to={`/scoring/scores/${s.id}`} data-testid={`scores-open-${s.id}`}>
                      {t('scoring.scores.open')}
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
