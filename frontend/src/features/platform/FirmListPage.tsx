/**
 * Every firm on the platform: status, provisioning, address; suspend or activate.
 */
import { useState } from 'react';
import { Button, Flex, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Firm } from '../../api/types';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { firmsQueryKey, listFirms, PAGE_SIZE, type FirmFilters } from './api';
import { FirmActions } from './FirmActions';
import { FirmStatusTag, ProvisioningTag } from './FirmTags';
import { fill } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

export default function FirmListPage() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<FirmFilters>({ search: '', page: 1 });
  useDocumentTitle(t('firms.title'));

  const firms = useQuery({
    queryKey: firmsQueryKey(filters),
    queryFn: ({ signal }) => listFirms(filters, signal),
    placeholderData: keepPreviousData,
    // While a firm is being set up, keep its row current.
    refetchInterval: (query) => (query.state.data?.results.some((f) => f.provisioning_status === 'pending') ? 2000 : false),
  });

  const columns: TableColumnsType<Firm> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (_, firm) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/platform/firms/${firm.id}`} data-testid={`firm-${firm.slug}`}>
            {firm.name}
          </Link>
          <Typography.Text type="secondary">{firm.slug}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('firms.domain'),
      dataIndex: 'url',
      render: (_, firm) =>
        firm.url ? (
          <a href={firm.url} target="_blank" rel="noopener noreferrer" data-testid={`firm-link-${firm.slug}`}>
            {firm.domain || firm.url}
          </a>
        ) : (
          firm.domain || t('common.none')
        ),
    },
    { title: t('firms.status'), dataIndex: 'status', render: (_, firm) => <FirmStatusTag status={firm.status} /> },
    {
      title: t('firms.provisioning'),
      dataIndex: 'provisioning_status',
      render: (_, firm) => <ProvisioningTag status={firm.provisioning_status} />,
    },
    { title: t('firms.adminEmail'), dataIndex: 'admin_email' },
    { title: t('firms.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v, locale) },
    { title: t('common.actions'), key: 'actions', render: (_, firm) => <FirmActions firm={firm} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('firms.title')}</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} data-testid="new-firm" onClick={() => navigate('/platform/firms/new')}>
          {t('firms.new')}
        </Button>
      </Flex>
      <Input.Search
        allowClear
        data-testid="firms-search"
        aria-label={t('firms.searchPlaceholder')}
        placeholder={t('firms.searchPlaceholder')}
        style={{ maxWidth: 360 }}
        onSearch={(search) => setFilters({ search: search.trim(), page: 1 })}
      />
      {firms.isError ? (
        <LoadError error={firms.error} onRetry={() => firms.refetch()} />
      ) : (
        <Table<Firm>
          rowKey="id"
          data-testid="firms-table"
          columns={columns}
          dataSource={firms.data?.results ?? []}
          loading={firms.isPending || (firms.isFetching && firms.isPlaceholderData)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('firms.empty') }}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: firms.data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
    </Space>
  );
}
