/**
 * The firm's people: search, filter by role, invite, deactivate / reactivate,
 * resend an invitation. Reading needs `users.view`; changing needs `users.manage`.
 */
import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FirmUser, InviteRole } from '../../api/types';
import { INVITE_ROLES } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { deactivateUser, listUsers, PAGE_SIZE, reactivateUser, resendInvitation, usersQueryKey, type UserFilters } from './api';
import { InviteUserModal } from './InviteUserModal';
import { roleLabel, RoleTags } from './RoleTags';
import { fill } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

type Action = 'deactivate' | 'reactivate' | 'resend';

export default function UsersPage() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'users.manage');
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<UserFilters>({ search: '', role: '', page: 1 });
  const [inviting, setInviting] = useState(false);
  useDocumentTitle(t('users.title'));

  const users = useQuery({
    queryKey: usersQueryKey(filters),
    queryFn: ({ signal }) => listUsers(filters, signal),
    placeholderData: keepPreviousData,
  });

  const action = useMutation({
    mutationFn: ({ kind, user }: { kind: Action; user: FirmUser }) =>
      kind === 'deactivate'
        ? deactivateUser(user.id)
        : kind === 'reactivate'
          ? reactivateUser(user.id)
          : resendInvitation(user.id),
    onSuccess: (user, { kind }) => {
      const name = user.full_name || user.email;
      if (kind === 'deactivate') message.success(t('users.deactivated', { name }));
      else if (kind === 'reactivate') message.success(t('users.reactivated', { name }));
      else message.success(t('users.resent', { email: user.email }));
      return queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => message.error(errorMessage(error, t)),
  });

  const columns: TableColumnsType<FirmUser> = [
    {
      title: t('field.full_name'),
      dataIndex: 'full_name',
      render: (_, user) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{user.full_name || t('common.none')}</Typography.Text>
          <Typography.Text type="secondary">{user.email}</Typography.Text>
        </Space>
      ),
    },
    { title: t('field.phone'), dataIndex: 'phone', render: (phone: string) => phone || t('common.none') },
    { title: t('field.role'), dataIndex: 'roles', render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) =>
        !user.is_active ? (
          <Tag color="default">{t('users.statusInactive')}</Tag>
        ) : user.invitation_pending ? (
          <Tag color="gold">{t('users.statusInvited')}</Tag>
        ) : (
          <Tag color="green">{t('users.statusActive')}</Tag>
        ),
    },
    { title: t('users.joined'), dataIndex: 'date_joined', render: (value: string) => formatDate(value, locale) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => {
        const name = user.full_name || user.email;
        const busy = action.isPending && action.variables?.user.id === user.id;
        const isSelf = me?.id === user.id;
        return (
          <Space wrap size={4}>
            {user.invitation_pending && user.is_active && (
              <Button
                size="small"
                data-testid={`resend-${user.id}`}
                loading={busy && action.variables?.kind === 'resend'}
                onClick={() => action.mutate({ kind: 'resend', user })}
              >
                {t('users.resend')}
              </Button>
            )}
            {user.is_active ? (
              !isSelf && (
                <Popconfirm
                  title={t('users.deactivateConfirm', { name })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => action.mutateAsync({ kind: 'deactivate', user }).catch(() => undefined)}
                >
                  <Button size="small" danger data-testid={`deactivate-${user.id}`} loading={busy}>
                    {t('users.deactivate')}
                  </Button>
                </Popconfirm>
              )
            ) : (
              <Popconfirm
                title={t('users.reactivateConfirm', { name })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => action.mutateAsync({ kind: 'reactivate', user }).catch(() => undefined)}
              >
                <Button size="small" data-testid={`reactivate-${user.id}`} loading={busy}>
                  {t('users.reactivate')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('users.title')}</PageTitle>
        {canManage && (
          <Button type="primary" icon={<UserAddOutlined />} data-testid="invite-user" onClick={() => setInviting(true)}>
            {t('users.invite')}
          </Button>
        )}
      </Flex>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          data-testid="users-search"
          aria-label={t('users.searchPlaceholder')}
          placeholder={t('users.searchPlaceholder')}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          onSearch={(search) => setFilters((f) => ({ ...f, search: search.trim(), page: 1 }))}
        />
        <Select<InviteRole | ''>
          data-testid="users-role-filter"
          aria-label={t('field.role')}
          value={filters.role ?? ''}
          style={{ flex: '0 1 180px', minWidth: 140 }}
          onChange={(role) => setFilters((f) => ({ ...f, role, page: 1 }))}
          options={[
            { value: '', label: t('users.allRoles') },
            ...INVITE_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) })),
          ]}
        />
      </Flex>
      {users.isError ? (
        <LoadError error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <Table<FirmUser>
          rowKey="id"
          data-testid="users-table"
          columns={columns}
          dataSource={users.data?.results ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('users.empty') }}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: users.data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      <InviteUserModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(user) => {
          setInviting(false);
          message.success(t('users.invited', { email: user.email }));
          void queryClient.invalidateQueries({ queryKey: ['users'] });
        }}
      />
    </Space>
  );
}
