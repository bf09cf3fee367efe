/**
 * One topic of the hall: its text and photos, who supports it, its public answer, the notice
 * of a merge or (to its author) why it was hidden; the committee answers, hides or merges it,
 * or puts it to an owners' vote (drafting the vote answers it adopted, linked to the vote); a
 * topic adopted as a task (no vote) is tracked as a decision from here.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Image, Input, Progress, Radio, Select, Space, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useHall, useTopic, useTopicAct, useTopics, type TopicAct } from './api';
import { HotBadge, TopicStatusTag } from './shared';
import type { Topic } from './types';

const LIVE = new Set(['open', 'agenda']);

function useRun(id: number) {
  const t = useT();
  const { message } = App.useApp();
  const act = useTopicAct(id);
  return {
    pending: act.isPending,
    run: (value: TopicAct, done: string) =>
      act.mutate(value, {
        onSuccess: () => void message.success(done),
        onError: (error) => void message.error(errorMessage(error, t)),
      }),
  };
}

function AnswerForm({ topic }: { topic: Topic }) {
  const t = useT();
  const { run, pending } = useRun(topic.id);
  return (
    <Card size="small" title={t('topics.answer.title')} data-testid="topic-answer-form">
      <Form<{ outcome: 'adopted' | 'answered' | 'declined'; answer: string }>
        layout="vertical"
        initialValues={{ outcome: 'adopted' }}
        onFinish={(v) =>
          run({ action: 'answer', body: { outcome: v.outcome, answer: v.answer.trim() } }, t('topics.answer.done'))
        }
      >
        <Form.Item name="outcome" label={t('topics.answer.outcome')}>
          <Radio.Group data-testid="topic-outcome">
            {(['adopted', 'answered', 'declined'] as const).map((o) => (
              <Radio.Button key={o} value={o} data-testid={`topic-outcome-${o}`}>
                {t(`topics.status.${o}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="answer" label={t('topics.answer.text')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="topic-answer-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={pending} data-testid="topic-answer-submit">
          {t('topics.answer.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function HideForm({ topic }: { topic: Topic }) {
  const t = useT();
  const { run, pending } = useRun(topic.id);
  return (
    <Card size="small" title={t('topics.hide.title')} data-testid="topic-hide-form">
      <Form<{ reason: string }>
        layout="vertical"
        onFinish={(v) => run({ action: 'hide', body: { reason: v.reason.trim() } }, t('topics.hide.done'))}
      >
        <Form.Item name="reason" label={t('topics.hide.reason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="topic-hide-reason" />
        </Form.Item>
        <Button danger htmlType="submit" block loading={pending} data-testid="topic-hide-submit">
          {t('topics.hide.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** A topic as the merge picker lists it: its number and title, searchable by either. */
function mergeLabel(topic: Topic): string {
  return `#${topic.id} ${topic.title}`;
}

function MergeForm({ topic }: { topic: Topic }) {
  const t = useT();
  const { run, pending } = useRun(topic.id);
  const [into, setInto] = useState<number | null>(null);
  const topics = useTopics(topic.estate);
  // the estate's other topics still open or on the agenda: the only ones a duplicate may join
  const candidates = (topics.data ?? []).filter((o) => o.id !== topic.id && LIVE.has(o.status));
  return (
    <Card size="small" title={t('topics.merge.title')} data-testid="topic-merge-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="topic-merge-into">{t('topics.merge.into')}</label>
        <Select<number>
          id="topic-merge-into"
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          value={into ?? undefined}
          onChange={(value) => setInto(value ?? null)}
          loading={topics.isPending}
          placeholder={t('topics.merge.search')}
          notFoundContent={topics.isPending ? null : t('topics.merge.none')}
          style={{ width: '100%' }}
          data-testid="topic-merge-into"
          options={candidates.map((o) => ({
            value: o.id,
            label: mergeLabel(o),
            title: mergeLabel(o),
          }))}
          optionRender={(option) => {
            const o = candidates.find((c) => c.id === option.value);
            return (
              <span data-testid={`topic-merge-option-${String(option.value)}`}>
                {option.label}
                {o && (
                  <Typography.Text type="secondary">
                    {' · '}
                    {t('topics.merge.supports', { count: o.support_count })}
                  </Typography.Text>
                )}
              </span>
            );
          }}
        />
        <Button
          loading={pending}
          disabled={!into}
          data-testid="topic-merge-submit"
          onClick={() => into && run({ action: 'merge', body: { into } }, t('topics.merge.done'))}
        >
          {t('topics.merge.submit')}
        </Button>
      </Space>
    </Card>
  );
}

