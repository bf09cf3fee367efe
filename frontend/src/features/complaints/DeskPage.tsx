/**
 * 服务台: the staff's view of every request in their estates. List or kanban (columns by status),
 * filters (estate, status, category, colour), search by number, SLA colours, row selection with
 * bulk assignment, and "record for a resident" (phone, front desk, walk-in, paper).
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useAssignees, useEstateChoices } from '../estates/api';
import { bulkAssign, DESK_PAGE_SIZE, useRequestList, type RequestFilters } from './api';
import { RecordForResident } from './RecordForResident';
import {
  CATEGORIES,
  COLOURS,
  OPEN_STATUSES,
  STATUSES,
  type BulkAssignResult,
  type Category,
  type Colour,
  type RequestRow,
  type RequestStatus,
} from './types';
import { categoryLabel, ColourDot, colourLabel, complaintsErrorMessage, kindLabel, statusLabel, StatusTag } from './ui';
import { fill, inheritColour } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

type View = 'list' | 'kanban';
const KANBAN_SIZE = 200;

interface DeskFilters {
  estate?: number;
  /** 'open' = every open status; '' = all */
  status: string;
  category: string;
  colour: string;
  search: string;
  page: number;
}

export default function DeskPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  useDocumentTitle(t('complaints.desk.title'));
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<View>('list');
  const [filters, setFilters] = useState<DeskFilters>({ status: 'open', category: '', colour: '', search: '', page: 1 });
  const [selected, setSelected] = useState<number[]>([]);
  const [assignee, setAssignee] = useState<number | undefined>();
  const [bulkResult, setBulkResult] = useState<BulkAssignResult | null>(null);
  const estates = useEstateChoices();

  const query: RequestFilters = {
    estate: filters.estate,
    status: filters.status === 'open' ? OPEN_STATUSES.join(',') : filters.status || undefined,
    category: (filters.category || undefined) as Category | undefined,
    colour: (filters.colour || undefined) as Colour | undefined,
    search: filters.search || undefined,
    page: view === 'kanban' ? 1 : filters.page,
    page_size: view === 'kanban' ? KANBAN_SIZE : DESK_PAGE_SIZE,
  };
  const list = useRequestList(query, { refetchInterval: 60_000 });
  const rows = useMemo(() => list.data?.results ?? [], [list.data]);

  function change(update: Partial<DeskFilters>) {
    setFilters((f) => ({ ...f, page: 1, ...update }));
    setSelected([]);
    setBulkResult(null);
  }

  // Whose staff can take the selection: the filtered estate, else the one estate the rows share.
  const selectedRows = rows.filter((r) => selected.includes(r.id));
  const selectionEstates = [...new Set(selectedRows.map((r) => r.estate))];
  const assignEstate =
    filters.estate ??
    (selectionEstates.length === 1 ? selectionEstates[0] : estates.data?.length === 1 ? estates.data[0].id : undefined);
  const staff = useAssignees(selected.length ? assignEstate : undefined);

  const assign = useMutation({
    mutationFn: () => bulkAssign({ ids: selected, assignee: assignee as number }),
    onSuccess: (result) => {
      setBulkResult(result);
      setSelected([]);
      const skipped = Object.keys(result.skipped).length;
      if (skipped) message.warning(t('complaints.desk.bulkPartly', { assigned: result.assigned.length, skipped }));
      else message.success(t('complaints.desk.bulkDone', { assigned: result.assigned.length }));
      return queryClient.invalidateQueries({ queryKey: ['complaints'] });
    },
    onError: (error) => message.error(complaintsErrorMessage(error, t)),
  });

  const numberOf = (id: string) => rows.find((r) => String(r.id) === id)?.number ?? `#${id}`;

  const columns: TableColumnsType<RequestRow> = [
    {
      title: t('complaints.field.number'),
      dataIndex: 'number',
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Link to={`/requests/${r.id}`} data-testid={`desk-link-${r.id}`}>
            <strong>{r.number}</strong>
          </Link>
          {r.urgency === 'emergency' && (
            <Tag color="red" style={{ width: 'fit-content' }}>
              {t('complaints.urgency.emergency')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('complaints.field.colour'),
      dataIndex: 'colour',
      render: (c: string, r: RequestRow) => <ColourDot t={t} colour={c} status={r.status} />,
    },
    { title: t('complaints.field.status'), dataIndex: 'status', render: (s: string) => <StatusTag t={t} status={s} /> },
    {
      title: t('complaints.field.category'),
      key: 'what',
      render: (_, r) => `${kindLabel(t, r.kind)} · ${categoryLabel(t, r.category)}`,
    },
    {
      title: t('complaints.field.place'),
      key: 'place',
      render: (_, r) => (
        <Flex vertical style={{ maxWidth: 260 }}>
          <span>{[r.estate_code, r.place].filter(Boolean).join(' ')}</span>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
            {r.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('complaints.field.assignee'),
      dataIndex: 'assignee_name',
      render: (v: string) => v || <Typography.Text type="secondary">{t('complaints.detail.unassigned')}</Typography.Text>,
    },
    { title: t('complaints.detail.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v, locale) },
  ];

  const statusOptions = [
    { value: 'open', label: t('complaints.desk.openStatuses') },
    { value: '', label: t('complaints.desk.allStatuses') },
    ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
  ];

  return (
    <Flex vertical gap={16} style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('complaints.desk.title')}</PageTitle>
        <Flex gap={8} wrap>
          <Segmented<View>
            data-testid="desk-view"
            value={view}
            onChange={(v) => {
              setView(v);
              setSelected([]);
            }}
            options={[
              { value: 'list', label: t('complaints.desk.listView'), icon: <UnorderedListOutlined /> },
              { value: 'kanban', label: t('complaints.desk.kanbanView'), icon: <AppstoreOutlined /> },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} data-testid="desk-new" onClick={() => setParams({ record: '1' })}>
            {t('complaints.desk.recordForResident')}
          </Button>
        </Flex>
      </Flex>

      <Flex gap={8} wrap data-testid="desk-filters">
        <Input.Search
          allowClear
          data-testid="desk-search"
          aria-label={t('complaints.desk.search')}
          placeholder={t('complaints.desk.search')}
          style={{ flex: '1 1 14em', maxWidth: '20em' }}
          onSearch={(value) => change({ search: value.trim() })}
        />
        {(estates.data?.length ?? 0) > 1 && (
          <Select<number | ''>
            data-testid="desk-filter-estate"
            aria-label={t('complaints.field.estate')}
            value={filters.estate ?? ''}
            style={{ flex: '1 1 10em', maxWidth: '16em' }}
            onChange={(v) => change({ estate: v === '' ? undefined : v })}
            options={[
              { value: '', label: t('complaints.desk.allEstates') },
              ...(estates.data ?? []).map((e) => ({ value: e.id, label: e.name })),
            ]}
          />
        )}
        <Select<string>
          data-testid="desk-filter-status"
          aria-label={t('complaints.field.status')}
          value={filters.status}
          style={{ flex: '1 1 9em', maxWidth: '16em' }}
          onChange={(status) => change({ status })}
          options={statusOptions}
        />
        <Select<string>
          data-testid="desk-filter-category"
          aria-label={t('complaints.field.category')}
          value={filters.category}
          style={{ flex: '1 1 9em', maxWidth: '16em' }}
          onChange={(category) => change({ category })}
          options={[
            { value: '', label: t('complaints.desk.allCategories') },
            ...CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) })),
          ]}
        />
        <Select<string>
          data-testid="desk-filter-colour"
          aria-label={t('complaints.field.colour')}
          value={filters.colour}
          style={{ flex: '1 1 9em', maxWidth: '16em' }}
          onChange={(colour) => change({ colour })}
          options={[
            { value: '', label: t('complaints.desk.allColours') },
            ...COLOURS.map((c) => ({ value: c, label: <ColourDot t={t} colour={c} />, title: colourLabel(t, c) })),
          ]}
        />
      </Flex>

      {view === 'list' && selected.length > 0 && (
        <Card size="small" data-testid="bulk-bar" style={{ background: '#f0f7ff', borderColor: '#91caff' }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t('complaints.desk.selected', { count: selected.length })}</Typography.Text>
            {assignEstate === undefined ? (
              <Typography.Text type="warning">{t('complaints.desk.oneEstate')}</Typography.Text>
            ) : (
              <>
                <Select<number>
                  data-testid="bulk-assignee"
                  aria-label={t('complaints.field.assignee')}
                  placeholder={t('complaints.field.assigneePlaceholder')}
                  value={assignee}
                  loading={staff.isPending}
                  onChange={setAssignee}
                  style={{ minWidth: 180 }}
                  options={(staff.data ?? []).map((s) => ({ value: s.user, label: s.user_name || s.user_email }))}
                />
                <Button
                  type="primary"
                  data-testid="bulk-assign-submit"
                  disabled={assignee === undefined}
                  loading={assign.isPending}
                  onClick={() => assign.mutate()}
                >
                  {t('complaints.desk.bulkAssign')}
                </Button>
              </>
            )}
            <Button type="link" onClick={() => setSelected([])}>
              {t('complaints.desk.clearSelection')}
            </Button>
          </Flex>
        </Card>
      )}
      {bulkResult && Object.keys(bulkResult.skipped).length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setBulkResult(null) }}
          data-testid="bulk-skipped"
          title={t('complaints.desk.bulkSkipped')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {Object.entries(bulkResult.skipped).map(([id, reason]) => (
                <li key={id}>
                  {numberOf(id)}: {reason}
                </li>
              ))}
            </ul>
          }
        />
      )}

      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : view === 'list' ? (
        <Table<RequestRow>
          rowKey="id"
          data-testid="desk-table"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (r) =>
              ({
                disabled: r.status === 'closed' || r.status === 'rejected',
                'data-testid': `select-${r.id}`,
              }) as Record<string, unknown>,
          }}
          onRow={(r) => ({ 'data-colour': r.colour, 'data-testid': `desk-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('complaints.desk.empty') }}
          pagination={{
            current: filters.page,
            pageSize: DESK_PAGE_SIZE,
            total: list.data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => {
              setFilters((f) => ({ ...f, page }));
              setSelected([]);
            },
          }}
        />
      ) : (
        <Kanban rows={rows} statusFilter={filters.status} loading={list.isPending} total={list.data?.count ?? 0} />
      )}

      <RecordForResident
        open={params.get('record') === '1'}
        estates={estates.data ?? []}
        onClose={() => setParams({}, { replace: true })}
      />
    </Flex>
  );
}

function Kanban({
  rows,
  statusFilter,
  loading,
  total,
}: {
  rows: RequestRow[];
  statusFilter: string;
  loading: boolean;
  total: number;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: readonly RequestStatus[] =
    statusFilter === 'open' ? OPEN_STATUSES : statusFilter ? (statusFilter.split(',') as RequestStatus[]) : STATUSES;
  if (!loading && rows.length === 0) return <Empty description={t('complaints.desk.empty')} />;
  return (
    <Flex vertical gap={8}>
      {total > rows.length && (
        <Alert type="info" showIcon title={t('complaints.desk.kanbanCapped', { shown: rows.length, total })} />
      )}
      <div
        data-testid="desk-kanban"
        style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }}
      >
        {columns.map((status) => {
          const cards = rows.filter((r) => r.status === status);
          return (
            <section
              key={status}
              data-testid={`kanban-column-${status}`}
              aria-label={statusLabel(t, status)}
              style={{ flex: '0 0 16em', background: '#f5f5f5', borderRadius: 8, padding: 8 }}
            >
              <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
                <StatusTag t={t} status={status} />
                <Typography.Text type="secondary">{cards.length}</Typography.Text>
              </Flex>
              <Flex vertical gap={8}>
                {cards.map((r) => (
                  <Link key={r.id} to={`/requests/${r.id}`} data-testid="kanban-card" style={inheritColour}>
                    <Card
                      size="small"
                      hoverable
                      style={{
                        borderInlineStart: `4px solid ${r.colour === 'red' ? '#ff4d4f' : r.colour === 'yellow' ? '#faad14' : '#52c41a'}`,
                      }}
                    >
                      <Flex vertical gap={4}>
                        <Flex justify="space-between" align="center" gap={4}>
                          <strong>{r.number}</strong>
                          <ColourDot t={t} colour={r.colour} showLabel={false} />
                        </Flex>
                        <span>
                          {categoryLabel(t, r.category)}
                          {r.urgency === 'emergency' && (
                            <Tag color="red" style={{ marginInlineStart: 6 }}>
                              {t('complaints.urgency.emergency')}
                            </Tag>
                          )}
                        </span>
                        <Typography.Text type="secondary" ellipsis>
                          {r.place} {r.description}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                          {r.assignee_name || t('complaints.detail.unassigned')} · {formatDateTime(r.created_at, locale)}
                        </Typography.Text>
                      </Flex>
                    </Card>
                  </Link>
                ))}
              </Flex>
            </section>
          );
        })}
      </div>
    </Flex>
  );
}
