/**
 * One request, for everyone who may see it: what and where, photos, the three SLA clocks, the
 * timeline (who, when, channel, note, photos) and the buttons `actions` allows this user now.
 */
import type { ReactNode } from 'react';
import { Alert, Card, Flex, Image, Rate, Result, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLocale, useT, type Locale, type MessageKey, type TFunction } from '../../i18n';
import { useRequestDetail } from './api';
import { RequestActions } from './RequestActions';
import { Thread } from './Thread';
import { CLOCK_KINDS, type RequestAttachment, type RequestDetail, type RequestEvent, type SlaClock } from './types';
import {
  categoryLabel,
  channelLabel,
  clockLabel,
  ColourDot,
  COLOUR_HEX,
  eventLabel,
  formatDuration,
  kindLabel,
  statusLabel,
  StatusTag,
  tagLabel,
  visitWindow,
} from './ui';
import { flush, mutedText, smallText } from '../../app/tokens';

const EVENT_COLOURS: Record<string, string> = {
  reject: 'red',
  resolve: 'green',
  rate: 'green',
  chase: 'orange',
  depart: 'cyan',
  withdraw: 'gray',
};

export default function RequestDetailPage() {
  const t = useT();
  const locale = useLocale();
  const { id } = useParams();
  const requestId = Number(id);
  const detail = useRequestDetail(requestId);
  const { data: me } = useMe();
  const navigate = useNavigate();
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back: { to: string; label: MessageKey } = hasCapability(me, 'complaints.handle')
    ? { to: '/desk', label: 'complaints.detail.backToDesk' }
    : hasCapability(me, 'complaints.submit')
      ? { to: '/requests', label: 'complaints.detail.backToMine' }
      : { to: '/complaints/board', label: 'complaints.detail.backToBoard' };
  useDocumentTitle(detail.data ? detail.data.number : t('complaints.detail.title'));

  if (!Number.isFinite(requestId)) return <Result status="404" title={t('complaints.detail.notFound')} />;
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404) {
      return <Result status="404" title={t('complaints.detail.notFound')} />;
    }
    return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  }
  const r = detail.data;
  const submitEvent = r.events.find((e) => e.action === 'submit');
  const intakePhotos = r.attachments.filter((a) => a.event === null || a.event === submitEvent?.id);
  const isRequester = r.actions.includes('rate') || r.actions.includes('reopen');

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860, margin: '0 auto', width: '100%' }}>
      <Link
        to={back.to}
        data-testid="detail-back"
        onClick={(event) => {
          // Came here from another screen of the app (a list, the board, a message): go back to it.
          if (cameFromApp) {
            event.preventDefault();
            navigate(-1);
          }
        }}
      >
        <ArrowLeftOutlined /> {t(cameFromApp ? 'common.back' : back.label)}
      </Link>
      <Card data-testid="request-header">
        <Flex vertical gap={10}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={3} style={flush} data-testid="request-number">
              {r.number}
            </Typography.Title>
            <StatusTag t={t} status={r.status} testId="request-status" />
            <ColourDot t={t} colour={r.colour} status={r.status} />
            {r.urgency === 'emergency' && <Tag color="red">{t('complaints.urgency.emergency')}</Tag>}
            {r.reopen_count > 0 && <Tag color="magenta">{t('complaints.detail.reopened', { count: r.reopen_count })}</Tag>}
          </Flex>
          <Typography.Text strong style={{ fontSize: '1.1em' }}>
            {kindLabel(t, r.kind)} · {categoryLabel(t, r.category)}
          </Typography.Text>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 }}>
            <Meta label={t('complaints.field.place')} value={r.place || t('common.none')} testId="request-place" />
            <Meta label={t('complaints.detail.createdAt')} value={formatDateTime(r.created_at, locale)} />
            <Meta label={t('complaints.field.channel')} value={channelLabel(t, r.channel)} />
            {r.entered_by_name && <Meta label={t('complaints.detail.enteredBy')} value={r.entered_by_name} />}
            {r.contact_name && <Meta label={t('complaints.field.contact_name')} value={r.contact_name} />}
            {r.preferred_visit_from && (
              <Meta
                label={t('complaints.detail.visitWanted')}
                value={visitWindow(r.preferred_visit_from, r.preferred_visit_to, locale)}
                testId="request-visit"
              />
            )}
            <dt style={{ ...mutedText, alignSelf: 'center' }}>{t('complaints.field.assignee')}</dt>
            <dd style={{ margin: 0 }} data-testid="request-assignee">
              <Flex gap={12} wrap align="center">
                <span>{r.assignee_name || t('complaints.detail.unassigned')}</span>
                {r.assignee_phone && (
                  <a
                    href={`tel:${r.assignee_phone.replace(/[^0-9+]/g, '')}`}
                    data-testid="assignee-phone"
                    aria-label={t('complaints.detail.call', { name: r.assignee_name })}
                    style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44 }}
                  >
                    <PhoneOutlined /> {r.assignee_phone}
                  </a>
                )}
              </Flex>
            </dd>
          </dl>
          <Typography.Paragraph
            data-testid="request-description"
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: '1.05em' }}
          >
            {r.description}
          </Typography.Paragraph>
          {intakePhotos.length > 0 && <Photos items={intakePhotos} t={t} testId="request-photos" />}
        </Flex>
      </Card>

      <Progress r={r} t={t} />

      <StatusNotice r={r} t={t} locale={locale} isRequester={isRequester} />

      {(r.actions.length > 0 || r.next_chase_at) && (
        <Card title={t('complaints.detail.actions')} size="small">
          <Flex vertical gap={8}>
            <RequestActions detail={r} />
            {r.next_chase_at && (
              <Typography.Text type="secondary" data-testid="chase-again">
                {t('complaints.detail.chaseAgain', { time: formatDateTime(r.next_chase_at, locale) })}
              </Typography.Text>
            )}
          </Flex>
        </Card>
      )}

      {r.clocks.length > 0 && (
        <Card title={t('complaints.detail.clocks')} size="small" data-testid="request-clocks">
          <Flex vertical gap={10}>
            {[...r.clocks]
              .sort((a, b) => CLOCK_KINDS.indexOf(a.kind as never) - CLOCK_KINDS.indexOf(b.kind as never))
              .map((clock) => (
                <ClockRow key={clock.kind} clock={clock} t={t} locale={locale} />
              ))}
          </Flex>
        </Card>
      )}

      {(r.thread === 'write' || r.thread === 'read') && <Thread requestId={r.id} access={r.thread} />}

      <Card title={t('complaints.detail.timeline')} size="small">
        <Timeline
          data-testid="request-timeline"
          items={[...r.events]
            .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
            .map((event) => ({
              key: event.id,
              color: EVENT_COLOURS[event.action] ?? 'blue',
              content: (
                <EventBody
                  event={event}
                  t={t}
                  locale={locale}
                  photos={r.attachments.filter((a) => a.event === event.id && event.action !== 'submit')}
                />
              ),
            }))}
        />
      </Card>
    </Flex>
  );
}

