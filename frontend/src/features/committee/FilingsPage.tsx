/**
 * The filings the reader submitted (备案) and where each stands: awaiting the platform,
 * confirmed, or rejected with the platform's reason.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { gapBelow } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { PAGE_SIZE, useMyFilings } from './api';
import { FilingStatusTag, useDates } from './shared';
import type { Filing } from './types';

export default function FilingsPage() {
  const t = useT();
  useDocumentTitle(t('committee.filings.title'));
  const navigate = useNavigate();
  const dates = useDates();
  const [page, setPage] = useState(1);
  const filings = useMyFilings(page);

  const columns: ColumnsType<Filing> = [
    { title: t('committee.field.submittedAt'), dataIndex: 'created_at', render: (at: string) => dates.moment(at) },
    { title: t('committee.field.estate'), dataIndex: 'estate_name' },
    { title: t('committee.field.number'), dataIndex: 'number' },
    {
      title: t('committee.field.term'),
      render: (_: unknown, f) => t('committee.term', { start: dates.date(f.term_start), end: dates.date(f.term_end) }),
    },
    {
      title: t('committee.field.members'),
      render: (_: unknown, f) => t('committee.filings.memberCount', { count: f.members.length }),
    },
    {
      title: t('committee.field.status'),
      render: (_: unknown, f) => (
        <Space orientation="vertical" size={0}>
          <FilingStatusTag status={f.status} />
          {f.status === 'rejected' && f.reason && (
            <Typography.Text type="danger" data-testid={`filing-reason-${f.id}`}>
              {t('committee.filings.reason', { reason: f.reason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('committee.filings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('committee.filings.intro')}</Typography.Paragraph>
      <Space style={gapBelow}>
        <Button type="primary" data-testid="filing-new" onClick={() => navigate('/committee/filings/new')}>
          {t('committee.filings.new')}
        </Button>
      </Space>
      <Card>
        <Table<Filing>
          rowKey="id"
          loading={filings.isPending}
          columns={columns}
          dataSource={filings.data?.results ?? []}
          locale={{ emptyText: t('committee.filings.none') }}
          data-testid="filings-table"
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: filings.data?.count ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
        />
      </Card>
    </>
  );
}
