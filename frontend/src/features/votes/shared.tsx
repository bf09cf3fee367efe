/** Pieces the votes screens share: the status tag, who the reader is for a vote's estate. */
import { Tag } from 'antd';
import type { Me } from '../../api/types';
import { useT, type MessageKey } from '../../i18n';

const COLOURS: Record<string, string> = {
  draft: 'default',
  announced: 'processing',
  open: 'green',
  closed: 'warning',
  published: 'success',
};

export function VoteStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status] ?? 'default'} data-testid={`vote-status-${status}`}>
      {t(`votes.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** A confirmed committee member of this estate (the only one who runs votes and sees ballots). */
export function isCommitteeOf(me: Pick<Me, 'roles'> | null | undefined, estate: number | undefined): boolean {
  return !!me && me.roles.some((r) => r.role === 'committee' && (estate === undefined || r.estate_id === estate));
}

/** datetime-local value (the reader's clock) from an ISO instant, and back. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}
