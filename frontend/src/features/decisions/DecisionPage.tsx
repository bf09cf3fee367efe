/**
 * One tracked decision: where it came from, its owner and deadline, the timeline of progress
 * (append-only), the ledger entries that carry it out, and what this reader may do (the
 * server's `actions`: the firm posts progress and reports its items done, the committee
 * confirms or sends back and closes its own; residents read).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, List, Space, Timeline, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatMoney } from '../../i18n/format';
import { useDates } from '../committee/shared';
import { useDecision, useDecisionStep, useLinkLine, type DecisionStep } from './api';
import type { DecisionDetail } from './types';
import { LateTag, StatusTag } from './ui';

function Actions({ decision }: { decision: DecisionDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const step = useDecisionStep(decision.id);
  const link = useLinkLine(decision.id);
  const [body, setBody] = useState('');
  const [line, setLine] = useState<number | null>(null);
  const acts = decision.actions;
  const fail = (error: unknown) => void message.error(errorMessage(error, t));
  const run = (name: DecisionStep) =>
    step.mutateAsync({ step: name, body }).then(() => {
      setBody('');
      void message.success(t('decision.saved'));
    }, fail);
  const buttons: [string, DecisionStep, MessageKey][] = [
    ['progress', 'progress', 'decision.do.progress'],
    ['report', 'report', 'decision.do.report'],
    ['return', 'return', 'decision.do.return'],
    ['confirm', 'done', 'decision.do.done'],
    ['complete', 'done', 'decision.do.complete'],
  ];
  const shown = buttons.filter(([act]) => acts.includes(act));
  if (shown.length === 0 && !acts.includes('link')) return null;
  return (
    <Card size="small" style={gapBelow} data-testid="decision-actions">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {shown.length > 0 && (
          <>
            <Input.TextArea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              placeholder={t('decision.field.body')}
              maxLength={2000}
              rows={3}
              data-testid="field-body"
            />
            <Space wrap>
              {shown.map(([act, name, label]) => (
                <Button
                  key={act}
                  type={act === 'return' ? 'default' : 'primary'}
                  danger={act === 'return'}
                  loading={step.isPending}
                  disabled={name !== 'done' && !body.trim()}
                  onClick={() => void run(name)}
                  data-testid={`decision-${act}`}
                >
                  {t(label)}
                </Button>
              ))}
            </Space>
          </>
        )}
        {acts.includes('link') && (
          <Space.Compact>
            <InputNumber
              min={1}
              value={line}
              onChange={(v) => setLine(v)}
              placeholder={t('decision.field.ledgerLine')}
              data-testid="field-ledger_line"
            />
            <Button
              disabled={!line}
              loading={link.isPending}
              data-testid="decision-link"
              onClick={() =>
                line &&
                link.mutateAsync({ ledger_line: line }).then(() => {
                  setLine(null);
                  void message.success(t('decision.saved'));
                }, fail)
              }
            >
              {t('decision.do.link')}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </Card>
  );
}

export default function DecisionPage() {
  const t = useT();
  const locale = useLocale();
  const dates = useDates();
  const id = Number(useParams().id);
  const found = useDecision(id);
  const d = found.data;
  useDocumentTitle(d?.title ?? t('decision.title'));
  if (found.isError) return <Alert type="error" showIcon title={errorMessage(found.error, t)} />;
  if (!d) return null;
  const side = (s: string) => t(`decision.side.${s}` as MessageKey);
  return (
    <>
      <Link to={`/decisions?estate=${d.estate}`}>{t('decision.back')}</Link>
      <Typography.Title level={3} data-testid="decision-title">
        {d.title}
      </Typography.Title>
      <Flex wrap gap={space.xs} style={gapBelow}>
        <StatusTag decision={d} />
        <LateTag decision={d} />
      </Flex>
      <Flex vertical gap={space.xs} style={gapBelow}>
        <Typography.Text>{t('decision.owner', { side: side(d.owner_side), name: d.owner_name })}</Typography.Text>
        <Typography.Text>{t('decision.due', { date: dates.date(d.due_on) })}</Typography.Text>
        {d.vote && d.vote_title && (
          <Link to={`/votes/${d.vote}`} data-testid="decision-source-vote">
            {t('decision.fromVote', { title: d.vote_title })}
          </Link>
        )}
        {d.topic && d.topic_title && (
          <Link to={`/topics/${d.topic}`} data-testid="decision-source-topic">
            {t('decision.fromTopic', { title: d.topic_title })}
          </Link>
        )}
      </Flex>
      {d.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>}
      <Actions decision={d} />
      <Typography.Title level={4}>{t('decision.timeline')}</Typography.Title>
      <Timeline
        data-testid="decision-timeline"
        items={d.entries.map((e) => ({
          key: e.id,
          children: (
            <div data-testid={`decision-entry-${e.id}`}>
              <Typography.Text type="secondary">
                {t('decision.entryMeta', {
                  kind: t(`decision.entry.${e.kind}` as MessageKey),
                  side: side(e.side),
                  name: e.author_name,
                  at: dates.moment(e.at),
                })}
              </Typography.Text>
              {e.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.body}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      <Typography.Title level={4}>{t('decision.links')}</Typography.Title>
      {d.links.length === 0 ? (
        <Empty description={t('decision.noLinks')} />
      ) : (
        <List
          data-testid="decision-links"
          dataSource={d.links}
          renderItem={(l) => (
            <List.Item>
              <Flex vertical>
                <Typography.Text>
                  {l.kind === 'line'
                    ? t('decision.linkLine', {
                        seq: l.seq ?? '',
                        date: dates.date(l.occurred_on),
                        amount: formatMoney(l.amount, locale),
                      })
                    : t('decision.linkFund', { date: dates.date(l.occurred_on), amount: formatMoney(l.amount, locale) })}
                </Typography.Text>
                {l.description && <Typography.Text type="secondary">{l.description}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
