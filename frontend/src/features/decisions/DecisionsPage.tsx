/**
 * Decisions carried out (事事有回音): every reader of an estate sees its tracked decisions with
 * their status, owner, deadline and how late they are; the committee tracks a new one from an
 * adopted topic or a vote whose result is published. Cards, not a table: phones first. A vote
 * or topic page's "track the decision" opens the form here with its source chosen
 * (?estate=&vote=<id> or &topic=<id>); once made, the new item opens.
 */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useDates } from '../committee/shared';
import { useCreateDecision, useDecisions, useSources } from './api';
import { LateTag, StatusTag } from './ui';

function Create({ estate, preset, onDone }: { estate: number; preset?: string; onDone: (made?: { id: number }) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const create = useCreateDecision();
  const { owners, topics, votes } = useSources(estate, true);
  const [typed, setTitle] = useState<string | null>(null);
  const [source, setSource] = useState<string | undefined>(preset);
  const [owner, setOwner] = useState<string | undefined>();
  const [due, setDue] = useState<Dayjs | null>(null);
  const sources = [
    ...(topics.data ?? [])
      .filter((x) => x.status === 'adopted')
      .map((x) => ({ value: `topic:${x.id}`, label: `${t('decision.source.topic')} · ${x.title}` })),
    ...(votes.data ?? [])
      .filter((x) => x.status === 'published')
      .map((x) => ({ value: `vote:${x.id}`, label: `${t('decision.source.vote')} · ${x.title}` })),
  ];
  // the item's title starts as its source's (the vote's question or the topic's title)
  const [presetKind, presetId] = (preset ?? ':').split(':');
  const presetTitle =
    presetKind === 'vote'
      ? votes.data?.find((x) => x.id === Number(presetId))?.title
      : topics.data?.find((x) => x.id === Number(presetId))?.title;
  const title = typed ?? presetTitle ?? '';
  const people = (owners.data ?? []).map((o) => ({
    value: `${o.side}:${o.id}`,
    label: `${t(`decision.side.${o.side}` as MessageKey)} · ${o.full_name}`,
  }));
  const submit = () => {
    if (!source || !owner || !due) return;
    const [kind, sourceId] = source.split(':');
    const [side, ownerId] = owner.split(':');
    create
      .mutateAsync({
        estate,
        title,
        body: '',
        vote: kind === 'vote' ? Number(sourceId) : null,
        topic: kind === 'topic' ? Number(sourceId) : null,
        owner_side: side as 'firm' | 'committee',
        owner: Number(ownerId),
        due_on: due.format('YYYY-MM-DD'),
      })
      .then(
        (made) => {
          void message.success(t('decision.created'));
          onDone(made);
        },
        (error: unknown) => void message.error(errorMessage(error, t)),
      );
  };
  return (
    <Card title={t('decision.new')} style={gapBelow} data-testid="decision-create">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          value={source}
          onChange={setSource}
          options={sources}
          placeholder={t('decision.field.source')}
          style={{ width: '100%' }}
          data-testid="field-source"
        />
        <Input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('decision.field.title')}
          maxLength={200}
          data-testid="field-title"
        />
        <Select
          value={owner}
          onChange={setOwner}
          options={people}
          placeholder={t('decision.field.owner')}
          style={{ width: '100%' }}
          data-testid="field-owner"
        />
        <DatePicker value={due} onChange={setDue} placeholder={t('decision.field.due')} data-testid="field-due_on" />
        <Space wrap>
          <Button
            type="primary"
            loading={create.isPending}
            disabled={!title.trim() || !source || !owner || !due}
            onClick={submit}
            data-testid="decision-submit"
          >
            {t('decision.create')}
          </Button>
          <Button onClick={() => onDone()}>{t('decision.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}

export default function DecisionsPage() {
  const t = useT();
  const dates = useDates();
  useDocumentTitle(t('decision.title'));
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [estate, setEstate] = useState<number | undefined>(Number(params.get('estate')) || undefined);
  const preset = params.get('vote')
    ? `vote:${Number(params.get('vote'))}`
    : params.get('topic')
      ? `topic:${Number(params.get('topic'))}`
      : undefined;
  const [creating, setCreating] = useState(preset !== undefined);
  const list = useDecisions(estate);
  const committee = !!me.data?.roles.some((r) => r.role === 'committee' && (estate === undefined || r.estate_id === estate));
  const rows = list.data ?? [];
  return (
    <>
      <Typography.Title level={3}>{t('decision.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('decision.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="decision-estate" />
        {committee && estate !== undefined && !creating && (
          <Button type="primary" data-testid="decision-new" onClick={() => setCreating(true)}>
            {t('decision.new')}
          </Button>
        )}
      </Space>
      {list.isError && <Alert type="error" showIcon style={gapBelow} title={errorMessage(list.error, t)} />}
      {creating && estate !== undefined && committee && (
        <Create
          estate={estate}
          preset={preset}
          onDone={(made) => {
            setCreating(false);
            if (made) navigate(`/decisions/${made.id}`);
          }}
        />
      )}
      {rows.length === 0 && !list.isPending ? (
        <Empty description={t('decision.none')} data-testid="decision-none" />
      ) : (
        <Flex vertical gap={space.sm} data-testid="decision-list">
          {rows.map((d) => (
            <Link key={d.id} to={`/decisions/${d.id}`} data-testid={`decision-${d.id}`}>
              <Card size="small" hoverable>
                <Flex vertical gap={space.xs}>
                  <Typography.Text strong>{d.title}</Typography.Text>
                  <Flex wrap gap={space.xs}>
                    <StatusTag decision={d} />
                    <LateTag decision={d} />
                  </Flex>
                  <Typography.Text type="secondary">
                    {t('decision.owner', { side: t(`decision.side.${d.owner_side}` as MessageKey), name: d.owner_name })}
                    {' · '}
                    {t('decision.due', { date: dates.date(d.due_on) })}
                  </Typography.Text>
                </Flex>
              </Card>
            </Link>
          ))}
        </Flex>
      )}
    </>
  );
}
