/** The rectification board (整改看板): open ones by their clock (red/yellow/green), filter by estate and status. */
import { useState } from 'react';
import { Card, Empty, Flex, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { PAGE_SIZE, useBoard } from './api';
import { STATUSES, type RectificationStatus } from './types';
import { LevelTag, lineLabel, StatusTag } from './ui';

export default function BoardPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('supervision.board.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [status, setStatus] = useState<RectificationStatus | 'all'>('open');
  const [page, setPage] = useState(1);
  const board = useBoard(estate, status, page);
  const rows = board.data?.results ?? [];
  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('supervision.board.title')}</PageTitle>
      <Flex gap={12} wrap align="center">
        <EstatePicker
          value={estate}
          onChange={(value) => {
            setEstate(value);
            setPage(1);
          }}
          testId="supervision-board-estate"
        />
        <Segmented<RectificationStatus | 'all'>
          data-testid="supervision-board-status"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={(['all', ...STATUSES] as const).map((value) => ({
            value,
            label: <span data-testid={`supervision-status-${value}`}>{t(`supervision.status.${value}`)}</span>,
          }))}
        />
      </Flex>
      {board.isError ? (
        <LoadError error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('supervision.board.empty')} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary" data-testid="supervision-board-total">
            {t('supervision.board.total', { count: board.data?.count ?? rows.length })}
          </Typography.Text>
          {rows.map((r) => (
            <Link key={r.id} to={`/supervision/rectifications/${r.id}`}>
              <Card size="small" hoverable data-testid="rectification-row" data-level={r.level} data-status={r.status}>
                <Flex gap={8} wrap align="center">
                  {r.status === 'open' && <LevelTag level={r.level} />}
                  <StatusTag status={r.status} />
                  <Tag>{lineLabel(t, r.service_line)}</Tag>
                  <Typography.Text strong>{r.title}</Typography.Text>
                </Flex>
                <Flex gap={16} wrap style={{ marginTop: 4 }}>
                  <Typography.Text type="secondary">{r.estate_name}</Typography.Text>
                  {r.area && <Typography.Text type="secondary">{t('supervision.field.area', { area: r.area })}</Typography.Text>}
                  <Typography.Text data-testid="rectification-due">
                    {t('supervision.field.due', { date: formatDateTime(r.due_at, locale) })}
                  </Typography.Text>
                  {r.assignee_name && (
                    <Typography.Text type="secondary">
                      {t('supervision.field.assignee', { name: r.assignee_name })}
                    </Typography.Text>
                  )}
                </Flex>
              </Card>
            </Link>
          ))}
          {(board.data?.count ?? 0) > PAGE_SIZE && (
            <Pagination
              data-testid="supervision-board-pages"
              current={page}
              pageSize={PAGE_SIZE}
              total={board.data?.count ?? 0}
              onChange={setPage}
              showSizeChanger={false}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
}
