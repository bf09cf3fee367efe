/**
 * The platform's review queue of committee filings (备案), every firm's: pending ones first,
 * oldest first. Read from the platform's own record of each filing, never from the firm's data.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { gapBelow } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { PAGE_SIZE, useFilingQueue } from '../committee/api';
import { FilingStatusTag, useDates } from '../committee/shared';
import type { FilingStatus, PlatformFiling } from '../committee/types';

const FILTERS = ['pending', 'confirmed', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];

export default function FilingQueuePage() {
  const t = useT();
  useDocumentTitle(t('committee.review.title'));
  const dates = useDates();
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const queue = useFilingQueue(filter as FilingStatus | 'all', page);

  const columns: ColumnsType<PlatformFiling> = [
    { title: t('committee.field.submittedAt'), dataIndex: 'created_at', render: (at: string) => dates.moment(at) },
    { title: t('committee.field.firm'), dataIndex: 'firm_name' },
    { title: t('committee.field.estate'), dataIndex: 'estate_name' },
    {
      title: t('committee.field.number'),
      render: (_: unknown, f) => (
        <Link to={`/platform/filings/${f.id}`} data-testid={`filing-open-${f.id}`}>
          {f.number}
        </Link>
      ),
    },
    {
      title: t('committee.field.submittedBy'),
      render: (_: unknown, f) => `${f.submitted_by_name} · ${t(`committee.filedAs.${f.submitted_as}`)}`,
    },
    {
      title: t('committee.field.status'),
      render: (_: unknown, f) => (
        <>
          <FilingStatusTag status={f.status} />
          {f.filed_late && <Tag color="warning">{t('committee.filings.late')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('committee.review.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('committee.review.intro')}</Typography.Paragraph>
      <Segmented<Filter>
        style={gapBelow}
        value={filter}
        data-testid="filing-filter"
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        options={FILTERS.map((f) => ({
          value: f,
          label: <span data-testid={`filing-filter-${f}`}>{t(`committee.review.filter.${f}`)}</span>,
        }))}
      />
      <Card>
        <Table<PlatformFiling>
          rowKey="id"
          loading={queue.isPending}
          columns={columns}
          dataSource={queue.data?.results ?? []}
          locale={{ emptyText: t('committee.review.none') }}
          data-testid="filing-queue"
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: queue.data?.count ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
        />
      </Card>
    </>
  );
}