function Meta({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt style={mutedText}>{label}</dt>
      <dd style={{ margin: 0, wordBreak: 'break-word' }} data-testid={testId}>
        {value}
      </dd>
    </>
  );
}

/** Where the request is in its loop: 已提交 → 已受理 → 已出发 → 处理中 → 已解决. On the way is a
 * step of an accepted request (departed_at), not a status. None for a suggestion, a request on
 * hold, or one rejected or withdrawn. */
const PROGRESS = ['submitted', 'accepted', 'departed', 'in_progress', 'resolved'] as const;

function progressIndex(r: RequestDetail): number | null {
  switch (r.status) {
    case 'submitted':
    case 'reopened':
      return 0;
    case 'accepted':
      return r.departed_at ? 2 : 1;
    case 'in_progress':
      return 3;
    case 'resolved':
    case 'closed':
      return 4;
    default:
      return null;
  }
}

function Progress({ r, t }: { r: RequestDetail; t: TFunction }) {
  const current = progressIndex(r);
  if (current === null || r.kind === 'suggestion') return null;
  return (
    <Card size="small" data-testid="request-progress" data-step={PROGRESS[current]}>
      <Steps
        size="small"
        current={current}
        status={current === PROGRESS.length - 1 ? 'finish' : 'process'}
        responsive={false}
        titlePlacement="vertical"
        aria-label={t('complaints.detail.progress')}
        items={PROGRESS.map((step) => ({ title: t(`complaints.progress.${step}`) }))}
      />
    </Card>
  );
}

