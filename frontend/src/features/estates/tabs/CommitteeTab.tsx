/**
 * The owners' committee of the estate: members, positions, terms and whether a confirmed filing
 * seated them, readable by everyone who sees the estate and read-only for all of them. The
 * committee is not the firm's decision: seats come from filings the platform confirmed (the
 * committee feature: filing form, roster, history, resignation).
 */
import { Alert, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LoadError } from '../../../app/StatusPages';
import { formatDate } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n';
import { useCommittee } from '../api';
import { positionLabel } from '../labels';
import type { CommitteeMembership, CommitteePosition, Estate } from '../types';
import { fill } from '../../../app/tokens';

export function CommitteeTab({ estate }: { estate: Estate }) {
  const t = useT();
  const locale = useLocale();
  const committee = useCommittee(estate.id);
  const narrow = Grid.useBreakpoint().sm === false;
  const term = (m: CommitteeMembership) => `${formatDate(m.term_start, locale)} – ${formatDate(m.term_end, locale)}`;
  const statusTags = (m: CommitteeMembership) => (
    <Space size={4} wrap>
      {m.active ? <Tag color="green">{t('estates.committee.active')}</Tag> : <Tag>{t('estates.committee.inactive')}</Tag>}
      {m.confirmed ? (
        <Tag color="blue">{t('estates.committee.confirmed')}</Tag>
      ) : (
        <Tag color="orange">{t('estates.committee.unconfirmed')}</Tag>
      )}
    </Space>
  );

  const columns: TableColumnsType<CommitteeMembership> = [
    {
      title: t('estates.committee.member'),
      key: 'member',
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{m.full_name || m.user_name || m.user_email}</Typography.Text>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {m.user_email}
          </Typography.Text>
          {narrow && (
            <>
              <Typography.Text>{term(m)}</Typography.Text>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Tag color="blue">{positionLabel(t, m.position)}</Tag>
                {statusTags(m)}
              </Space>
            </>
          )}
        </Space>
      ),
    },
    {
      title: t('estates.committee.position'),
      dataIndex: 'position',
      responsive: ['sm'],
      render: (p: CommitteePosition) => positionLabel(t, p),
    },
    { title: t('estates.committee.term'), key: 'term', responsive: ['sm'], render: (_, m) => term(m) },
    { title: t('estates.committee.filing'), dataIndex: 'filing_number', responsive: ['md'] },
    { title: t('estates.committee.status'), key: 'status', responsive: ['sm'], render: (_, m) => statusTags(m) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Alert type="info" showIcon title={t('estates.committee.readOnly')} />
      {committee.isError ? (
        <LoadError error={committee.error} onRetry={() => committee.refetch()} />
      ) : (
        <Table<CommitteeMembership>
          rowKey="id"
          size="middle"
          data-testid="committee-table"
          columns={columns}
          dataSource={(committee.data?.results ?? []).filter((m) => m.active)}
          loading={committee.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.committee.empty') }}
          onRow={(m) => ({ 'data-testid': `committee-row-${m.id}` }) as Record<string, string>}
        />
      )}
    </Space>
  );
}
