/**
 * The firm's audit log (审计日志): who changed what, newest first, filtered by estate, person,
 * record kind and dates; each entry opens to its changed fields (before → after). A firm admin
 * reads the whole firm, an auditor their estate within their dates (the server decides).
 * People's phones and ID numbers arrive masked.
 */
import { useState } from 'react';
import { App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditChange, AuditEntry, AuditListQuery, PaginatedFirmUserList } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { fill } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { dictionaries, useLocale, useT, type MessageKey, type TFunction } from '../../i18n';
import { useEstateChoices } from '../estates/api';
import { roleLabel } from '../users/RoleTags';
import { auditKeys, exportAuditLog, listAuditEntries, PAGE_SIZE, type AuditFilters } from './api';

type Kind = NonNullable<AuditListQuery['kind']>;
const KINDS: readonly Kind[] = [
  'user',
  'role_grant',
  'estate',
  'building',
  'unit',
  'person',
  'staff_assignment',
  'sla_policy',
  'dispatch_group',
  'dispatch_group_member',
  'dispatch_rule',
  'support_access',
];
const ACTION_COLOURS: Record<string, string> = {
  created: 'green',
  changed: 'blue',
  deleted: 'red',
  granted: 'orange',
  revoked: 'default',
};

/** A key's message when the dictionary has it, else the raw code (a kind added later). */
function known(t: TFunction, key: string, fallback: string): string {
  return key in dictionaries['zh-CN'] ? t(key as MessageKey) : fallback;
}

function Value({ value }: { value: string | null }) {
  const t = useT();
  if (value === null || value === '') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (value === 'true') return <>{t('audit.yes')}</>;
  if (value === 'false') return <>{t('audit.no')}</>;
  return <Typography.Text code>{value}</Typography.Text>;
}

/** One entry's changed fields, before → after. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT();
  if (!entry.changes.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const columns: TableColumnsType<AuditChange> = [
    { title: t('audit.field'), dataIndex: 'field', render: (field: string) => <Typography.Text strong>{field}</Typography.Text> },
    { title: t('audit.before'), dataIndex: 'before', render: (v: string | null) => <Value value={v} /> },
    { title: t('audit.after'), dataIndex: 'after', render: (v: string | null) => <Value value={v} /> },
  ];
  return (
    <Space orientation="vertical" size={4} style={fill}>
      <Table<AuditChange>
        size="small"
        rowKey="field"
        pagination={false}
        columns={columns}
        dataSource={entry.changes}
        data-testid={`audit-diff-${entry.key}`}
      />
      {(entry.request_id || entry.task) && (
        <Typography.Text type="secondary">
          {entry.task ? t('audit.taskName', { name: entry.task }) : t('audit.requestId', { id: entry.request_id })}
        </Typography.Text>
      )}
    </Space>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{entry.actor_name || t('audit.systemActor')}</Typography.Text>
      <Space size={[4, 4]} wrap>
        {entry.actor_roles.map((role) => (
          <Tag key={role} color="blue">
            {roleLabel(t, role)}
          </Tag>
        ))}
        <Tag>{known(t, `audit.source.${entry.source}`, entry.source)}</Tag>
        {entry.support_grant && <Tag color="orange">{t('audit.supportGrant', { id: entry.support_grant })}</Tag>}
      </Space>
    </Space>
  );
}

export default function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<AuditFilters>({ page: 1 });
  useDocumentTitle(t('audit.title'));
  const set = (change: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...change, page: 1 }));

  const entries = useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => listAuditEntries(filters, signal),
    placeholderData: keepPreviousData,
  });
  const estates = useEstateChoices();
  const canListUsers = hasCapability(me, 'users.view');
  const users = useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: ({ signal }) => api.get<PaginatedFirmUserList>('users/', { page_size: 200 }, signal),
    enabled: canListUsers,
  });
  const exporting = useMutation({
    mutationFn: () => exportAuditLog(filters),
    onSuccess: (name) => message.success(t('audit.exported', { name })),
    onError: (error) => message.error(errorMessage(error, t)),
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at, locale) },
    { title: t('audit.actor'), key: 'actor', render: (_, entry) => <Actor entry={entry} /> },
    {
      title: t('audit.what'),
      key: 'what',
      render: (_, entry) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">{known(t, `audit.kind.${entry.kind}`, entry.kind)}</Typography.Text>
          <Typography.Text>{entry.label || t('common.none')}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <Tag color={ACTION_COLOURS[action] ?? 'default'}>{known(t, `audit.act.${action}`, action)}</Tag>
      ),
    },
    { title: t('audit.estate'), dataIndex: 'estate_name', render: (name: string) => name || t('common.none') },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_, entry) => t('audit.changeCount', { count: entry.changes.length }),
    },
  ];

  if (entries.isError && !entries.data) return <LoadError error={entries.error} onRetry={() => entries.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Button
          icon={<DownloadOutlined />}
          data-testid="audit-export"
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
        >
          {t('audit.export')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
      <Flex gap={8} wrap>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          data-testid="field-estate"
          placeholder={t('audit.filterEstate')}
          value={filters.estate}
          onChange={(estate?: number) => set({ estate })}
          options={(estates.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          data-testid="field-kind"
          placeholder={t('audit.filterKind')}
          value={filters.kind}
          onChange={(kind?: Kind) => set({ kind })}
          options={KINDS.map((k) => ({ value: k, label: t(`audit.kind.${k}` as MessageKey) }))}
        />
        {canListUsers && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            data-testid="field-actor"
            placeholder={t('audit.filterActor')}
            value={filters.actor}
            onChange={(actor?: number) => set({ actor })}
            options={(users.data?.results ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
          />
        )}
        <Input
          type="date"
          style={{ width: 170 }}
          aria-label={t('audit.since')}
          data-testid="field-since"
          value={filters.since ?? ''}
          onChange={(e) => set({ since: e.target.value || undefined })}
        />
        <Input
          type="date"
          style={{ width: 170 }}
          aria-label={t('audit.until')}
          data-testid="field-until"
          value={filters.until ?? ''}
          onChange={(e) => set({ until: e.target.value || undefined })}
        />
      </Flex>
      <Table<AuditEntry>
        rowKey="key"
        data-testid="audit-table"
        loading={entries.isFetching}
        columns={columns}
        dataSource={entries.data?.results ?? []}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
        pagination={{
          current: filters.page,
          pageSize: PAGE_SIZE,
          total: entries.data?.count ?? 0,
          showSizeChanger: false,
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
        scroll={{ x: 'max-content' }}
      />
    </Space>
  );
}
