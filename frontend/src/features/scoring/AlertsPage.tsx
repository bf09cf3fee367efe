/**
 * Score alerts (评分预警): an improvement plan the firm owes after two scores in a row below 70
 * (with its deadline), and, for the committee only, the flag to consider re-tendering after two
 * years of satisfaction below 60 — each with the figures that raised it. The server decides who
 * sees which.
 */
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLocale, useT, type TFunction } from '../../i18n';
import { useEstateChoices } from '../estates/api';
import { useAlerts } from './api';
import type { ScoreAlert } from './types';

function figuresText(t: TFunction, alert: ScoreAlert): string {
  const f = (alert.figures ?? {}) as Record<string, unknown[] | undefined>;
  if (alert.kind === 'improvement_plan') {
    const scores = (f.scores ?? []).map(String);
    return t('scoring.alert.planText', { first: scores[0] ?? '—', second: scores[1] ?? '—' });
  }
  const years = (f.years ?? []).map(String);
  const sat = (f.satisfaction ?? []).map(String);
  return t('scoring.alert.retenderText', {
    firstYear: years[0] ?? '—',
    first: sat[0] ?? '—',
    secondYear: years[1] ?? '—',
    second: sat[1] ?? '—',
  });
}

export default function AlertsPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('scoring.alerts.title'));
  const alerts = useAlerts();
  const estates = useEstateChoices();
  const names = new Map((estates.data ?? []).map((e) => [e.id, e.name]));
  const rows = alerts.data?.results ?? [];
  return (
    <Flex vertical gap={space.md} style={{ maxWidth: 720 }}>
      <PageTitle>{t('scoring.alerts.title')}</PageTitle>
      {alerts.isError ? (
        <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !alerts.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('scoring.alerts.none')} data-testid="alerts-none" />
      ) : (
        rows.map((a) => (
          <Card key={a.id} size="small" data-testid={`alert-${a.id}`}>
            <Flex vertical gap={space.xs}>
              <Flex wrap gap={space.sm} align="center">
                <Tag color={a.kind === 'retender' ? 'red' : 'orange'}>{t(`scoring.alert.${a.kind}`)}</Tag>
                <Link to={`/scoring/scores?estate=${a.estate}`}>
                  <Typography.Text strong>{names.get(a.estate) ?? `#${a.estate}`}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">{formatDateTime(a.created_at, locale)}</Typography.Text>
              </Flex>
              <Typography.Text data-testid={`alert-text-${a.id}`}>{figuresText(t, a)}</Typography.Text>
              {a.done_at ? (
                <Tag color="green" style={{ alignSelf: 'flex-start' }}>
                  {t('scoring.alert.done')}
                </Tag>
              ) : (
                a.due_on && (
                  <Typography.Text type="warning" data-testid={`alert-due-${a.id}`}>
                    {t('scoring.alert.due', { date: formatDate(a.due_on, locale) })}
                  </Typography.Text>
                )
              )}
            </Flex>
          </Card>
        ))
      )}
    </Flex>
  );
}
