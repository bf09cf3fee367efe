/**
 * 服务台: the staff's view of every request in their estates. List or kanban (columns by status),
 * filters (estate, status, category, colour), search by number, SLA colours, time left or how
 * late on every row, sorting by urgency (overdue first), by date or by a column, row selection
 * with bulk assignment, the Excel export, and "record for a resident" (phone, front desk,
 * walk-in, paper). On a phone the list is cards, never wider than the screen.
 * A KPI tile opens it on exactly the requests behind the figure (`kpi`, `created_from/to` in the
 * address); a committee member sees that list read-only.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Grid, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreOutlined, DownloadOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { downloadFile, useAssignees, useEstateChoices } from '../estates/api';
import { hasCapability, useMe } from '../../app/session';
import { bulkAssign, DESK_PAGE_SIZE, exportPath, useRequestList, type RequestFilters } from './api';
import type { KpiSubset } from './kpiTypes';
import { OVERDUE_RED, timeLeft, useNow } from './urgency';
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
import {
  categoryLabel,
  ColourDot,
  colourLabel,
  complaintsErrorMessage,
  kindLabel,
  statusLabel,
  StatusTag,
  visitWindow,
} from './ui';
import { fill, inheritColour } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

type View = 'list' | 'kanban';
const KANBAN_SIZE = 200;

type Ordering = NonNullable<RequestFilters['ordering']>;

interface DeskFilters {
  estate?: number;
  /** 'open' = every open status; '' = all */
  status: string;
  category: string;
  colour: string;
  search: string;
  page: number;
  ordering: Ordering;
  /** from a KPI tile: the requests behind it, created in the period */
  kpi?: KpiSubset;
  created_from?: string;
  created_to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a link may carry (a KPI tile's): anything unreadable is left out. */
function filtersFromAddress(params: URLSearchParams): DeskFilters {
  const estate = Number(params.get('estate'));
  const status = params.get('status');
  const from = params.get('created_from') ?? '';
  const to = params.get('created_to') ?? '';
  return {
    estate: Number.isInteger(estate) && estate > 0 ? estate : undefined,
    status: status === 'all' ? '' : status && (STATUSES as readonly string[]).includes(status) ? status : 'open',
    category: '',
    colour: '',
    search: '',
    page: 1,
    ordering: 'urgency',
    kpi: (params.get('kpi') || undefined) as KpiSubset | undefined,
    created_from: DATE.test(from) ? from : undefined,
    created_to: DATE.test(to) ? to : undefined,
  };
}

/** A column's sort order as antd shows it, from the list's `ordering`. */
function sortOrderOf(ordering: Ordering, column: string): 'ascend' | 'descend' | null {
  if (ordering === column) return 'ascend';
  if (ordering === `-${column}`) return 'descend';
  return null;
}

export default function DeskPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  useDocumentTitle(t('complaints.desk.title'));
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<View>('list');
  const [filters, setFilters] = useState<DeskFilters>(() => filtersFromAddress(params));
  const { data: me } = useMe();
  const handles = hasCapability(me, 'complaints.handle');
  const phone = Grid.useBreakpoint().md === false;
  const now = useNow(60_000);
  const [exporting, setExporting] = useState(false);
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
    ordering: filters.ordering,
    kpi: filters.kpi,
    created_from: filters.created_from,
    created_to: filters.created_to,
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
      key: 'number',
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderOf(filters.ordering, 'number'),
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
    {
      title: t('complaints.desk.timeLeft'),
      key: 'urgency',
      sorter: true,
      sortOrder: filters.ordering === 'urgency' ? 'ascend' : null,
      sortDirections: ['ascend'],
      render: (_, r) => <TimeLeftText row={r} now={now} />,
    },
    {
      title: t('complaints.field.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrderOf(filters.ordering, 'status'),
      render: (s: string) => <StatusTag t={t} status={s} />,
    },
    {
      title: t('complaints.field.category'),
      key: 'category',
      sorter: true,
      sortOrder: sortOrderOf(filters.ordering, 'category'),
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
          {r.preferred_visit_from && (
            <Typography.Text data-testid="row-visit">
              {t('complaints.detail.visitWanted')} {visitWindow(r.preferred_visit_from, r.preferred_visit_to, locale)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('complaints.field.assignee'),
      dataIndex: 'assignee_name',
      key: 'assignee',
      sorter: true,
      sortOrder: sortOrderOf(filters.ordering, 'assignee'),
      render: (v: string) => v || <Typography.Text type="secondary">{t('complaints.detail.unassigned')}</Typography.Text>,
    },
    {
      title: t('complaints.detail.createdAt'),
      dataIndex: 'created_at',
      key: 'created_at',
      sorter: true,
      sortOrder: sortOrderOf(filters.ordering, 'created_at'),
      render: (v: string) => formatDateTime(v, locale),
    },
  ];

  async function exportList() {
    setExporting(true);
    try {
      await downloadFile(exportPath(query), 'requests.xlsx');
    } catch (error) {
      message.error(complaintsErrorMessage(error, t) || t('complaints.desk.exportFailed'));
    } finally {
      setExporting(false);
    }
  }

  const sortOptions: { value: Ordering; label: string }[] = [
    { value: 'urgency', label: t('complaints.desk.sortUrgency') },
    { value: '-created_at', label: t('complaints.desk.sortNewest') },
    { value: 'created_at', label: t('complaints.desk.sortOldest') },
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
          {handles && (
            <Button icon={<DownloadOutlined />} data-testid="desk-export" loading={exporting} onClick={exportList}>
              {t('complaints.desk.export')}
            </Button>
          )}
          {handles && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="desk-new" onClick={() => setParams({ record: '1' })}>
              {t('complaints.desk.recordForResident')}
            </Button>
          )}
        </Flex>
      </Flex>

      {filters.kpi !== undefined || filters.created_from !== undefined ? (
        <Alert
          type="info"
          showIcon
          data-testid="desk-drill"
          title={t('complaints.desk.drill', {
            what: t(`complaints.subset.${filters.kpi ?? 'total'}`),
            start: filters.created_from ?? '…',
            end: filters.created_to ?? '…',
          })}
          action={
            <Button
              size="small"
              data-testid="desk-drill-clear"
              onClick={() => change({ kpi: undefined, created_from: undefined, created_to: undefined, status: 'open' })}
            >
              {t('complaints.desk.drillClear')}
            </Button>
          }
        />
      ) : null}
      {handles && (
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
          {t('complaints.desk.takeVsAccept')}
        </Typography.Text>
      )}

      <Flex gap={8} wrap data-testid="desk-filters">
        <Select<Ordering>
          data-testid="desk-sort"
          aria-label={t('complaints.desk.sort')}
          value={sortOptions.some((o) => o.value === filters.ordering) ? filters.ordering : undefined}
          placeholder={t('complaints.desk.sort')}
          style={{ flex: '1 1 12em', maxWidth: '18em' }}
          onChange={(ordering) => change({ ordering })}
          options={sortOptions}
        />
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
      ) : view === 'list' && phone ? (
        <PhoneList
          rows={rows}
          now={now}
          loading={list.isPending}
          page={filters.page}
          total={list.data?.count ?? 0}
          onPage={(page) => setFilters((f) => ({ ...f, page }))}
        />
      ) : view === 'list' ? (
        <Table<RequestRow>
          rowKey="id"
          data-testid="desk-table"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onChange={(_pagination, _filters, sorter, extra) => {
            if (extra.action !== 'sort') return;
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = String(one?.columnKey ?? '');
            const ordering = !one?.order
              ? 'urgency'
              : key === 'urgency'
                ? 'urgency'
                : ((one.order === 'descend' ? `-${key}` : key) as Ordering);
            change({ ordering: ordering as Ordering });
          }}
          rowSelection={
            handles
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(Number)),
                  getCheckboxProps: (r) =>
                    ({
                      disabled: r.status === 'closed' || r.status === 'rejected',
                      'data-testid': `select-${r.id}`,
                    }) as Record<string, unknown>,
                }
              : undefined
          }
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

/** "剩余 5 小时" / "已超时 3 天" (red), or "不计时" when no clock runs (paused, stopped). */
function TimeLeftText({ row, now }: { row: RequestRow; now: number }) {
  const t = useT();
  const left = timeLeft(t, row.due_at, now);
  if (!left) return <Typography.Text type="secondary">{t('complaints.desk.noDue')}</Typography.Text>;
  return (
    <span
      data-testid={`time-left-${row.id}`}
      data-overdue={left.overdue}
      style={{ color: left.overdue ? OVERDUE_RED : undefined, fontWeight: left.overdue ? 600 : undefined, whiteSpace: 'nowrap' }}
    >
      {left.text}
    </span>
  );
}

/** The list on a phone: one card per request, as wide as the screen, nothing to scroll sideways. */
function PhoneList({
  rows,
  now,
  loading,
  page,
  total,
  onPage,
}: {
  rows: RequestRow[];
  now: number;
  loading: boolean;
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = useT();
  const locale = useLocale();
  if (!loading && rows.length === 0) return <Empty description={t('complaints.desk.empty')} />;
  return (
    <Flex vertical gap={8} data-testid="desk-cards" style={{ minWidth: 0 }}>
      {rows.map((r) => (
        <Link key={r.id} to={`/requests/${r.id}`} style={inheritColour} data-testid={`desk-card-${r.id}`}>
          <Card
            size="small"
            hoverable
            style={{
              borderInlineStart: `4px solid ${r.colour === 'red' ? '#ff4d4f' : r.colour === 'yellow' ? '#faad14' : '#52c41a'}`,
            }}
          >
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <strong>{r.number}</strong>
                <StatusTag t={t} status={r.status} />
              </Flex>
              <TimeLeftText row={r} now={now} />
              <span style={{ overflowWrap: 'anywhere' }}>
                {kindLabel(t, r.kind)} · {categoryLabel(t, r.category)}
                {r.urgency === 'emergency' && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('complaints.urgency.emergency')}
                  </Tag>
                )}
              </span>
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {[r.estate_code, r.place].filter(Boolean).join(' ')} {r.description}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                {r.assignee_name || t('complaints.detail.unassigned')} · {formatDateTime(r.created_at, locale)}
              </Typography.Text>
            </Flex>
          </Card>
        </Link>
      ))}
      {total > rows.length && (
        <Flex justify="center" gap={8}>
          <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ‹
          </Button>
          <Typography.Text style={{ alignSelf: 'center' }}>{t('common.total', { count: total })}</Typography.Text>
          <Button disabled={page * DESK_PAGE_SIZE >= total} onClick={() => onPage(page + 1)}>
            ›
          </Button>
        </Flex>
      )}
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
                        {r.preferred_visit_from && (
                          <Typography.Text>
                            {t('complaints.detail.visitWanted')}{' '}
                            {visitWindow(r.preferred_visit_from, r.preferred_visit_to, locale)}
                          </Typography.Text>
                        )}
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
