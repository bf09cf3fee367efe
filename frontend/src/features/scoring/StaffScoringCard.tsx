/**
 * On the staff home, for those who keep the firm's scores (the firm admin, an estate's manager):
 * the latest published score of each of their estates, weakest first, and the improvement plans
 * still open (the firm's to carry out, or awaiting the committee's confirmation), with their
 * deadlines. On a committee member's home, the same for their estate, where a plan the firm
 * reported done awaits *their* confirmation. The server scopes both reads.
 */
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { flush, space } from '../../app/tokens';
import { useAlerts, usePortfolio } from './api';

const SHOWN = 5;

export function StaffScoringCard({ committee = false }: { committee?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const portfolio = usePortfolio();
  const alerts = useAlerts();
  const names = new Map((portfolio.data?.estates ?? []).map((e) => [e.estate, e.name]));
  const scored = (portfolio.data?.estates ?? [])
    .filter((e) => e.score !== null)
    .sort((a, b) => Number(a.score) - Number(b.score))
    .slice(0, SHOWN);
  const open = (alerts.data?.results ?? []).filter((a) => a.kind === 'improvement_plan' && !a.done_at);
  const loading = portfolio.isPending || alerts.isPending;
  return (
    <Card
      title={t('scoring.staffHome.title')}
      size="small"
      data-testid="home-scoring"
      extra={committee ? null : <Link to="/scoring/portfolio">{t('scoring.staffHome.all')}</Link>}
    >
      {loading ? (
        <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
      ) : portfolio.isError || alerts.isError ? (
        <Typography.Text type="danger" data-testid="home-scoring-error">
          {t('scoring.staffHome.loadFailed')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={space.md}>
          {scored.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('scoring.staffHome.noScore')}
              data-testid="home-scoring-none"
            />
          ) : (
            <Flex vertical gap={space.xs}>
              {scored.map((e) => (
                <Flex key={e.estate} justify="space-between" align="center" gap={space.sm} data-testid={`home-score-${e.estate}`}>
                  <Link to={`/scoring/scores?estate=${e.estate}`}>{e.name}</Link>
                  <Typography.Text
                    strong
                    type={Number(e.score) < 70 ? 'danger' : undefined}
                    data-testid={`home-score-value-${e.estate}`}
                  >
                    {t('scoring.staffHome.score', { score: e.score ?? '—' })}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          )}
          <Flex vertical gap={space.xs} data-testid="home-plans">
            <Typography.Text strong>{t('scoring.staffHome.plans', { count: open.length })}</Typography.Text>
            {open.length === 0 ? (
              <Typography.Paragraph type="secondary" style={flush} data-testid="home-plans-none">
                {t('scoring.staffHome.noPlans')}
              </Typography.Paragraph>
            ) : (
              open.map((a) => (
                <Link key={a.id} to="/scoring/alerts" data-testid={`home-plan-${a.id}`} style={{ color: 'inherit' }}>
                  <Flex wrap gap={space.sm} align="center">
                    <Typography.Text>{names.get(a.estate) ?? `#${a.estate}`}</Typography.Text>
                    {a.reported_at ? (
                      <Tag color="blue">{t(committee ? 'scoring.plan.awaitingYou' : 'scoring.plan.awaiting')}</Tag>
                    ) : (
                      a.due_on && (
                        <Typography.Text type="warning">
                          {t('scoring.alert.due', { date: formatDate(a.due_on, locale) })}
                        </Typography.Text>
                      )
                    )}
                  </Flex>
                </Link>
              ))
            )}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}

export default StaffScoringCard;