export default function TopicPage() {
  const t = useT();
  const locale = useLocale();
  const id = Number(useParams().id);
  const topic = useTopic(id);
  const hall = useHall(topic.data?.estate);
  const { run, pending } = useRun(id);
  useDocumentTitle(topic.data?.title ?? t('topics.title'));
  if (topic.isError) return <LoadError error={topic.error} onRetry={() => void topic.refetch()} />;
  if (!topic.data) return <Card loading />;
  const data = topic.data;
  const actions = new Set(data.actions);
  const threshold = hall.data?.threshold;
  const ended = !['open', 'agenda'].includes(data.status);
  return (
    <Flex vertical gap={16} data-testid="topic-page">
      <Link to={`/topics?estate=${data.estate}`}>{t('topics.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="topic-title">
        {data.title}
      </Typography.Title>
      <Space wrap size={4}>
        <TopicStatusTag status={data.status} />
        <HotBadge topic={data} />
      </Space>
      <Typography.Text type="secondary">
        {t('topics.by', { name: data.author_name, date: formatDateTime(data.created_at, locale) })}
      </Typography.Text>
      {data.status === 'hidden' && (
        <Alert type="warning" showIcon data-testid="topic-hidden" title={t('topics.hidden.notice', { reason: data.answer })} />
      )}
      {data.status === 'merged' && data.merged_into && (
        <Alert
          type="info"
          showIcon
          data-testid="topic-merged"
          title={
            <span>
              {t('topics.merged.notice')} <Link to={`/topics/${data.merged_into}`}>#{data.merged_into}</Link>
            </span>
          }
        />
      )}
      {data.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.body}</Typography.Paragraph>}
      {data.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap data-testid="topic-photos">
            {data.photos.map((p) => (
              <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} alt="" />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Card size="small">
        <Flex vertical gap={8}>
          <Typography.Text strong data-testid="topic-support-count">
            {t('topics.supports', { count: String(data.support_count) })}
          </Typography.Text>
          {data.status === 'open' && threshold !== undefined && (
            <>
              <Progress percent={Math.min(100, Math.round((data.support_count / threshold) * 100))} showInfo={false} />
              <Typography.Text type="secondary">
                {t('topics.progress', { count: String(data.support_count), threshold: String(threshold) })}
              </Typography.Text>
            </>
          )}
          {actions.has('support') && (
            <Button
              type="primary"
              size="large"
              block
              loading={pending}
              data-testid="topic-support"
              onClick={() => run({ action: 'support' }, t('topics.supportedOk'))}
            >
              {t('topics.support')}
            </Button>
          )}
          {data.supported && <Typography.Text type="success">{t('topics.supported')}</Typography.Text>}
        </Flex>
      </Card>
      {ended && data.status !== 'hidden' && data.status !== 'merged' && (
        <Card size="small" title={t('topics.answer.title')} data-testid="topic-answer">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.answer}</Typography.Paragraph>
          {data.answered_at && <Typography.Text type="secondary">{formatDateTime(data.answered_at, locale)}</Typography.Text>}
          {data.vote && (
            <Link to={`/votes/${data.vote}`} data-testid="topic-vote-link">
              <Button block style={{ marginTop: 8 }}>
                {t('topics.viewVote')}
              </Button>
            </Link>
          )}
          {data.decision ? (
            <Link to={`/decisions/${data.decision}`} data-testid="topic-decision">
              <Button block style={{ marginTop: 8 }}>
                {t('topics.viewDecision')}
              </Button>
            </Link>
          ) : (
            data.status === 'adopted' &&
            !data.vote &&
            hall.data?.can_set && (
              <Link to={`/decisions?estate=${data.estate}&topic=${data.id}`} data-testid="topic-track">
                <Button type="primary" block style={{ marginTop: 8 }}>
                  {t('topics.track')}
                </Button>
              </Link>
            )
          )}
        </Card>
      )}
      {actions.has('answer') && hall.data?.can_set && (
        <Link to={`/votes/new?topic=${data.id}`} data-testid="topic-to-vote">
          <Button type="primary" block>
            {t('topics.toVote')}
          </Button>
        </Link>
      )}
      {actions.has('answer') && <AnswerForm topic={data} />}
      {actions.has('merge') && <MergeForm topic={data} />}
      {actions.has('hide') && <HideForm topic={data} />}
    </Flex>
  );
}
