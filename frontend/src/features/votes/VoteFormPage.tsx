/**
 * The committee drafts or edits a vote: the question and its options, the matter (Civil Code
 * art. 278; items 6-8 need 3/4), who votes (the whole estate or some buildings), the notice
 * period (15 days by default) and the voting window, secret or open, changeable or not. The
 * API checks the window against the notice period and answers with field errors. Drafted from
 * a topic of the hall (/votes/new?topic=<id>), the form starts from the topic's text, says where
 * it comes from, and saving the draft answers the topic adopted and put to this vote.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { useBuildings } from '../estates/api';
import { topicKeys, useTopic } from '../topics/api';
import type { Topic } from '../topics/types';
import { useCreateVote, useUpdateVote, useVote } from './api';
import { isSpecial, legal, RULE_NAMES, shareProblem, stricterOf, thresholdText, type RuleName } from './rule';
import { fromLocalInput, toLocalInput } from './shared';
import { MATTERS, SPECIAL_MATTERS, type Matter, type Vote, type VoteWrite } from './types';

interface Values {
  title: string;
  body: string;
  options: string[];
  matter: Matter;
  scope: 'estate' | 'buildings';
  building_ids: number[];
  notice_days: number;
  opens_at: string;
  closes_at: string;
  secret: boolean;
  changeable: boolean;
  /** the committee sets a stricter rule than the law's (the four shares below, blank: the law's) */
  stricter: boolean;
  rule_turnout_area?: string;
  rule_turnout_heads?: string;
  rule_pass_area?: string;
  rule_pass_heads?: string;
}

/** The API names a rule field `rule.<name>`; the form keeps them flat. */
const RULE_ALIASES = Object.fromEntries(RULE_NAMES.map((n) => [`rule.${n}`, `rule_${n}`]));

const DAY = 86_400_000;

function defaults(topic?: Topic): Values {
  const opens = new Date(Date.now() + 16 * DAY);
  opens.setHours(9, 0, 0, 0);
  const closes = new Date(opens.getTime() + 14 * DAY);
  closes.setHours(18, 0, 0, 0);
  return {
    title: topic?.title ?? '',
    body: topic?.body ?? '',
    options: ['同意', '不同意', '弃权'],
    matter: 'fund_use',
    scope: 'estate',
    building_ids: [],
    notice_days: 15,
    opens_at: toLocalInput(opens.toISOString()),
    closes_at: toLocalInput(closes.toISOString()),
    secret: true,
    changeable: true,
    stricter: false,
  };
}

function fromVote(v: Vote): Values {
  const ids = (v.building_ids as number[]) ?? [];
  const stricter = stricterOf(v.rule, isSpecial(v.matter));
  return {
    title: v.title,
    body: v.body,
    options: (v.options as string[]) ?? [],
    matter: v.matter,
    scope: ids.length ? 'buildings' : 'estate',
    building_ids: ids,
    notice_days: v.notice_days,
    opens_at: toLocalInput(v.opens_at),
    closes_at: toLocalInput(v.closes_at),
    secret: v.secret,
    changeable: v.changeable,
    stricter: Object.keys(stricter).length > 0,
    ...Object.fromEntries(RULE_NAMES.map((n) => [`rule_${n}`, stricter[n] ?? ''])),
  };
}

function body(v: Values): VoteWrite {
  const rule: Partial<Record<RuleName, string>> = {};
  if (v.stricter) {
    for (const name of RULE_NAMES) {
      const text = v[`rule_${name}`]?.trim();
      if (text) rule[name] = text;
    }
  }
  return {
    title: v.title,
    body: v.body ?? '',
    options: v.options.map((o) => o.trim()),
    matter: v.matter,
    secret: v.secret,
    changeable: v.changeable,
    building_ids: v.scope === 'buildings' ? v.building_ids : [],
    notice_days: v.notice_days,
    opens_at: fromLocalInput(v.opens_at),
    closes_at: fromLocalInput(v.closes_at),
    // an edited draft sends its rule whole: leaving it out would keep nothing (the law's)
    rule,
  };
}

