/**
 * `/disclosure/check/:id?head=…`: where the QR code on a paper notice leads, no login needed.
 * It says whether today's published statement still ends in the head printed on the paper, and
 * whether the platform's witness recorded the same head.
 */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Result, Spin, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { LoadError } from '../../app/StatusPages';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { AuthLayout } from '../auth/AuthLayout';
import type { NoticeCheck } from './types';

export default function CheckPage() {
  const t = useT();
  const locale = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const head = params.get('head') ?? '';
  const check = useQuery({
    queryKey: ['disclosure', 'check', id, head],
    queryFn: ({ signal }) => api.get<NoticeCheck>(`disclosure/check/${id}/`, { head }, signal),
    retry: false,
  });
  let body;
  if (check.isPending) body = <Spin />;
  else if (check.isError) {
    const gone = isApiError(check.error) && (check.error.status === 404 || check.error.status === 400);
    body = gone ? (
      <Result status="warning" title={t('disclosure.check.unknown')} data-testid="check-unknown" />
    ) : (
      <LoadError error={check.error} onRetry={() => void check.refetch()} />
    );
  } else {
    const c = check.data;
    const holds = c.matches_statement && c.matches_witness !== false;
    body = (
      <Result
        status={holds ? 'success' : 'error'}
        data-testid={holds ? 'check-holds' : 'check-differs'}
        title={t(holds ? 'disclosure.check.holds' : 'disclosure.check.differs')}
        subTitle={t(
          c.matches_witness === null
            ? 'disclosure.check.noWitness'
            : c.matches_witness
              ? 'disclosure.check.witnessSame'
              : 'disclosure.check.witnessDiffers',
        )}
        extra={
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('disclosure.field.period')}>
              {t(`disclosure.statementKind.${c.kind}` as MessageKey)} ·{' '}
              {t('disclosure.statement.period', { start: c.period_start, end: c.period_end })}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosure.check.publishedAt')}>
              {formatDateTime(c.published_at, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosure.check.printedHead')}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {head}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        }
      />
    );
  }
  return <AuthLayout title={t('disclosure.check.title')}>{body}</AuthLayout>;
}
