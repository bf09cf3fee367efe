/**
 * The estates in the user's scope: search, open one, and (with `estates.create`) add one.
 * On a phone the table keeps code, name and units; the rest shows from the md breakpoint.
 */
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Flex, Grid, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { PAGE_SIZE, useEstates, type EstateFilters } from './api';
import { NewEstateModal } from './components/NewEstateModal';
import type { Estate } from './types';
import { fill, inheritColour } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

export default function EstatesPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canCreate = hasCapability(me, 'estates.create');
  const [filters, setFilters] = useState<EstateFilters>({ search: '', page: 1 });
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('estates.title'));

  const estates = useEstates(filters);
  // On a phone the code rides along with the name instead of taking a column.
  const narrow = Grid.useBreakpoint().sm === false;

  const columns: TableColumnsType<Estate> = [
    { title: t('estates.field.code'), dataIndex: 'code', responsive: ['sm'] },
    {
      title: t('estates.field.name'),
      dataIndex: 'name',
      render: (_, estate) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Link to={`/estates/${estate.id}`} onClick={(e) => e.stopPropagation()}>
              <Typography.Text strong style={inheritColour}>
                {estate.name}
              </Typography.Text>
            </Link>
            {narrow && <Tag>{estate.code}</Tag>}
          </Space>
          {estate.address && <Typography.Text type="secondary">{estate.address}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('estates.cityDistrict'),
      key: 'place',
      responsive: ['md'],
      render: (_, estate) => [estate.city, estate.district].filter(Boolean).join(' · ') || t('common.none'),
    },
    { title: t('estates.buildings'), dataIndex: 'building_count', align: 'right', responsive: ['md'] },
    {
      title: t('estates.units'),
      dataIndex: 'unit_count',
      align: 'right',
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    { title: t('estates.field.household_count'), dataIndex: 'household_count', align: 'right', responsive: ['lg'] },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('estates.title')}</PageTitle>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-estate" onClick={() => setCreating(true)}>
            {t('estates.new')}
          </Button>
        )}
      </Flex>
      <Input.Search
        allowClear
        data-testid="estates-search"
        aria-label={t('estates.searchPlaceholder')}
        placeholder={t('estates.searchPlaceholder')}
        style={{ maxWidth: 360 }}
        onSearch={(search) => setFilters({ search: search.trim(), page: 1 })}
      />
      {estates.isError ? (
        <LoadError error={estates.error} onRetry={() => estates.refetch()} />
      ) : (
        <Table<Estate>
          rowKey="id"
          data-testid="estates-table"
          columns={columns}
          dataSource={estates.data?.results ?? []}
          loading={estates.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: filters.search ? t('estates.noMatch') : t('estates.empty') }}
          onRow={(estate) =>
            ({
              'data-testid': `estate-row-${estate.code}`,
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/estates/${estate.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: estates.data?.count ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      <NewEstateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(estate) => {
          setCreating(false);
          message.success(t('estates.created', { name: estate.name }));
          navigate(`/estates/${estate.id}`);
        }}
      />
    </Space>
  );
}
