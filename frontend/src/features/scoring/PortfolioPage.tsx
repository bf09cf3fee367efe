/**
 * The firm's portfolio (评分概览): its estates ranked by their latest score, each with its
 * trend (up to the last four scores) and its weakest input, and the firm's average. The
 * committee, by the server's rule, gets only its own estate and that average.
 */
import { Card, Empty, Flex, Skeleton, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { usePortfolio } from './api';
import { scoreColour } from './charts';
import { inputLabel } from './ui';

/** A small line of the last scores (0–100), oldest first; its figures in the label. */
export function Sparkline({ values, label, testId }: { values: readonly (string | null)[]; label: string; testId?: string }) {
  const w = 96;
  const h = 28;
  const points = values
    .map((v, i) =>
      v === null
        ? null
        : { x: values.length <= 1 ? w / 2 : (i / (values.length - 1)) * (w - 8) + 4, y: h - 4 - (Number(v) / 100) * (h - 8) },
    )
    .filter((p): p is { x: number; y: number } => p !== null);
  return (
    <svg width={w} height={h} role="img" aria-label={`${label}: ${values.map((v) => v ?? '—').join(' → ')}`} data-testid={testId}>
      {points.length > 1 && (
        <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#1677ff" strokeWidth={1.5} />
      )}
      {points.map((p, i) => (
        <circle key={i} cx={p.x} cy={p.y} r={2.5} fill="#1677ff" />
      ))}
    </svg>
  );
}

export default function PortfolioPage() {
  const t = useT();
  useDocumentTitle(t('scoring.portfolio.title'));
  const { data: me } = useMe();
  const committeeOnly = !hasCapability(me, 'scoring.draft');
  const portfolio = usePortfolio();
  const data = portfolio.data;
  return (
    <Flex vertical gap={space.md}>
      <PageTitle>{t('scoring.portfolio.title')}</PageTitle>
      {committeeOnly && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="portfolio-committee-note">
          {t('scoring.portfolio.committeeNote')}
        </Typography.Paragraph>
      )}
      {portfolio.isError ? (
        <LoadError error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small">
            <Statistic
              title={t('scoring.portfolio.average')}
              value={data.average ?? t('scoring.portfolio.noScore')}
              data-testid="portfolio-average"
              styles={data.average ? { content: { color: scoreColour(Number(data.average)) } } : undefined}
            />
          </Card>
          {data.estates.length === 0 ? (
            <Empty description={t('scoring.portfolio.noScore')} />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="estate"
              scroll={{ x: true }}
              data-testid="portfolio-table"
              dataSource={data.estates}
              onRow={(row) => ({ 'data-testid': `portfolio-row-${row.estate}` }) as object}
              columns={[
                { key: 'rank', title: t('scoring.portfolio.rank'), render: (_, r) => r.rank ?? '—' },
                {
                  key: 'estate',
                  title: t('scoring.portfolio.estate'),
                  render: (_, r) => <Link to={`/scoring/scores?estate=${r.estate}`}>{r.name}</Link>,
                },
                {
                  key: 'score',
                  title: t('scoring.portfolio.score'),
                  render: (_, r) =>
                    r.score === null ? (
                      <Typography.Text type="secondary">{t('scoring.portfolio.noScore')}</Typography.Text>
                    ) : (
                      <Typography.Text strong style={{ color: scoreColour(Number(r.score)) }}>
                        {r.score}
                      </Typography.Text>
                    ),
                },
                {
                  key: 'trend',
                  title: t('scoring.portfolio.trend'),
                  render: (_, r) => <Sparkline values={r.trend} label={r.name} testId={`portfolio-trend-${r.estate}`} />,
                },
                {
                  key: 'weakest',
                  title: t('scoring.portfolio.weakest'),
                  render: (_, r) => (r.weakest ? inputLabel(t, r.weakest) : '—'),
                },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}
