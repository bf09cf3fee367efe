/** Pieces the hall's screens share: the status tag and the hot-topic badge. */
import { Tag } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import type { Topic } from './types';

const COLOURS: Record<string, string> = {
  open: 'processing',
  agenda: 'orange',
  adopted: 'success',
  answered: 'blue',
  declined: 'default',
  merged: 'default',
  hidden: 'red',
};

export function TopicStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status] ?? 'default'} data-testid={`topic-status-${status}`}>
      {t(`topics.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function HotBadge({ topic }: { topic: Topic }) {
  const t = useT();
  if (topic.hot_request_count === null || topic.hot_request_count === undefined) return null;
  return (
    <Tag color="volcano" data-testid="topic-hot">
      {t('topics.hot', { count: String(topic.hot_request_count) })}
    </Tag>
  );
}
