/**
 * One inspection round. While it is a draft, the committee answers each item pass / fail / 不适用
 * with a note and photos; every answer and photo goes through the outbox with its own key, so an
 * offline phone keeps them and resends on the `online` event. Submitted rounds are read-only:
 * answers, photos, addenda, the PDF report (and print CSS); the committee publishes.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useParams } from 'react-router';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { roundPhotoUrl, roundReportUrl, useRound, useRoundAction } from './api';
import { newKey } from './InspectPage';
import { outboxFlush, outboxList, outboxPut, type OutboxEntry, type Refusal } from './outbox';
import type { InspectionResult, Round } from './types';
import { lineLabel } from './ui';

const RESULTS: readonly InspectionResult[] = ['pass', 'fail', 'na'];
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, [data-print="hide"] { display: none !important; }
  .round-sheet img { max-width: 30%; }
}`;

function useOutbox(round: number) {
  const client = useQueryClient();
  const [pending, setPending] = useState<OutboxEntry[]>([]);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const refresh = useCallback(async () => setPending(await outboxList(round)), [round]);
  const flush = useCallback(async () => {
    const { refused: now } = await outboxFlush();
    const mine = now.filter((r) => r.round === round);
    if (mine.length > 0) setRefused((before) => [...before, ...mine]);
    await refresh();
    void client.invalidateQueries({ queryKey: ['supervision', 'round', round] });
  }, [client, refresh, round]);
  useEffect(() => {
    const first = window.setTimeout(() => void flush(), 0);
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.clearTimeout(first);
      window.removeEventListener('online', online);
    };
  }, [flush]);
  const add = useCallback(
    async (entry: OutboxEntry) => {
      // answering the item again is the answer to its refusal
      setRefused((before) => before.filter((r) => !(r.item === entry.item && r.kind === entry.kind)));
      await outboxPut(entry);
      await refresh();
      await flush();
    },
    [flush, refresh],
  );
  return { pending, refused, add };
}

function Draft({ round }: { round: Round }) {
  const t = useT();
  const { pending, refused, add } = useOutbox(round.id);
  const submit = useRoundAction(round.id, 'submit');
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [chosen, setChosen] = useState<Record<number, InspectionResult>>({});
  const resultOf = (item: number): InspectionResult | undefined =>
    chosen[item] ?? round.answers.find((a) => a.item === item)?.result;
  const missing = round.items.filter((item) => !resultOf(item.id)).length;
  return (
    <Flex vertical gap={12}>
      {pending.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('supervision.round.pending', { count: pending.length })}
          data-testid="round-pending"
        />
      )}
      {refused.map((refusal) => (
        <Alert
          key={refusal.key}
          type="error"
          showIcon
          data-testid="round-refused"
          data-item={refusal.item}
          title={t(`supervision.round.refused.${refusal.kind}`, {
            item: round.items.find((i) => i.id === refusal.item)?.position ?? refusal.item,
            reason: refusal.reason,
          })}
        />
      ))}
      {round.items.map((item) => (
        <Card key={item.id} size="small" data-testid="round-item" data-item={item.id} data-result={resultOf(item.id) ?? ''}>
          <Flex vertical gap={8}>
            <Typography.Text strong>
              {item.position}. {item.title}
            </Typography.Text>
            {item.standard && <Typography.Text type="secondary">{item.standard}</Typography.Text>}
            <Flex gap={6}>
              {RESULTS.map((result) => (
                <Button
                  key={result}
                  size="large"
                  style={{ flex: 1 }}
                  type={resultOf(item.id) === result ? 'primary' : 'default'}
                  danger={result === 'fail' && resultOf(item.id) === result}
                  data-testid={`round-item-${item.id}-${result}`}
                  onClick={() => {
                    setChosen((c) => ({ ...c, [item.id]: result }));
                    void add({
                      key: newKey(),
                      round: round.id,
                      item: item.id,
                      kind: 'answer',
                      result,
                      note: notes[item.id] ?? '',
                    });
                  }}
                >
                  {t(`supervision.result.${result}`)}
                </Button>
              ))}
            </Flex>
            <Input.TextArea
              data-testid={`round-item-${item.id}-note`}
              placeholder={t('supervision.field.itemNote')}
              aria-label={t('supervision.field.itemNote')}
              rows={2}
              maxLength={1000}
              value={notes[item.id] ?? round.answers.find((a) => a.item === item.id)?.note ?? ''}
              onChange={(e) => setNotes((n) => ({ ...n, [item.id]: e.target.value }))}
              onBlur={() => {
                const result = resultOf(item.id);
                if (result && notes[item.id] !== undefined)
                  void add({ key: newKey(), round: round.id, item: item.id, kind: 'answer', result, note: notes[item.id] });
              }}
            />
            <label>
              {item.photo_required ? t('supervision.field.photoRequired') : t('supervision.field.photo')}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                data-testid={`round-item-${item.id}-photo`}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void add({ key: newKey(), round: round.id, item: item.id, kind: 'photo', file, fileName: file.name });
                  e.target.value = '';
                }}
              />
            </label>
            <Typography.Text type="secondary">
              {t('supervision.detail.photos', {
                count:
                  round.photos.filter((p) => p.item === item.id).length +
                  pending.filter((p) => p.kind === 'photo' && p.item === item.id).length,
              })}
            </Typography.Text>
          </Flex>
        </Card>
      ))}
      {submit.isError && <Alert type="error" showIcon title={errorMessage(submit.error, t)} data-testid="round-submit-error" />}
      <Button
        type="primary"
        size="large"
        block
        data-testid="round-submit"
        disabled={pending.length > 0 || missing > 0}
        loading={submit.isPending}
        onClick={() => submit.mutate()}
      >
        {t('supervision.round.submit')}
      </Button>
    </Flex>
  );
}

function AddendumForm({ round }: { round: number }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => api.post<Round>(`supervision/rounds/${round}/addenda/`, { text }),
    onSuccess: (found) => {
      client.setQueryData(['supervision', 'round', round], found);
      setText('');
      void message.success(t('supervision.round.addendumAdded'));
    },
    onError: (error: unknown) => void message.error(errorMessage(error, t)),
  });
  return (
    <Flex vertical gap={8} data-print="hide">
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
        rows={2}
        placeholder={t('supervision.round.addendumHint')}
        data-testid="field-addendum"
      />
      <Button
        disabled={!text.trim()}
        loading={add.isPending}
        onClick={() => add.mutate()}
        data-testid="round-addendum-add"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('supervision.round.addendumAdd')}
      </Button>
    </Flex>
  );
}

function Sheet({ round }: { round: Round }) {
  const t = useT();
  const locale = useLocale();
  const { data: me } = useMe();
  const publish = useRoundAction(round.id, 'publish');
  const canPublish = !!me && hasCapability(me, 'supervision.inspect') && !round.published_at;
  // a submitted round never changes: the committee corrects it with an addendum
  const canAdd = !!me && hasCapability(me, 'supervision.inspect');
  return (
    <Flex vertical gap={12} className="round-sheet">
      <style>{PRINT_CSS}</style>
      <Flex gap={8} wrap data-print="hide">
        <Button href={roundReportUrl(round.id)} data-testid="round-report">
          {t('supervision.round.report')}
        </Button>
        <Button onClick={() => window.print()} data-testid="round-print">
          {t('supervision.round.print')}
        </Button>
        {canPublish && (
          <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate()} data-testid="round-publish">
            {t('supervision.round.publish')}
          </Button>
        )}
      </Flex>
      {publish.isError && <Alert type="error" showIcon title={errorMessage(publish.error, t)} />}
      {round.published_at ? (
        <Tag color="green" data-testid="round-published">
          {t('supervision.round.published')}
        </Tag>
      ) : null}
      {round.items.map((item) => {
        const answer = round.answers.find((a) => a.item === item.id);
        return (
          <Card key={item.id} size="small" data-testid="round-answer" data-result={answer?.result ?? ''}>
            <Typography.Text strong>
              {item.position}. {item.title}
            </Typography.Text>{' '}
            {answer && (
              <Tag color={answer.result === 'fail' ? 'red' : answer.result === 'pass' ? 'green' : 'default'}>
                {t(`supervision.result.${answer.result}`)}
              </Tag>
            )}
            {answer?.note && <Typography.Paragraph style={{ margin: 0 }}>{answer.note}</Typography.Paragraph>}
            <Flex gap={6} wrap>
              {round.photos
                .filter((p) => p.item === item.id)
                .map((p) => (
                  <img
                    key={p.id}
                    src={roundPhotoUrl(round.id, p.id)}
                    alt={item.title}
                    style={{ width: '6em', height: '6em', objectFit: 'cover' }}
                  />
                ))}
            </Flex>
          </Card>
        );
      })}
      {(round.addenda.length > 0 || canAdd) && (
        <Card size="small" title={t('supervision.round.addenda')}>
          {round.addenda.map((a) => (
            <Typography.Paragraph key={a.id} data-testid="round-addendum">
              {a.text} — {a.written_by_name} {formatDateTime(a.written_at, locale)}
            </Typography.Paragraph>
          ))}
          {canAdd && <AddendumForm round={round.id} />}
        </Card>
      )}
    </Flex>
  );
}

export default function RoundPage() {
  const t = useT();
  const locale = useLocale();
  const id = Number(useParams().id);
  const query = useRound(id);
  useDocumentTitle(t('supervision.inspect.title'));
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active />;
  const round = query.data;
  return (
    <Flex vertical gap={12} data-testid="round-page" data-status={round.status} style={{ maxWidth: 720 }}>
      <PageTitle>
        {lineLabel(t, round.service_line)} · {round.template_name}
      </PageTitle>
      <Typography.Text type="secondary">
        {round.estate_name}
        {round.area ? ` · ${round.area}` : ''} · {round.started_by_name} · {formatDateTime(round.started_at, locale)}
      </Typography.Text>
      {round.status === 'draft' ? <Draft round={round} /> : <Sheet round={round} />}
    </Flex>
  );
}
