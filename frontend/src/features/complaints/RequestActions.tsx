/**
 * The buttons of a request's detail, driven ONLY by `actions` (what this user may do now), each
 * with `data-testid="action-<name>"`; those that need input open a small form. A 409 (someone
 * changed the request meanwhile) is said plainly and the detail refreshes.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Form, Grid, Input, Modal, Select, Tag, Typography } from 'antd';
import {
  BellOutlined,
  CarOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  StarFilled,
  StopOutlined,
  SwapOutlined,
  ToolOutlined,
  UserAddOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/session';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT, type TFunction } from '../../i18n';
import { useAssignees } from '../estates/api';
import { complaintsKeys, useRequestAction } from './api';
import { PhotoPicker } from './PhotoPicker';
import { ACTIONS, RATING_TAGS, type RatingTag, type RequestAction, type RequestDetail } from './types';
import { complaintsErrorMessage, isStale, tagLabel } from './ui';
import { gapBelow } from '../../app/tokens';

const ICONS: Record<RequestAction, ReactNode> = {
  take: <UserAddOutlined />,
  accept: <CheckOutlined />,
  start: <PlayCircleOutlined />,
  resolve: <ToolOutlined />,
  defer: <PauseCircleOutlined />,
  resume: <ClockCircleOutlined />,
  reassign: <SwapOutlined />,
  reject: <StopOutlined />,
  rate: <StarFilled />,
  reopen: <RedoOutlined />,
  chase: <BellOutlined />,
  withdraw: <UndoOutlined />,
  depart: <CarOutlined />,
};
const PRIMARY = new Set<RequestAction>(['take', 'accept', 'depart', 'start', 'resolve', 'rate', 'resume', 'chase']);
/** Transitions that need no input: one tap. */
const DIRECT = new Set<RequestAction>(['take', 'depart', 'start', 'resume', 'chase']);

