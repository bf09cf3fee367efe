/**
 * 我的任务: a repairer's day on a phone (390×844 first). The open requests assigned to me, the
 * most urgent first (overdue at the top), each with a live countdown, the resident's name, the
 * unit as people say it ("阳光花园 1栋101") and a tap-to-call link; take, start and resolve with
 * the after-photo without leaving the screen. The phone is the full number for the task's
 * assignee (they must call to arrange the visit); see complaints.selectors.requester_contact.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, PhoneOutlined, PlayCircleOutlined, ToolOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { PageTitle } from '../../components/PageTitle';
import { inheritColour } from '../../app/tokens';
import { runAction, useMyTasks } from './api';
import type { Task } from './kpiTypes';
import { PhotoPicker } from './PhotoPicker';
import { categoryLabel, complaintsErrorMessage, kindLabel, StatusTag } from './ui';
import { countdown, OVERDUE_RED, useNow } from './urgency';

export default function MyTasksPage() {
  const t = useT();
  useDocumentTitle(t('complaints.tasks.title'));
  const tasks = useMyTasks();
  const now = useNow(1000);
  const list = tasks.data?.results ?? [];
  const late = list.filter((task) => task.due_at && new Date(task.due_at).getTime() < now).length;

  return (
    <Flex vertical gap={12} style={{ width: '100%', maxWidth: 640, margin: '0 auto', minWidth: 0 }}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <PageTitle>{t('complaints.tasks.title')}</PageTitle>
        {tasks.data && (
          <Typography.Text type="secondary" data-testid="tasks-count">
            {t('complaints.tasks.count', { count: list.length, late })}
          </Typography.Text>
        )}
      </Flex>
      {tasks.isError ? (
        <LoadError error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : !tasks.data ? (
        <Skeleton active />
      ) : list.length === 0 ? (
        <Empty description={t('complaints.tasks.empty')} data-testid="tasks-empty" />
      ) : (
        <Flex vertical gap={12} data-testid="tasks-list">
          {list.map((task) => (
            <TaskCard key={task.id} task={task} now={now} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function TaskCard({ task, now }: { task: Task; now: number }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const left = countdown(t, task.due_at, now);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: 'take' | 'start' | 'resolve'; body?: FormData | object }) =>
      runAction(task.id, action, body),
    onSuccess: (_, { action }) => {
      message.success(
        t(
          action === 'take'
            ? 'complaints.tasks.taken'
            : action === 'start'
              ? 'complaints.tasks.started'
              : 'complaints.tasks.done',
        ),
      );
      if (action === 'resolve') setResolving(false); // a start finishing must not close an open form
      return queryClient.invalidateQueries({ queryKey: ['complaints'] });
    },
    onError: (error) => message.error(complaintsErrorMessage(error, t)),
  });

  function resolve() {
    const body = new FormData();
    body.append('note', note.trim());
    for (const file of files) body.append('files', file, file.name);
    act.mutate({ action: 'resolve', body });
  }

  const can = (action: string) => task.actions.includes(action);
  const name = task.requester_name || t('complaints.tasks.noName');
  return (
    <Card
      size="small"
      data-testid={`task-${task.id}`}
      data-overdue={left?.overdue ?? false}
      style={{ borderInlineStart: `4px solid ${left?.overdue ? '#ff4d4f' : task.colour === 'yellow' ? '#faad14' : '#52c41a'}` }}
    >
      <Flex vertical gap={8} style={{ minWidth: 0 }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Link to={`/requests/${task.id}`} style={inheritColour}>
            <strong>{task.number}</strong>
          </Link>
          <Flex gap={4} align="center">
            {task.urgency === 'emergency' && <Tag color="red">{t('complaints.urgency.emergency')}</Tag>}
            <StatusTag t={t} status={task.status} />
          </Flex>
        </Flex>
        {left && (
          <Typography.Text
            strong
            data-testid={`task-countdown-${task.id}`}
            style={{ fontSize: '1.15em', color: left.overdue ? OVERDUE_RED : undefined }}
          >
            {left.text}
          </Typography.Text>
        )}
        <Typography.Text strong style={{ fontSize: '1.05em', overflowWrap: 'anywhere' }} data-testid={`task-place-${task.id}`}>
          {task.place_label}
        </Typography.Text>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>
          {kindLabel(t, task.kind)} · {categoryLabel(t, task.category)} — {task.description}
        </Typography.Text>
        {task.requester_phone ? (
          <Button
            href={`tel:${task.requester_phone.replace(/[^\d+*]/g, '')}`}
            icon={<PhoneOutlined />}
            size="large"
            block
            data-testid={`task-call-${task.id}`}
          >
            {t('complaints.tasks.call', { name })} {task.requester_phone}
          </Button>
        ) : (
          <Typography.Text type="secondary">
            {name} · {t('complaints.tasks.noPhone')}
          </Typography.Text>
        )}
        <Flex gap={8} wrap>
          {can('take') && (
            <Button
              type="primary"
              size="large"
              icon={<UserAddOutlined />}
              style={{ flex: '1 1 8em' }}
              loading={act.isPending && act.variables?.action === 'take'}
              onClick={() => act.mutate({ action: 'take' })}
              data-testid={`task-take-${task.id}`}
            >
              {t('complaints.action.take')}
            </Button>
          )}
          {can('start') && (
            <Button
              type="primary"
              size="large"
              icon={<PlayCircleOutlined />}
              style={{ flex: '1 1 8em' }}
              loading={act.isPending && act.variables?.action === 'start'}
              onClick={() => act.mutate({ action: 'start', body: {} })}
              data-testid={`task-start-${task.id}`}
            >
              {t('complaints.action.start')}
            </Button>
          )}
          {can('resolve') && !resolving && (
            <Button
              size="large"
              icon={<ToolOutlined />}
              style={{ flex: '1 1 8em' }}
              onClick={() => setResolving(true)}
              data-testid={`task-resolve-${task.id}`}
            >
              {t('complaints.action.resolve')}
            </Button>
          )}
        </Flex>
        {resolving && (
          <Flex vertical gap={8} data-testid={`task-resolve-form-${task.id}`}>
            <Typography.Text strong>{t('complaints.tasks.resolveNote')}</Typography.Text>
            <Input.TextArea
              data-testid="field-note"
              aria-label={t('complaints.tasks.resolveNote')}
              rows={2}
              maxLength={2000}
              value={note}
              placeholder={t('complaints.tasks.resolveNotePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
            />
            <Typography.Text strong>{t('complaints.tasks.afterPhoto')}</Typography.Text>
            <PhotoPicker files={files} onChange={setFiles} testId={`task-photos-${task.id}`} />
            {act.isError && act.variables?.action === 'resolve' && (
              <Alert type="error" showIcon title={complaintsErrorMessage(act.error, t)} />
            )}
            <Flex gap={8}>
              <Button onClick={() => setResolving(false)} style={{ flex: 1 }}>
                {t('common.cancel')}
              </Button>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                style={{ flex: 2 }}
                disabled={!note.trim()}
                loading={act.isPending && act.variables?.action === 'resolve'}
                onClick={resolve}
                data-testid={`task-resolve-submit-${task.id}`}
              >
                {t('complaints.tasks.resolveSubmit')}
              </Button>
            </Flex>
          </Flex>
        )}
        <Link to={`/requests/${task.id}`} style={{ fontSize: '0.85em' }}>
          {t('complaints.tasks.details')} ›
        </Link>
      </Flex>
    </Card>
  );
}
