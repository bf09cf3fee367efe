/**
 * "我的报事": the resident's own requests as cards (number, status, SLA colour, time), newest first.
 */
import { useState } from 'react';
import { Card, Empty, Flex, Input, Pagination, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { ButtonLink } from '../../app/ButtonLink';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { MINE_PAGE_SIZE, useRequestList } from './api';
import { categoryLabel, ColourDot, kindLabel, StatusTag } from './ui';
import { inheritColour, smallText } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

export default function MyRequestsPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('complaints.mine.title'));
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const [page, setPage] = useState(1);
  const list = useRequestList({ mine: true, page, page_size: MINE_PAGE_SIZE, search: search || undefined });
  const rows = list.data?.results ?? [];

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760, margin: '0 auto', width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('complaints.mine.title')}</PageTitle>
        <ButtonLink to="/requests/new" type="primary" size="large" icon={<PlusOutlined />} data-testid="mine-new">
          {t('complaints.nav.submit')}
        </ButtonLink>
      </Flex>
      <Input.Search
        allowClear
        defaultValue={search}
        key={search}
        data-testid="mine-search"
        aria-label={t('complaints.mine.search')}
        placeholder={t('complaints.mine.search')}
        onSearch={(value) => {
          setPage(1);
          setParams(value.trim() ? { search: value.trim() } : {}, { replace: true });
        }}
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t(search ? 'complaints.mine.noMatch' : 'complaints.mine.empty')}>
          {!search && (
            <ButtonLink to="/requests/new" type="primary" size="large">
              {t('complaints.nav.submit')}
            </ButtonLink>
          )}
        </Empty>
      ) : (
        <Flex vertical gap={12} data-testid="mine-list">
          {rows.map((row) => (
            <Link key={row.id} to={`/requests/${row.id}`} data-testid="request-card" style={inheritColour}>
              <Card hoverable size="small" styles={{ body: { padding: '14px 16px' } }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
                    <Flex align="center" gap={8} wrap>
                      <Typography.Text strong style={{ fontSize: '1.1em' }}>
                        {row.number}
                      </Typography.Text>
                      <StatusTag t={t} status={row.status} />
                      <ColourDot t={t} colour={row.colour} status={row.status} />
                      {row.urgency === 'emergency' && <Tag color="red">{t('complaints.urgency.emergency')}</Tag>}
                    </Flex>
                    <Typography.Text>
                      {kindLabel(t, row.kind)} · {categoryLabel(t, row.category)}
                      {row.place ? ` · ${row.place}` : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary" ellipsis>
                      {row.description}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={smallText}>
                      {t('complaints.mine.createdAt', { time: formatDateTime(row.created_at, locale) })}
                    </Typography.Text>
                  </Flex>
                  <RightOutlined aria-hidden style={{ color: '#bfbfbf' }} />
                </Flex>
              </Card>
            </Link>
          ))}
        </Flex>
      )}
      {(list.data?.count ?? 0) > MINE_PAGE_SIZE && (
        <Pagination
          align="center"
          current={page}
          pageSize={MINE_PAGE_SIZE}
          total={list.data?.count ?? 0}
          showSizeChanger={false}
          onChange={setPage}
        />
      )}
    </Flex>
  );
}
