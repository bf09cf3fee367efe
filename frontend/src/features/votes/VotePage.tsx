/**
 * One vote (业主大会表决). Owners read the question and vote in three steps (this page, an
 * option, confirm) and check a receipt; the committee runs the vote (announce, open, close,
 * publish) and keeps the paper ballot desk; every reader, the firm included, sees the
 * aggregates only. What a reader may do is the vote's `actions`, computed by the API. The vote
 * links back to the hall's topics put to it and, once the committee tracks a passed vote's
 * decision (跟踪落实), to that decision.
 */
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { usePreferences } from '../../app/preferences';
import { useMe } from '../../app/session';
import { errorMessage } from '../../app/errors';
import { LoadError, NotFound } from '../../app/StatusPages';
import { gapBelow } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { isApiError } from '../../api/client';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useVote, useVoteStep, type Step } from './api';
import { CastCard } from './CastCard';
import { PaperPanel } from './PaperPanel';
import { ReceiptCheck } from './ReceiptCheck';
import { TallyCard } from './TallyCard';
import { VoteStatusTag, isCommitteeOf } from './shared';
import type { Vote } from './types';

const STEPS: readonly Step[] = ['announce', 'open', 'close', 'publish'];

function Steps({ vote }: { vote: Vote }) {
  const t = useT();
  const { message } = App.useApp();
  const step = useVoteStep(vote.id);
  const steps = STEPS.filter((s) => vote.actions.includes(s));
  return (
    <Space wrap data-testid="vote-steps">
      {vote.actions.includes('edit') && (
        <Link to={`/votes/${vote.id}/edit`}>
          <Button data-testid="vote-edit">{t('votes.step.edit')}</Button>
        </Link>
      )}
      {steps.map((s) => (
        <Popconfirm
          key={s}
          title={t('votes.step.confirm', { step: t(`votes.step.${s}`) })}
          onConfirm={() =>
            step.mutate(s, {
              onSuccess: () => void message.success(t('votes.step.done', { step: t(`votes.step.${s}`) })),
            })
          }
          okButtonProps={{ 'data-testid': `vote-${s}-ok` }}
        >
          <Button type="primary" loading={step.isPending && step.variables === s} data-testid={`vote-${s}`}>
            {t(`votes.step.${s}`)}
          </Button>
        </Popconfirm>
      ))}
      {vote.status !== 'draft' && (
        <Link to={`/votes/${vote.id}/notice`}>
          <Button data-testid="vote-notice">{t('votes.notice.print')}</Button>
        </Link>
      )}
      {step.isError && <Alert type="error" showIcon title={errorMessage(step.error, t)} data-testid="step-error" />}
    </Space>
  );
}

export default function VotePage() {
  const t = useT();
  const locale = useLocale();
  const { elderMode } = usePreferences();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const vote = useVote(id);
  useDocumentTitle(vote.data?.title ?? t('votes.list.title'));
  if (vote.isError) {
    if (isApiError(vote.error) && vote.error.status === 404) return <NotFound />;
    return <LoadError error={vote.error} onRetry={() => void vote.refetch()} />;
  }
  const v = vote.data;
  if (!v) return <Card loading />;
  const committee = isCommitteeOf(me, v.estate);
  const options = (v.options as string[]) ?? [];
  const live = v.status === 'open' || v.status === 'closed' || v.status === 'published';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="vote-page">
      <div>
        <Typography.Title level={3} style={gapBelow}>
          {v.title}
        </Typography.Title>
        <Space wrap>
          <VoteStatusTag status={v.status} />
          <Typography.Text type="secondary">{t(`votes.kind.${v.kind}` as MessageKey)}</Typography.Text>
        </Space>
      </div>
      {committee && <Steps vote={v} />}
      {v.topics.length > 0 && (
        <Card size="small" title={t('votes.detail.topics')} data-testid="vote-topics">
          <Space orientation="vertical" size={4}>
            {v.topics.map((topic) => (
              <Link key={topic.id} to={`/topics/${topic.id}`} data-testid={`vote-topic-${topic.id}`}>
                {topic.title}
              </Link>
            ))}
          </Space>
        </Card>
      )}
      {v.mine.length > 0 && (v.status === 'open' || v.mine.some((m) => m.choice !== null)) && <CastCard vote={v} />}
      <Card size="small">
        {v.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.body}</Typography.Paragraph>}
        <Descriptions
          column={1}
          size="small"
          // elder mode on a phone: a label beside its value left one character per line
          layout={elderMode ? 'vertical' : 'horizontal'}
          data-testid="vote-details"
          items={[
            { key: 'matter', label: t('votes.field.matter'), children: t(`votes.matter.${v.matter}` as MessageKey) },
            {
              key: 'options',
              label: t('votes.field.options'),
              children: (
                <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="vote-options">
                  {options.map((o, i) => (
                    <li key={i}>{o}</li>
                  ))}
                </ol>
              ),
            },
            { key: 'rule', label: t('votes.detail.rule'), children: <span data-testid="vote-rule">{v.rule_text}</span> },
            {
              key: 'window',
              label: t('votes.detail.window'),
              children: `${formatDateTime(v.opens_at, locale)} – ${formatDateTime(v.closes_at, locale)}`,
            },
            {
              key: 'scope',
              label: t('votes.detail.scope'),
              children: t(
                ((v.building_ids as number[]) ?? []).length ? 'votes.detail.someBuildings' : 'votes.detail.wholeEstate',
              ),
            },
            {
              key: 'how',
              label: t('votes.detail.noticeDays', { days: v.notice_days }),
              children: `${t(v.secret ? 'votes.detail.secret' : 'votes.detail.open')} · ${t(
                v.changeable ? 'votes.detail.changeable' : 'votes.detail.notChangeable',
              )}`,
            },
          ]}
        />
      </Card>
      {v.tally && <TallyCard vote={v} tally={v.tally} />}
      {v.decision ? (
        <Link to={`/decisions/${v.decision}`} data-testid="vote-decision">
          <Button block>{t('votes.detail.viewDecision')}</Button>
        </Link>
      ) : (
        committee &&
        v.status === 'published' &&
        v.result?.passed && (
          <Link to={`/decisions?estate=${v.estate}&vote=${v.id}`} data-testid="vote-track">
            <Button type="primary" block>
              {t('votes.detail.track')}
            </Button>
          </Link>
        )
      )}
      {v.status === 'published' && (
        <a href={`/api/v1/votes/${v.id}/export/`} download={`vote-${v.id}.json`} data-testid="vote-export">
          {t('votes.tally.export')}
        </a>
      )}
      {live && <ReceiptCheck vote={v.id} />}
      {committee && (v.status === 'open' || v.status === 'closed') && <PaperPanel vote={v} />}
    </Space>
  );
}