function StatusNotice({ r, t, locale, isRequester }: { r: RequestDetail; t: TFunction; locale: Locale; isRequester: boolean }) {
  if (r.status === 'rejected') {
    return (
      <Alert type="error" showIcon title={t('complaints.detail.rejected')} description={r.reject_reason} data-testid="notice" />
    );
  }
  if (r.status === 'withdrawn') {
    const reason = r.events.find((e) => e.action === 'withdraw')?.note;
    return (
      <Alert
        type="info"
        showIcon
        title={t('complaints.detail.withdrawn')}
        description={reason || undefined}
        data-testid="notice"
      />
    );
  }
  if (r.status === 'deferred') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('complaints.detail.deferred', { date: formatDate(r.deferred_until, locale) })}
        description={r.defer_reason}
        data-testid="notice"
      />
    );
  }
  if (r.status === 'resolved' && isRequester) {
    return (
      <Alert
        type="success"
        showIcon
        title={r.rating ? t('complaints.detail.ratedLow', { rating: r.rating }) : t('complaints.detail.pleaseRate')}
        data-testid="notice"
      />
    );
  }
  if ((r.status === 'closed' || r.status === 'resolved') && r.rating) {
    const tags = Array.isArray(r.rating_tags) ? (r.rating_tags as string[]) : [];
    return (
      <Card size="small" data-testid="rating-summary">
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t('complaints.detail.rating')}</Typography.Text>
          <Rate disabled value={r.rating} />
          {tags.map((tag) => (
            <Tag key={tag}>{tagLabel(t, tag)}</Tag>
          ))}
        </Flex>
        {r.rating_comment && <Typography.Paragraph style={{ margin: '8px 0 0' }}>{r.rating_comment}</Typography.Paragraph>}
      </Card>
    );
  }
  return null;
}

function ClockRow({ clock, t, locale }: { clock: SlaClock; t: TFunction; locale: Locale }) {
  // a clock stopped by a rejection or a withdrawal is neither on time nor late: it shows why it
  // stopped, in grey
  const halted = clock.state === 'stopped';
  let state: ReactNode;
  if (clock.state === 'paused') state = <Tag color="gold">{t('complaints.clock.paused')}</Tag>;
  else if (halted)
    state = (
      <Tag data-testid="clock-stopped" data-reason={clock.stop_reason}>
        {t('complaints.clock.stopped')}
        {clock.stop_reason ? ` · ${statusLabel(t, clock.stop_reason)}` : ''}
      </Tag>
    );
  else if (clock.state === 'missed') state = <Tag color="red">{t('complaints.clock.late')}</Tag>;
  else if (clock.state === 'met') state = <Tag color="green">{t('complaints.clock.onTime')}</Tag>;
  else if (clock.remaining_seconds < 0)
    state = (
      <Typography.Text type="danger" strong>
        {t('complaints.clock.overdue', { time: formatDuration(t, clock.remaining_seconds) })}
      </Typography.Text>
    );
  else
    state = (
      <Typography.Text strong>
        {t('complaints.clock.remaining', { time: formatDuration(t, clock.remaining_seconds) })}
      </Typography.Text>
    );

  return (
    <Flex
      data-testid={`clock-${clock.kind}`}
      data-paused={clock.paused}
      data-state={clock.state}
      align="center"
      justify="space-between"
      gap={8}
      wrap
      style={{
        borderInlineStart: `4px solid ${halted ? '#d9d9d9' : (COLOUR_HEX[clock.colour as 'green'] ?? '#d9d9d9')}`,
        paddingInlineStart: 10,
      }}
    >
      <Flex vertical gap={2}>
        <Typography.Text strong>
          {clockLabel(t, clock.kind)}
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {' '}
            · {t('complaints.clock.budget', { hours: clock.budget_hours })}
          </Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {clock.due_at
            ? t('complaints.clock.due', { time: formatDateTime(clock.due_at, locale) })
            : clock.paused
              ? t('complaints.clock.pausedHint')
              : ''}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={8}>
        {state}
        {!halted && <ColourDot t={t} colour={clock.colour} showLabel={false} />}
      </Flex>
    </Flex>
  );
}

