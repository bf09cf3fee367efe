/** Pieces the committee screens share: labels of codes and the status tag of a filing. */
import { Tag } from 'antd';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../i18n/format';

const STATUS_COLOURS: Record<string, string> = { pending: 'processing', confirmed: 'success', rejected: 'error' };

export function FilingStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid={`filing-status-${status}`}>
      {t(`committee.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function positionKey(position: string): MessageKey {
  return `committee.position.${position}` as MessageKey;
}

/** Dates and moments in the reader's language (Asia/Shanghai). */
export function useDates() {
  const locale = useLocale();
  return {
    date: (value: string | null | undefined) => formatDate(value, locale),
    moment: (value: string | null | undefined) => formatDateTime(value, locale),
  };
}
