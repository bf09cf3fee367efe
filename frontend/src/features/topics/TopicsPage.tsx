/**
 * The deliberation hall (议事厅) of one of the user's estates: topics on the agenda, gathering
 * support, and answered, each sorted by support; the committee sets the support the agenda
 * needs. Residents and the committee raise topics; the firm reads.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Button, Card, Flex, InputNumber, List, Segmented, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/errors';
import { isResidentOnly, useMe } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useHall, useSetThreshold, useTopics } from './api';
import { HotBadge, TopicStatusTag } from './shared';
import type { Topic } from './types';

type Tab = 'agenda' | 'open' | 'ended';

function tabOf(topic: Topic): Tab {
  if (topic.status === 'agenda') return 'agenda';
  if (topic.status === 'open') return 'open';
  return 'ended';
}

function ThresholdForm({ estate, current }: { estate: number; current: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(current);
  const save = useSetThreshold(estate);
  return (
    <Space wrap data-testid="threshold-form">
      <span>{t('topics.threshold.label')}</span>
      <InputNumber min={1} max={1000} value={value} onChange={setValue} data-testid="threshold-input" />
      <Button
        data-testid="threshold-save"
        loading={save.isPending}
        disabled={!value}
        onClick={() =>
          save.mutate(value ?? current, {
            onSuccess: () => void message.success(t('topics.threshold.saved')),
            onError: (error) => void message.error(errorMessage(error, t)),
          })
        }
      >
        {t('topics.threshold.save')}
      </Button>
    </Space>
  );
}

export default function TopicsPage() {
  const t = useT();
  useDocumentTitle(t('topics.title'));
  const [params, setParams] = useSearchParams();
  const estate = params.get('estate') ? Number(params.get('estate')) : undefined;
  const [tab, setTab] = useState<Tab>('agenda');
  const topics = useTopics(estate);
  const hall = useHall(estate);
  const threshold = hall.data?.threshold ?? 0;
  const shown = (topics.data ?? [])
    .filter((topic) => tabOf(topic) === tab)
    .sort((a, b) => b.support_count - a.support_count || b.id - a.id);
  const me = useMe();
  const speaks = !!me.data && isResidentOnly(me.data);
  return (
    <Flex vertical gap={16} data-testid="topics-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('topics.title')}
      </Typography.Title>
      <EstatePicker
        value={estate}
        onChange={(id) => setParams({ estate: String(id) }, { replace: true })}
        testId="topics-estate"
      />
      {hall.data && (
        <Typography.Paragraph type="secondary">{t('topics.intro', { threshold: String(threshold) })}</Typography.Paragraph>
      )}
      {hall.data?.can_set && estate !== undefined && <ThresholdForm key={threshold} estate={estate} current={threshold} />}
      {!speaks && !!me.data && <Typography.Text type="secondary">{t('topics.readOnly')}</Typography.Text>}
      {speaks && estate !== undefined && (
        <Link to={`/topics/new?estate=${estate}`}>
          <Button type="primary" size="large" block icon={<PlusOutlined />} data-testid="topic-raise">
            {t('topics.raise')}
          </Button>
        </Link>
      )}
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        data-testid="topics-tabs"
        options={(['agenda', 'open', 'ended'] as const).map((key) => ({ value: key, label: t(`topics.tab.${key}`) }))}
      />
      <Card size="small" loading={topics.isPending && estate !== undefined}>
        <List
          dataSource={shown}
          locale={{ emptyText: t('topics.empty') }}
          data-testid="topics-list"
          renderItem={(topic) => (
            <List.Item data-testid={`topic-row-${topic.id}`}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Link to={`/topics/${topic.id}`}>
                  <Typography.Text strong>{topic.title}</Typography.Text>
                </Link>
                <Space wrap size={4}>
                  <TopicStatusTag status={topic.status} />
                  <HotBadge topic={topic} />
                  <Typography.Text type="secondary" data-testid="topic-supports">
                    {t('topics.supports', { count: String(topic.support_count) })}
                  </Typography.Text>
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
