/**
 * The inspection rounds of an estate (巡查报告): the committee sees its rounds (drafts too), the
 * firm the submitted ones, residents the published reports of their estate (the API decides).
 * Each opens the read-only round page with its PDF report.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, Flex, Pagination, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { EstatePicker } from '../complaints/EstatePicker';
import { PAGE_SIZE } from './api';
import type { PaginatedRoundList } from './types';
import { lineLabel } from './ui';

export default function RoundsPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('supervision.rounds.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const rounds = useQuery({
    queryKey: ['supervision', 'rounds', estate ?? 0, page],
    queryFn: ({ signal }) => api.get<PaginatedRoundList>('supervision/rounds/', { estate, page, page_size: PAGE_SIZE }, signal),
    enabled: estate !== undefined,
    placeholderData: keepPreviousData,
  });
  const rows = rounds.data?.results ?? [];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('supervision.rounds.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.rounds.intro')}</Typography.Paragraph>
      <EstatePicker
        value={estate}
        onChange={(value) => {
          setEstate(value);
          setPage(1);
        }}
        testId="supervision-rounds-estate"
      />
      {rounds.data && (
        <Typography.Text type="secondary" data-testid="supervision-rounds-total">
          {t('supervision.rounds.total', { count: rounds.data.count })}
        </Typography.Text>
      )}
      {rounds.data && rows.length === 0 ? (
        <Empty description={t('supervision.rounds.none')} />
      ) : (
        rows.map((r) => (
          <Link key={r.id} to={`/supervision/rounds/${r.id}`}>
            <Card size="small" hoverable data-testid="round-row" data-round={r.id}>
              <Flex gap={8} wrap align="center">
                <Tag>{lineLabel(t, r.service_line)}</Tag>
                <Typography.Text strong>{r.template_name}</Typography.Text>
                {r.area && <Typography.Text type="secondary">{r.area}</Typography.Text>}
                {r.published_at ? (
                  <Tag color="green">{t('supervision.round.published')}</Tag>
                ) : (
                  <Tag>{t(r.status === 'draft' ? 'supervision.rounds.draft' : 'supervision.rounds.submitted')}</Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                {t('supervision.rounds.by', {
                  name: r.started_by_name,
                  at: formatDateTime(r.submitted_at ?? r.started_at, locale),
                })}
              </Typography.Text>
            </Card>
          </Link>
        ))
      )}
      {(rounds.data?.count ?? 0) > PAGE_SIZE && (
        <Pagination current={page} pageSize={PAGE_SIZE} total={rounds.data?.count ?? 0} onChange={setPage} />
      )}
    </Flex>
  );
}
