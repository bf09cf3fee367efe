/**
 * One rectification: what the inspection found, the event timeline with its photos, and what the
 * reader may do now (`actions`): the firm answers with a plan and before/after photos; the
 * committee verifies or rejects with a reason; the firm may hand it to another manager of the estate.
 */
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Radio, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { ButtonLink } from '../../app/ButtonLink';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { evidenceUrl, useAnswer, useReassign, useReject, useRectification, useVerify } from './api';
import type { RectificationDetail } from './types';
import { LevelTag, lineLabel, StatusTag } from './ui';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k${Date.now()}${Math.random()}`;
}

function AnswerForm({ found }: { found: RectificationDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const answer = useAnswer(found.id);
  const [plan, setPlan] = useState('');
  const [before, setBefore] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const key = useRef(newKey()); // one key per answer: a resend never doubles
  const submit = () => {
    if (!plan.trim()) {
      setProblem(t('supervision.detail.planRequired'));
      return;
    }
    setProblem(null);
    answer.mutate(
      { plan: plan.trim(), key: key.current, before, after },
      {
        onSuccess: () => {
          void message.success(t('supervision.detail.answered'));
          key.current = newKey();
        },
        onError: (error) => setProblem(errorMessage(error, t)),
      },
    );
  };
  return (
    <Card title={t('supervision.detail.answerTitle')} size="small" data-testid="rectification-answer-form">
      <Flex vertical gap={8}>
        <label>
          {t('supervision.field.plan')}
          <Input.TextArea
            data-testid="rectification-plan"
            value={plan}
            maxLength={2000}
            rows={3}
            onChange={(e) => setPlan(e.target.value)}
          />
        </label>
        <label>
          {t('supervision.field.before')}
          <input
            type="file"
            accept="image/*"
            multiple
            data-testid="rectification-before"
            onChange={(e) => setBefore(Array.from(e.target.files ?? []))}
          />
        </label>
        <label>
          {t('supervision.field.after')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            data-testid="rectification-after"
            onChange={(e) => setAfter(Array.from(e.target.files ?? []))}
          />
        </label>
        {problem && <Alert type="error" showIcon title={problem} data-testid="rectification-answer-error" />}
        <Button type="primary" loading={answer.isPending} onClick={submit} data-testid="rectification-answer-submit">
          {t('supervision.detail.answer')}
        </Button>
      </Flex>
    </Card>
  );
}

function Decision({ found }: { found: RectificationDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const verify = useVerify(found.id);
  const reject = useReject(found.id);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const onError = (error: unknown) => setProblem(errorMessage(error, t));
  return (
    <Card size="small" data-testid="rectification-decision">
      <Flex vertical gap={8}>
        {found.actions.includes('verify') && (
          <Flex vertical gap={4}>
            <Input
              data-testid="rectification-verify-note"
              placeholder={t('supervision.field.verifyNote')}
              aria-label={t('supervision.field.verifyNote')}
              value={note}
              maxLength={2000}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button
              type="primary"
              data-testid="rectification-verify"
              loading={verify.isPending}
              onClick={() => {
                setProblem(null);
                verify.mutate(note.trim(), {
                  onSuccess: () => void message.success(t('supervision.detail.verified')),
                  onError,
                });
              }}
            >
              {t('supervision.detail.verify')}
            </Button>
          </Flex>
        )}
        {found.actions.includes('reject') && (
          <Flex vertical gap={4}>
            <Input.TextArea
              data-testid="rectification-reject-reason"
              placeholder={t('supervision.field.reason')}
              aria-label={t('supervision.field.reason')}
              value={reason}
              maxLength={2000}
              rows={2}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button
              danger
              data-testid="rectification-reject"
              loading={reject.isPending}
              onClick={() => {
                if (!reason.trim()) {
                  setProblem(t('supervision.detail.reasonRequired'));
                  return;
                }
                setProblem(null);
                reject.mutate(reason.trim(), {
                  onSuccess: () => {
                    setReason('');
                    void message.success(t('supervision.detail.rejected'));
                  },
                  onError,
                });
              }}
            >
              {t('supervision.detail.reject')}
            </Button>
          </Flex>
        )}
        {problem && <Alert type="error" showIcon title={problem} data-testid="rectification-decision-error" />}
      </Flex>
    </Card>
  );
}

function ReassignForm({ found }: { found: RectificationDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const reassign = useReassign(found.id);
  const [assignee, setAssignee] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (found.assignees.length === 0) return null;
  return (
    <Card title={t('supervision.detail.reassignTitle')} size="small" data-testid="rectification-reassign-form">
      <Flex vertical gap={8}>
        <Radio.Group
          data-testid="rectification-reassign-choices"
          value={assignee}
          onChange={(e) => setAssignee(e.target.value as number)}
          options={found.assignees.map((person) => ({ value: person.id, label: person.name }))}
        />
        {problem && <Alert type="error" showIcon title={problem} data-testid="rectification-reassign-error" />}
        <Button
          data-testid="rectification-reassign"
          disabled={assignee === null}
          loading={reassign.isPending}
          onClick={() => {
            if (assignee === null) return;
            setProblem(null);
            reassign.mutate(assignee, {
              onSuccess: () => {
                setAssignee(null);
                void message.success(t('supervision.detail.reassigned'));
              },
              onError: (error) => setProblem(errorMessage(error, t)),
            });
          }}
        >
          {t('supervision.detail.reassign')}
        </Button>
      </Flex>
    </Card>
  );
}

export default function RectificationPage() {
  const t = useT();
  const locale = useLocale();
  const id = Number(useParams().id);
  const query = useRectification(id);
  useDocumentTitle(query.data?.title ?? t('supervision.board.title'));
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active />;
  const found = query.data;
  return (
    <Flex vertical gap={16} data-testid="rectification-detail" data-status={found.status}>
      <ButtonLink to="/supervision/rectifications" data-testid="rectification-back">
        {t('supervision.detail.back')}
      </ButtonLink>
      <PageTitle testId="rectification-title">{found.title}</PageTitle>
      <Flex gap={8} wrap align="center">
        {found.status === 'open' && <LevelTag level={found.level} />}
        <StatusTag status={found.status} />
        <Tag>{lineLabel(t, found.service_line)}</Tag>
        <Typography.Text>{found.estate_name}</Typography.Text>
        {found.area && <Typography.Text>{t('supervision.field.area', { area: found.area })}</Typography.Text>}
      </Flex>
      <Flex vertical gap={4}>
        <Typography.Text data-testid="rectification-due">
          {t('supervision.field.due', { date: formatDateTime(found.due_at, locale) })}
        </Typography.Text>
        {found.note && <Typography.Text>{t('supervision.field.note', { note: found.note })}</Typography.Text>}
        <Typography.Text type="secondary">{t('supervision.field.openedBy', { name: found.opened_by_name })}</Typography.Text>
        {found.assignee_name && (
          <Typography.Text type="secondary">{t('supervision.field.assignee', { name: found.assignee_name })}</Typography.Text>
        )}
      </Flex>
      <Card size="small" title={t('supervision.detail.timeline')}>
        <Timeline
          data-testid="rectification-events"
          items={found.events.map((event) => ({
            key: event.id,
            color: event.kind === 'reject' ? 'red' : event.kind === 'verify' ? 'green' : 'blue',
            content: (
              <Flex vertical gap={4} data-testid="rectification-event" data-kind={event.kind}>
                <Typography.Text strong>
                  {t(`supervision.event.${event.kind}`)} · {event.written_by_name} · {formatDateTime(event.written_at, locale)}
                </Typography.Text>
                {event.text && <Typography.Paragraph style={{ margin: 0 }}>{event.text}</Typography.Paragraph>}
                {event.assignee_name && (
                  <Typography.Text type="secondary">
                    {t('supervision.field.assignee', { name: event.assignee_name })}
                  </Typography.Text>
                )}
                {event.photos.length > 0 && (
                  <Flex gap={6} wrap>
                    {event.photos.map((photo) => (
                      <a key={photo.id} href={evidenceUrl(found.id, photo.id)} target="_blank" rel="noreferrer">
                        <img
                          data-testid="rectification-photo"
                          data-stage={photo.stage}
                          src={evidenceUrl(found.id, photo.id)}
                          alt={t(`supervision.stage.${photo.stage}`)}
                          title={t(`supervision.stage.${photo.stage}`)}
                          style={{ width: '5em', height: '5em', objectFit: 'cover', borderRadius: 6 }}
                        />
                      </a>
                    ))}
                  </Flex>
                )}
              </Flex>
            ),
          }))}
        />
      </Card>
      {found.actions.includes('answer') && <AnswerForm found={found} />}
      {found.actions.includes('reassign') && <ReassignForm found={found} />}
      {(found.actions.includes('verify') || found.actions.includes('reject')) && <Decision found={found} />}
    </Flex>
  );
}
