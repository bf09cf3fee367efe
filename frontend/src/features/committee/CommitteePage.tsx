/**
 * An estate's owners' committee (业委会): the current roster (names, positions, term, filing
 * number) and the append-only history of its changes. Residents, the committee and the firm's
 * roles in scope read it; the firm cannot change anything. The chair records resignations; the
 * chair (or, while the estate has no chair, an owner of record) starts the next filing.
 */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorMessage } from '../../app/errors';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { PAGE_SIZE, useResign, useRoster, useRosterHistory } from './api';
import { positionKey, useDates } from './shared';
import type { Roster, RosterEvent, Seat } from './types';

function ResignButton({ estate, seat }: { estate: number; seat: Seat }) {
  const t = useT();
  const { message } = App.useApp();
  const resign = useResign(estate);
  return (
    <Popconfirm
      title={t('committee.roster.resignConfirm', { name: seat.full_name })}
      okButtonProps={{ 'data-testid': 'resign-confirm', danger: true }}
      onConfirm={() =>
        resign.mutateAsync(seat.id).then(
          () => void message.success(t('committee.roster.resigned')),
          (error: unknown) => void message.error(errorMessage(error, t)),
        )
      }
    >
      <Button size="small" danger loading={resign.isPending} data-testid={`resign-${seat.id}`}>
        {t('committee.roster.resign')}
      </Button>
    </Popconfirm>
  );
}

function RosterCard({ estate, roster }: { estate: number; roster: Roster }) {
  const t = useT();
  const dates = useDates();
  const term = (s: { term_start: string; term_end: string }) =>
    t('committee.term', { start: dates.date(s.term_start), end: dates.date(s.term_end) });
  const columns: ColumnsType<Seat> = [
    { title: t('committee.field.fullName'), dataIndex: 'full_name' },
    { title: t('committee.field.position'), dataIndex: 'position', render: (p: string) => t(positionKey(p)) },
    { title: t('committee.field.term'), render: (_: unknown, s) => term(s) },
    {
      title: t('committee.field.filingNumber'),
      render: (_: unknown, s) =>
        s.confirmed ? s.filing_number : <Tag data-testid={`seat-unconfirmed-${s.id}`}>{t('committee.roster.unconfirmed')}</Tag>,
    },
  ];
  if (roster.can_resign) {
    columns.push({
      title: '',
      render: (_: unknown, s) => (s.confirmed ? <ResignButton estate={estate} seat={s} /> : null),
    });
  }
  return (
    <Card title={t('committee.roster.current')} data-testid="committee-roster">
      {roster.filing ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
          style={gapBelow}
          data-testid="committee-filing"
        >
          <Descriptions.Item label={t('committee.field.number')}>{roster.filing.number}</Descriptions.Item>
          <Descriptions.Item label={t('committee.field.term')}>{term(roster.filing)}</Descriptions.Item>
          <Descriptions.Item label={t('committee.field.streetAuthority')}>{roster.filing.street_authority}</Descriptions.Item>
          <Descriptions.Item label={t('committee.field.housingAuthority')}>{roster.filing.housing_authority}</Descriptions.Item>
          <Descriptions.Item label={t('committee.field.filedOn')}>{dates.date(roster.filing.filed_on)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="info" showIcon style={gapBelow} title={t('committee.roster.none')} data-testid="committee-no-filing" />
      )}
      <Table<Seat>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={roster.seats}
        locale={{ emptyText: t('committee.roster.noSeats') }}
        data-testid="committee-seats"
        scroll={{ x: true }}
      />
    </Card>
  );
}

function HistoryCard({ estate }: { estate: number }) {
  const t = useT();
  const dates = useDates();
  const [page, setPage] = useState(1);
  const history = useRosterHistory(estate, page);
  const columns: ColumnsType<RosterEvent> = [
    { title: t('committee.field.when'), dataIndex: 'at', render: (at: string) => dates.moment(at) },
    {
      title: t('committee.field.change'),
      dataIndex: 'kind',
      render: (kind: string) => <Tag>{t(`committee.event.${kind}` as MessageKey)}</Tag>,
    },
    {
      title: t('committee.field.fullName'),
      render: (_: unknown, e) => (e.member_name ? `${e.member_name}${e.position ? ` · ${t(positionKey(e.position))}` : ''}` : ''),
    },
    { title: t('committee.field.filingNumber'), dataIndex: 'filing_number' },
    { title: t('committee.field.recordedBy'), dataIndex: 'recorded_by' },
  ];
  return (
    <Card
      title={t('committee.history.title')}
      extra={
        history.data ? (
          <Typography.Text type="secondary">{t('committee.history.count', { count: history.data.count })}</Typography.Text>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('committee.history.intro')}</Typography.Paragraph>
      <Table<RosterEvent>
        rowKey="id"
        size="small"
        loading={history.isPending}
        columns={columns}
        dataSource={history.data?.results ?? []}
        locale={{ emptyText: t('committee.history.none') }}
        data-testid="committee-history"
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: history.data?.count ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
    </Card>
  );
}

export default function CommitteePage() {
  const t = useT();
  useDocumentTitle(t('committee.roster.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const linked = Number(params.get('estate'));
  const [estate, setEstate] = useState<number | undefined>(Number.isInteger(linked) && linked > 0 ? linked : undefined);
  const roster = useRoster(estate);
  const data = roster.data;

  return (
    <>
      <Typography.Title level={3}>{t('committee.roster.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('committee.roster.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="committee-estate" />
        {data?.can_file && !data.filing_pending && (
          <Button
            type="primary"
            data-testid="filing-new"
            onClick={() => navigate(`/committee/filings/new?estate=${data.estate}`)}
          >
            {t('committee.roster.file')}
          </Button>
        )}
      </Space>
      {roster.isError && <Alert type="error" showIcon style={gapBelow} title={errorMessage(roster.error, t)} />}
      {data?.filing_pending && (
        <Alert type="warning" showIcon style={gapBelow} title={t('committee.roster.pending')} data-testid="committee-pending" />
      )}
      {data?.filed_as === 'owner' && !data.filing_pending && (
        <Alert type="info" showIcon style={gapBelow} title={t('committee.roster.firstFiling')} />
      )}
      {estate !== undefined && data && !data.can_resign && !data.can_file && (
        <Typography.Paragraph type="secondary" data-testid="committee-read-only">
          {t('committee.roster.readOnly')}
        </Typography.Paragraph>
      )}
      {estate !== undefined && (
        <Row gutter={[space.md, space.md]}>
          <Col span={24}>
            {data ? (
              <RosterCard estate={estate} roster={data} />
            ) : (
              <Card loading={roster.isPending}>{!roster.isPending && <Empty />}</Card>
            )}
          </Col>
          <Col span={24}>
            <HistoryCard estate={estate} />
          </Col>
        </Row>
      )}
    </>
  );
}