export function RequestActions({ detail }: { detail: RequestDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mutation = useRequestAction(detail.id);
  const [open, setOpen] = useState<RequestAction | null>(null);
  // Phones: buttons share the row (big targets); wider screens: buttons keep their own width.
  const wide = Grid.useBreakpoint().md === true;
  const available = ACTIONS.filter((a) => detail.actions.includes(a));
  if (available.length === 0) return null;

  function failed(error: unknown): string | null {
    if (isStale(error)) {
      message.error(complaintsErrorMessage(error, t));
      setOpen(null);
      void queryClient.invalidateQueries({ queryKey: complaintsKeys.detail(detail.id) });
      return null;
    }
    return complaintsErrorMessage(error, t);
  }

  async function run(action: RequestAction, body?: FormData | object): Promise<void> {
    await mutation.mutateAsync({ action, body });
    message.success(t(`complaints.action.done.${action}`));
    setOpen(null);
  }

  return (
    <>
      <Flex gap={8} wrap data-testid="request-actions">
        {available.map((action) => (
          <Button
            key={action}
            size="large"
            type={PRIMARY.has(action) ? 'primary' : 'default'}
            danger={action === 'reject' || action === 'withdraw'}
            icon={ICONS[action]}
            data-testid={`action-${action}`}
            loading={mutation.isPending && mutation.variables?.action === action && DIRECT.has(action)}
            onClick={() => {
              if (!DIRECT.has(action)) return setOpen(action);
              run(action).catch((error: unknown) => {
                const text = failed(error);
                if (text) message.error(text);
              });
            }}
            style={wide ? { minWidth: '8em', minHeight: '2.75em' } : { flex: '1 1 8em', minHeight: '2.75em' }}
          >
            {t(`complaints.action.${action}`)}
          </Button>
        ))}
      </Flex>
      {open && open !== 'rate' && (
        <ActionForm
          action={open}
          detail={detail}
          onCancel={() => setOpen(null)}
          onSubmit={(body) => run(open, body)}
          onFailed={failed}
        />
      )}
      {open === 'rate' && <RateForm onCancel={() => setOpen(null)} onSubmit={(body) => run('rate', body)} onFailed={failed} />}
    </>
  );
}

interface FormProps {
  onCancel: () => void;
  onSubmit: (body: FormData | object) => Promise<void>;
  /** The sentence to show in the form, or null when the failure was handled (409). */
  onFailed: (error: unknown) => string | null;
}

/** The shared form-modal state; a stale request (409) is handled by the page, so the form says nothing. */
function useActionForm({ onSubmit, onFailed }: FormProps, build: (values: Values) => FormData | object) {
  return useFormModal<Values>({
    submit: (values) => onSubmit(build(values)),
    reset: false,
    fallback: onFailed,
  });
}

type Values = Record<string, unknown>;

function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

function ActionForm({ action, detail, ...props }: FormProps & { action: Exclude<RequestAction, 'rate'>; detail: RequestDetail }) {
  const t = useT();
  const [files, setFiles] = useState<File[]>([]);
  const { data: me } = useMe();
  const needsStaff = action === 'accept' || action === 'reassign';
  const staff = useAssignees(needsStaff ? detail.estate : null);
  const modal = useActionForm(props, build);
  const reason = (min: number) => [
    { required: true, whitespace: true, message: t('complaints.validation.reason') },
    { min, message: t('complaints.validation.reasonMin', { min }) },
  ];
  const staffOptions = (staff.data ?? []).map((s) => ({
    value: s.user,
    label: `${s.user_name || s.user_email}${s.user === me?.id ? ` (${t('complaints.action.me')})` : ''}`,
  }));

  function build(values: Values): FormData | object {
    const trimmed = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
    );
    if (action === 'resolve' && files.length) {
      const body = new FormData();
      body.append('note', String(trimmed.note ?? ''));
      for (const file of files) body.append('files', file, file.name);
      return body;
    }
    return trimmed;
  }

  return (
    <Modal
      open
      title={t(`complaints.action.${action}`)}
      onCancel={props.onCancel}
      okText={t('complaints.action.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={modal.submitting}
      onOk={modal.submit}
      okButtonProps={{ 'data-testid': `${action}-submit`, size: 'large' } as Record<string, string>}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" requiredMark={false} preserve={false}>
        {needsStaff && (
          <Form.Item
            name="assignee"
            label={t('complaints.field.assignee')}
            extra={action === 'accept' ? t('complaints.action.acceptHint') : undefined}
            rules={action === 'reassign' ? [{ required: true, message: t('complaints.validation.assignee') }] : []}
          >
            <Select
              data-testid="field-assignee"
              allowClear={action === 'accept'}
              loading={staff.isPending}
              options={staffOptions}
              placeholder={t('complaints.field.assigneePlaceholder')}
            />
          </Form.Item>
        )}
        {action === 'defer' && (
          <>
            <Form.Item name="reason" label={t('complaints.field.deferReason')} rules={reason(1)}>
              <Input.TextArea data-testid="field-reason" rows={2} maxLength={200} showCount />
            </Form.Item>
            <Form.Item
              name="until"
              label={t('complaints.field.until')}
              initialValue={tomorrow()}
              rules={[{ required: true, message: t('complaints.validation.until') }]}
            >
              <Input type="date" data-testid="field-until" min={tomorrow()} />
            </Form.Item>
          </>
        )}
        {action === 'withdraw' && (
          <>
            <Alert type="warning" showIcon title={t('complaints.action.withdrawHint')} style={gapBelow} />
            <Form.Item name="reason" label={t('complaints.field.withdrawReason')}>
              <Input.TextArea data-testid="field-reason" rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
        {(action === 'reject' || action === 'reopen') && (
          <Form.Item
            name="reason"
            label={t(action === 'reject' ? 'complaints.field.rejectReason' : 'complaints.field.reopenReason')}
            extra={action === 'reject' ? t('complaints.action.rejectHint') : t('complaints.action.reopenHint')}
            rules={reason(2)}
          >
            <Input.TextArea data-testid="field-reason" rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {action === 'resolve' && (
          <>
            <Form.Item
              name="note"
              label={t('complaints.field.resolveNote')}
              rules={[{ required: true, whitespace: true, message: t('complaints.validation.note') }]}
            >
              <Input.TextArea
                data-testid="field-note"
                rows={3}
                maxLength={2000}
                showCount
                placeholder={t('complaints.action.resolvePlaceholder')}
              />
            </Form.Item>
            <Form.Item label={t('complaints.field.afterPhotos')}>
              <PhotoPicker files={files} onChange={setFiles} testId="resolve-files" />
            </Form.Item>
          </>
        )}
        {(action === 'accept' || action === 'reassign') && (
          <Form.Item name="note" label={t('complaints.field.note')}>
            <Input.TextArea data-testid="field-note" rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RateForm(props: FormProps) {
  const t = useT();
  const modal = useActionForm(props, (values) => ({
    rating: values.rating,
    tags: (values.tags as RatingTag[] | undefined) ?? [],
    comment: String(values.comment ?? '').trim(),
  }));
  const form = modal.form;
  const rating = Form.useWatch('rating', { form, preserve: true }) as number | undefined;
  return (
    <Modal
      open
      title={t('complaints.action.rate')}
      onCancel={props.onCancel}
      okText={t('complaints.action.submitRating')}
      cancelText={t('common.cancel')}
      confirmLoading={modal.submitting}
      onOk={modal.submit}
      okButtonProps={{ 'data-testid': 'rate-submit', size: 'large' } as Record<string, string>}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} />
      <Form form={form} layout="vertical" requiredMark={false} preserve={false} initialValues={{ tags: [] }}>
        <Form.Item
          name="rating"
          label={t('complaints.rate.question')}
          rules={[{ required: true, message: t('complaints.validation.rating') }]}
        >
          <Stars t={t} />
        </Form.Item>
        {rating !== undefined && rating <= 2 && (
          <Alert type="info" showIcon title={t('complaints.rate.lowHint')} style={gapBelow} />
        )}
        <Form.Item name="tags" label={t('complaints.rate.tags')}>
          <TagPicker t={t} />
        </Form.Item>
        <Form.Item name="comment" label={t('complaints.rate.comment')}>
          <Input.TextArea data-testid="field-comment" rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Five big star buttons; `rating-<n>` each. */
function Stars({ t, value, onChange }: { t: TFunction; value?: number; onChange?: (value: number) => void }) {
  return (
    <Flex gap={4} role="radiogroup" aria-label={t('complaints.rate.question')} data-testid="field-rating">
      {[1, 2, 3, 4, 5].map((n) => {
        const on = value !== undefined && n <= value;
        return (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={value === n}
            aria-label={t('complaints.rate.stars', { n })}
            data-testid={`rating-${n}`}
            onClick={() => onChange?.(n)}
            style={{
              width: '2.6em',
              height: '2.6em',
              border: 'none',
              background: 'transparent',
              cursor: 'pointer',
              padding: 0,
              fontSize: '1.4em',
              color: on ? '#fadb14' : '#d9d9d9',
            }}
          >
            <StarFilled />
          </button>
        );
      })}
      {value !== undefined && (
        <Typography.Text style={{ alignSelf: 'center', marginInlineStart: 8 }}>
          {t(`complaints.rate.level.${value}` as 'complaints.rate.level.1')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function TagPicker({ t, value = [], onChange }: { t: TFunction; value?: RatingTag[]; onChange?: (value: RatingTag[]) => void }) {
  return (
    <Flex gap={8} wrap>
      {RATING_TAGS.map((tag) => {
        const checked = value.includes(tag);
        return (
          <Tag.CheckableTag
            key={tag}
            checked={checked}
            data-testid={`rating-tag-${tag}`}
            onChange={(on) => onChange?.(on ? [...value, tag] : value.filter((v) => v !== tag))}
            style={{ fontSize: '1em', padding: '0.3em 0.8em', border: '1px solid #d9d9d9' }}
          >
            {tagLabel(t, tag)}
          </Tag.CheckableTag>
        );
      })}
    </Flex>
  );
}
