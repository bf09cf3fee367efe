/**
 * Small shared pieces of the complaints screens: labels for the API's codes, the status tag,
 * the SLA colour dot, durations, and the error sentence for the loop's own error codes.
 */
import type { CSSProperties } from 'react';
import { isApiError } from '../../api/client';
import { PlainTag, type TagColour } from '../../app/plain/parts';
import { errorMessage } from '../../app/errors';
import { formatDateTime, TIME_ZONE } from '../../i18n/format';
import type { Locale } from '../../i18n';
import type { MessageKey, TFunction } from '../../i18n';
import { ComplaintsApiError } from './api';
import type { Category, Channel, ClockKind, Colour, RatingTag, RequestKind, RequestStatus, Urgency } from './types';

type Known<T extends string> = T | (string & {});

function label(t: TFunction, prefix: string, value: string): string {
  const key = `complaints.${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

export const kindLabel = (t: TFunction, v: Known<RequestKind>) => label(t, 'kind', v);
export const categoryLabel = (t: TFunction, v: Known<Category>) => label(t, 'category', v);
export const urgencyLabel = (t: TFunction, v: Known<Urgency>) => label(t, 'urgency', v);
export const channelLabel = (t: TFunction, v: Known<Channel>) => label(t, 'channel', v);
export const statusLabel = (t: TFunction, v: Known<RequestStatus>) => label(t, 'status', v);
export const colourLabel = (t: TFunction, v: Known<Colour>) => label(t, 'colour', v);
export const clockLabel = (t: TFunction, v: Known<ClockKind>) => label(t, 'clock', v);
export const tagLabel = (t: TFunction, v: Known<RatingTag>) => label(t, 'tag', v);
export const eventLabel = (t: TFunction, v: string) => label(t, 'event', v);

const STATUS_COLOURS: Record<RequestStatus, TagColour> = {
  submitted: 'blue',
  reopened: 'magenta',
  accepted: 'cyan',
  in_progress: 'processing',
  deferred: 'gold',
  resolved: 'green',
  closed: 'default',
  rejected: 'red',
  withdrawn: 'default',
};

/** A request's status as antd's preset-coloured Tag, in plain markup (src/app/plain/parts.tsx):
 * the resident's home and list show it, and they load no antd for it. */
export function StatusTag({ t, status, testId }: { t: TFunction; status: string; testId?: string }) {
  return (
    <PlainTag
      colour={(STATUS_COLOURS[status as RequestStatus] ?? 'default') as TagColour}
      testId={testId}
      data-status={status}
      style={STATUS_TAG}
    >
      {statusLabel(t, status)}
    </PlainTag>
  );
}

const STATUS_TAG = { fontSize: '0.95em' } as const;

/** The tag at the home's size (its request rows are denser). */
export function PlainStatusTag({ t, status, testId }: { t: TFunction; status: string; testId?: string }) {
  return (
    <PlainTag colour={(STATUS_COLOURS[status as RequestStatus] ?? 'default') as TagColour} testId={testId} data-status={status}>
      {statusLabel(t, status)}
    </PlainTag>
  );
}

export const COLOUR_HEX: Record<Colour, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };

const FINISHED: ReadonlySet<string> = new Set(['closed', 'rejected', 'withdrawn']);

/** The red/yellow/green supervision colour: a dot plus its word (never colour alone). A finished
 * (closed, rejected or withdrawn) request has nothing on track any more: no green "正常" dot for it. */
export function ColourDot({
  t,
  colour,
  status,
  showLabel = true,
  style,
}: {
  t: TFunction;
  colour: string;
  status?: string;
  showLabel?: boolean;
  style?: CSSProperties;
}) {
  if (status !== undefined && FINISHED.has(status) && colour === 'green') return null;
  const hex = COLOUR_HEX[colour as Colour] ?? '#bfbfbf';
  const text = colourLabel(t, colour);
  return (
    <span
      data-testid="colour"
      data-colour={colour}
      title={text}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', ...style }}
    >
      <span aria-hidden style={{ width: '0.75em', height: '0.75em', borderRadius: '50%', background: hex, flex: 'none' }} />
      {showLabel ? (
        <span>{text}</span>
      ) : (
        <span className="visually-hidden" style={visuallyHidden}>
          {text}
        </span>
      )}
    </span>
  );
}

export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0,0,0,0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A visit window: "2026/12/05 14:00–17:00" (Shanghai time), or '' when none was asked for. */
export function visitWindow(from: string | null | undefined, to: string | null | undefined, locale: Locale): string {
  if (!from) return '';
  const end = to
    ? new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(
        new Date(to),
      )
    : '';
  return end ? `${formatDateTime(from, locale)}–${end}` : formatDateTime(from, locale);
}

/** "3 h 20 min" style, from seconds (absolute value). */
export function formatDuration(t: TFunction, seconds: number): string {
  const total = Math.abs(Math.round(seconds / 60));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0) return t('complaints.duration.daysHours', { days, hours });
  if (hours > 0) return t('complaints.duration.hoursMinutes', { hours, minutes });
  return t('complaints.duration.minutes', { minutes });
}

const OWN_CODES = new Set([
  'daily_limit',
  'near_duplicate',
  'transition_not_allowed',
  'already_assigned',
  'not_requester',
  'reopen_window_closed',
  'invalid_place',
  'not_assignable',
  'upload_rejected',
  'not_withdrawable',
]);

/** One sentence for a failure of the closed loop; field messages are appended when no form shows them. */
export function complaintsErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error) && OWN_CODES.has(error.code)) {
    if (error.code === 'near_duplicate') {
      const numbers = error instanceof ComplaintsApiError ? error.duplicates : [];
      return t('complaints.error.near_duplicate', { numbers: numbers.join('、') || '—' });
    }
    const base = t(`complaints.error.${error.code}` as MessageKey);
    const details = Object.values(error.fields).flat();
    return error.code === 'upload_rejected' && details.length ? `${base} ${details.join(' ')}` : base;
  }
  return errorMessage(error, t);
}

/** Is this the "someone changed it meanwhile" kind of failure (refresh and try again)? */
export function isStale(error: unknown): boolean {
  return isApiError(error) && error.status === 409;
}
