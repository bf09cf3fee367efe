/**
 * 督办公示: what the owners' committee supervises for its estate. The red board (open requests past
 * a deadline, and every rejection) is read-only and says how late each item is and who owns it; hot topics are recurring complaints clustered into
 * suggested agenda items, which a committee member accepts or dismisses (never the machine).
 */
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Segmented, Skeleton, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { decideHotTopic, refreshHotTopics, useBoard, useHotTopics } from './api';
import { EstatePicker } from './EstatePicker';
import type { HotTopic, HotTopicStatus } from './kpiTypes';
import type { RequestRow } from './types';
import { OVERDUE_RED, timeLeft, useNow } from './urgency';
import { categoryLabel, ColourDot, complaintsErrorMessage, kindLabel, StatusTag } from './ui';
import { inheritColour, largeText, smallText } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

export default function BoardPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('complaints.board.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const pickEstate = useCallback((id: number) => setEstate(id), []);
  const board = useBoard(estate);
  const now = useNow(60_000);

  return (
    <Flex vertical gap={16} style={{ width: '100%', maxWidth: 1000, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('complaints.board.title')}</PageTitle>
        <EstatePicker value={estate} onChange={pickEstate} testId="board-estate" />
      </Flex>

      <Card
        title={
          <Flex align="center" gap={8}>
            <span aria-hidden style={{ width: 10, height: 10, borderRadius: '50%', background: '#ff4d4f' }} />
            {t('complaints.board.redTitle')}
            {board.data && <Tag color="red">{board.data.length}</Tag>}
          </Flex>
        }
        size="small"
      >
        <Typography.Paragraph type="secondary">{t('complaints.board.redHint')}</Typography.Paragraph>
        {board.isError ? (
          <LoadError error={board.error} onRetry={() => board.refetch()} />
        ) : !board.data ? (
          <Skeleton active />
        ) : board.data.length === 0 ? (
          <Empty description={t('complaints.board.redEmpty')} />
        ) : (
          <Flex vertical gap={8} data-testid="board-list">
            {board.data.map((r) => (
              <Link key={r.id} to={`/requests/${r.id}`} style={inheritColour}>
                <Card
                  size="small"
                  hoverable
                  data-testid="board-row"
                  data-status={r.status}
                  style={{ borderInlineStart: '4px solid #ff4d4f' }}
                >
                  <Flex justify="space-between" gap={8} wrap align="center">
                    <Flex align="center" gap={8} wrap>
                      <strong>{r.number}</strong>
                      {r.status === 'rejected' ? (
                        <StatusTag t={t} status={r.status} />
                      ) : (
                        <>
                          <ColourDot t={t} colour={r.colour} status={r.status} />
                          <StatusTag t={t} status={r.status} />
                        </>
                      )}
                    </Flex>
                    <Typography.Text type="secondary" style={smallText}>
                      {formatDateTime(r.created_at, locale)}
                    </Typography.Text>
                  </Flex>
                  <Flex gap={12} wrap align="center" style={{ marginTop: 6 }}>
                    {r.status !== 'rejected' && <HowLate row={r} now={now} />}
                    <Typography.Text data-testid={`board-owner-${r.id}`}>
                      {r.assignee_name
                        ? t('complaints.board.owner', { name: r.assignee_name })
                        : t('complaints.board.owner', { name: t('complaints.board.noOwner') })}
                    </Typography.Text>
                  </Flex>
                  <Typography.Paragraph style={{ margin: '6px 0 0' }} ellipsis={{ rows: 2 }}>
                    {kindLabel(t, r.kind)} · {categoryLabel(t, r.category)}
                    {r.place ? ` · ${r.place}` : ''} — {r.description}
                  </Typography.Paragraph>
                  {r.status === 'rejected' && r.reject_reason && (
                    <Typography.Text type="secondary">
                      {t('complaints.board.whyRejected')}：{r.reject_reason}
                    </Typography.Text>
                  )}
                </Card>
              </Link>
            ))}
          </Flex>
        )}
      </Card>

      {estate !== undefined && <HotTopics estate={estate} />}
    </Flex>
  );
}

/** "已超时 3 天": how late an open item on the red board is (from its promised time). */
function HowLate({ row, now }: { row: RequestRow; now: number }) {
  const t = useT();
  const left = timeLeft(t, row.due_at, now);
  if (!left) return null;
  return (
    <Typography.Text strong data-testid={`board-late-${row.id}`} style={{ color: left.overdue ? OVERDUE_RED : undefined }}>
      {left.text}
    </Typography.Text>
  );
}

function HotTopics({ estate }: { estate: number }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canDecide = hasCapability(me, 'complaints.hot_topics.decide');
  const canRefresh = hasCapability(me, 'complaints.kpi');
  const [status, setStatus] = useState<HotTopicStatus>('suggested');
  const topics = useHotTopics(estate, status);

  const decide = useMutation({
    mutationFn: ({ topic, decision }: { topic: HotTopic; decision: 'accept' | 'dismiss' }) => decideHotTopic(topic.id, decision),
    onSuccess: (_, { decision }) => {
      message.success(t(decision === 'accept' ? 'complaints.hot.accepted' : 'complaints.hot.dismissed'));
      return queryClient.invalidateQueries({ queryKey: ['complaints', 'hot-topics', estate] });
    },
    onError: (error) => message.error(complaintsErrorMessage(error, t)),
  });
  const refresh = useMutation({
    mutationFn: () => refreshHotTopics(estate),
    onSuccess: () => {
      message.success(t('complaints.hot.refreshed'));
      return queryClient.invalidateQueries({ queryKey: ['complaints', 'hot-topics', estate] });
    },
    onError: (error) => message.error(complaintsErrorMessage(error, t)),
  });

  return (
    <Card
      size="small"
      title={t('complaints.hot.title')}
      extra={
        canRefresh && (
          <Button
            icon={<ReloadOutlined />}
            loading={refresh.isPending}
            onClick={() => refresh.mutate()}
            data-testid="hot-topics-refresh"
          >
            {t('complaints.hot.refresh')}
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('complaints.hot.hint')}</Typography.Text>
        <Segmented<HotTopicStatus>
          data-testid="hot-topics-status"
          value={status}
          onChange={setStatus}
          options={(['suggested', 'accepted', 'dismissed'] as const).map((s) => ({
            value: s,
            label: t(`complaints.hot.status.${s}`),
          }))}
        />
        {topics.isError ? (
          <Alert
            type="warning"
            showIcon
            data-testid="hot-topics-error"
            title={
              isApiError(topics.error) && topics.error.status === 404
                ? t('complaints.hot.unavailable')
                : complaintsErrorMessage(topics.error, t)
            }
            action={
              <Button size="small" onClick={() => topics.refetch()}>
                {t('app.retry')}
              </Button>
            }
          />
        ) : !topics.data ? (
          <Skeleton active />
        ) : topics.data.results.length === 0 ? (
          <Empty description={t('complaints.hot.empty')} />
        ) : (
          topics.data.results.map((topic) => (
            <Card
              key={topic.id}
              size="small"
              data-testid={`hot-topic-${topic.id}`}
              style={{ background: '#fffbe6', borderColor: '#ffe58f' }}
            >
              <Flex vertical gap={8}>
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Typography.Text strong style={largeText}>
                    {categoryLabel(t, topic.category)} · {t('complaints.hot.count', { count: topic.request_count })}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={smallText}>
                    {topic.decided_at
                      ? t('complaints.hot.decidedAt', { date: formatDate(topic.decided_at, locale) })
                      : t('complaints.hot.suggestedAt', { date: formatDate(topic.created_at, locale) })}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} wrap aria-label={t('complaints.hot.keywords')}>
                  {topic.keywords.map((word) => (
                    <Tag key={word} color="orange" style={{ fontSize: '1em', padding: '2px 8px' }}>
                      {word}
                    </Tag>
                  ))}
                </Flex>
                <Flex gap={8} wrap align="center">
                  <Typography.Text type="secondary">{t('complaints.hot.requests')}</Typography.Text>
                  {topic.requests.map((r) => (
                    <Link key={r.id} to={`/requests/${r.id}`}>
                      {r.number}
                    </Link>
                  ))}
                </Flex>
                {canDecide && topic.status === 'suggested' && (
                  <Flex gap={8} wrap>
                    <Popconfirm
                      title={t('complaints.hot.acceptConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => decide.mutateAsync({ topic, decision: 'accept' }).catch(() => undefined)}
                    >
                      <Button
                        type="primary"
                        data-testid={`hot-topic-accept-${topic.id}`}
                        loading={
                          decide.isPending && decide.variables?.topic.id === topic.id && decide.variables.decision === 'accept'
                        }
                      >
                        {t('complaints.hot.accept')}
                      </Button>
                    </Popconfirm>
                    <Button
                      data-testid={`hot-topic-dismiss-${topic.id}`}
                      loading={
                        decide.isPending && decide.variables?.topic.id === topic.id && decide.variables.decision === 'dismiss'
                      }
                      onClick={() => decide.mutate({ topic, decision: 'dismiss' })}
                    >
                      {t('complaints.hot.dismiss')}
                    </Button>
                  </Flex>
                )}
              </Flex>
            </Card>
          ))
        )}
      </Flex>
    </Card>
  );
}