function EventBody({
  event,
  t,
  locale,
  photos,
}: {
  event: RequestEvent;
  t: TFunction;
  locale: Locale;
  photos: RequestAttachment[];
}) {
  const data = (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
  const rating = typeof data.rating === 'number' ? data.rating : null;
  const tags = Array.isArray(data.tags) ? (data.tags as string[]) : [];
  return (
    <Flex vertical gap={4} data-testid="timeline-event" data-action={event.action}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{eventLabel(t, event.action)}</Typography.Text>
        {event.to_status &&
          event.to_status !== event.from_status &&
          statusLabel(t, event.to_status) !== eventLabel(t, event.action) && (
            <Typography.Text type="secondary">→ {statusLabel(t, event.to_status)}</Typography.Text>
          )}
      </Flex>
      <Typography.Text type="secondary" style={smallText}>
        {[formatDateTime(event.at, locale), event.actor_name, event.channel ? channelLabel(t, event.channel) : '']
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {rating !== null && <Rate disabled value={rating} style={{ fontSize: '1em' }} />}
      {tags.length > 0 && (
        <Flex gap={4} wrap>
          {tags.map((tag) => (
            <Tag key={tag}>{tagLabel(t, tag)}</Tag>
          ))}
        </Flex>
      )}
      {typeof data.until === 'string' && (
        <Typography.Text>{t('complaints.detail.deferredUntil', { date: formatDate(data.until, locale) })}</Typography.Text>
      )}
      {event.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{event.note}</Typography.Paragraph>}
      {photos.length > 0 && <Photos items={photos} t={t} testId={`event-photos-${event.id}`} />}
    </Flex>
  );
}

function Photos({ items, t, testId }: { items: RequestAttachment[]; t: TFunction; testId: string }) {
  const images = items.filter((a) => a.content_type.startsWith('image/'));
  const videos = items.filter((a) => !a.content_type.startsWith('image/'));
  return (
    <Flex gap={8} wrap data-testid={testId}>
      <Image.PreviewGroup>
        {images.map((a, i) => (
          <Image
            key={a.id}
            src={a.url}
            width={88}
            height={88}
            alt={t('complaints.detail.photoAlt', { n: i + 1 })}
            style={{ objectFit: 'cover', borderRadius: 8 }}
          />
        ))}
      </Image.PreviewGroup>
      {videos.map((a, i) => (
        <a
          key={a.id}
          href={a.url}
          target="_blank"
          rel="noreferrer"
          style={{
            width: 88,
            height: 88,
            borderRadius: 8,
            background: '#f5f5f5',
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 4,
          }}
        >
          <PlayCircleOutlined style={{ fontSize: 28 }} />
          <span style={{ fontSize: 12 }}>{t('complaints.detail.video', { n: i + 1 })}</span>
        </a>
      ))}
    </Flex>
  );
}