function VoteForm({ estate, vote, topic }: { estate: number; vote?: Vote; topic?: Topic }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useCreateVote();
  const update = useUpdateVote(vote?.id ?? 0);
  const buildings = useBuildings(estate);
  const [initial] = useState<Values>(() => (vote ? fromVote(vote) : defaults(topic)));
  const modal = useFormModal<Values, Vote>({
    submit: (v) =>
      vote ? update.mutateAsync(body(v)) : create.mutateAsync({ ...body(v), estate, ...(topic ? { topic: topic.id } : {}) }),
    onSuccess: (saved) => {
      // the topic is now answered and linked to this vote
      if (topic) void queryClient.invalidateQueries({ queryKey: topicKeys.all });
      navigate(`/votes/${saved.id}`);
    },
    reset: false,
    aliases: RULE_ALIASES,
  });
  const scope = Form.useWatch('scope', modal.form);
  const matter = Form.useWatch('matter', modal.form);
  const stricter = Form.useWatch('stricter', modal.form);
  const special = isSpecial(matter);
  return (
    <Form form={modal.form} layout="vertical" initialValues={initial} onFinish={modal.submit} data-testid="vote-form">
      <FormFailure message={modal.failure} />
      {topic && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="vote-from-topic"
          title={
            <span>
              {t('votes.form.fromTopic')} <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
            </span>
          }
          description={t('votes.form.fromTopicHint')}
        />
      )}
      <Form.Item name="title" label={t('votes.field.title')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="field-title" />
      </Form.Item>
      <Form.Item name="body" label={t('votes.field.body')}>
        <Input.TextArea rows={4} data-testid="field-body" />
      </Form.Item>
      <Form.List name="options">
        {(fields, { add, remove }) => (
          <Form.Item label={t('votes.field.options')} required>
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" style={{ width: '100%' }}>
                  <Form.Item name={field.name} noStyle rules={[{ required: true, whitespace: true }]}>
                    <Input
                      placeholder={t('votes.field.option', { n: i + 1 })}
                      aria-label={t('votes.field.option', { n: i + 1 })}
                      data-testid={`field-option-${i}`}
                      maxLength={200}
                    />
                  </Form.Item>
                  {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="field-add-option">
                {t('votes.field.addOption')}
              </Button>
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item
        name="matter"
        label={t('votes.field.matter')}
        rules={[{ required: true }]}
        extra={matter ? t(SPECIAL_MATTERS.includes(matter) ? 'votes.kind.special' : 'votes.kind.ordinary') : undefined}
      >
        <Select
          data-testid="field-matter"
          options={MATTERS.map((m, i) => ({ value: m, label: `${i + 1}. ${t(`votes.matter.${m}` as MessageKey)}` }))}
        />
      </Form.Item>
      <Form.Item name="scope" label={t('votes.field.scope')}>
        <Radio.Group data-testid="field-scope">
          <Radio value="estate">{t('votes.field.scopeEstate')}</Radio>
          <Radio value="buildings">{t('votes.field.scopeBuildings')}</Radio>
        </Radio.Group>
      </Form.Item>
      {scope === 'buildings' && (
        <Form.Item name="building_ids" label={t('votes.field.buildings')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            data-testid="field-buildings"
            loading={buildings.isPending}
            options={(buildings.data?.results ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="notice_days" label={t('votes.field.noticeDays')} rules={[{ required: true }]}>
        <InputNumber min={1} max={90} data-testid="field-notice_days" />
      </Form.Item>
      <Form.Item name="opens_at" label={t('votes.field.opensAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" data-testid="field-opens_at" />
      </Form.Item>
      <Form.Item name="closes_at" label={t('votes.field.closesAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" data-testid="field-closes_at" />
      </Form.Item>
      <Form.Item name="secret" label={t('votes.field.secret')} valuePropName="checked">
        <Switch data-testid="field-secret" />
      </Form.Item>
      <Form.Item name="changeable" label={t('votes.field.changeable')} valuePropName="checked">
        <Switch data-testid="field-changeable" />
      </Form.Item>
      <Form.Item name="stricter" label={t('votes.rule.stricter')} valuePropName="checked" extra={t('votes.rule.stricterHint')}>
        <Switch data-testid="field-stricter" />
      </Form.Item>
      {stricter && (
        <div data-testid="vote-rule-fields">
          {RULE_NAMES.map((name) => {
            const law = thresholdText(legal(name, special));
            return (
              <Form.Item
                key={name}
                name={`rule_${name}`}
                label={t(`votes.rule.${name}` as MessageKey)}
                extra={t('votes.rule.legal', { rule: law })}
                dependencies={['matter']}
                rules={[
                  {
                    validator: (_rule, value: string | undefined) => {
                      const problem = shareProblem(name, special, value);
                      if (problem === 'bad') return Promise.reject(new Error(t('votes.rule.bad')));
                      if (problem === 'loose') return Promise.reject(new Error(t('votes.rule.loose', { rule: law })));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input
                  maxLength={20}
                  placeholder={t('votes.rule.placeholder')}
                  inputMode="decimal"
                  data-testid={`field-rule-${name}`}
                  style={{ maxWidth: 200 }}
                />
              </Form.Item>
            );
          })}
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={modal.submitting} data-testid="vote-save">
        {t('votes.form.save')}
      </Button>
    </Form>
  );
}

export default function VoteFormPage() {
  const t = useT();
  const params = useParams();
  const [search] = useSearchParams();
  const id = params.id ? Number(params.id) : undefined;
  const topicId = id === undefined && search.get('topic') ? Number(search.get('topic')) : undefined;
  useDocumentTitle(t(id ? 'votes.form.editTitle' : 'votes.form.newTitle'));
  const vote = useVote(id ?? 0, id !== undefined);
  const topic = useTopic(topicId ?? 0, topicId !== undefined);
  const ready = id === undefined ? topicId === undefined || topic.data !== undefined : vote.data !== undefined;
  if (id !== undefined && vote.isError) return <LoadError error={vote.error} onRetry={() => void vote.refetch()} />;
  if (topicId !== undefined && topic.isError) return <LoadError error={topic.error} onRetry={() => void topic.refetch()} />;
  const estate = id !== undefined ? vote.data?.estate : (topic.data?.estate ?? Number(search.get('estate')));
  return (
    <Card title={<Typography.Text strong>{t(id ? 'votes.form.editTitle' : 'votes.form.newTitle')}</Typography.Text>}>
      {ready && estate ? (
        <VoteForm
          estate={estate}
          vote={id !== undefined ? vote.data : undefined}
          topic={topicId !== undefined ? topic.data : undefined}
        />
      ) : (
        <Card loading variant="borderless" />
      )}
    </Card>
  );
}
