/** How a support grant reads: its status, with "running" and "expired" told apart. */
import { Tag } from 'antd';
import type { MessageKey, TFunction } from '../../i18n';
import type { SupportGrant } from './api';

export type GrantState = 'pending' | 'running' | 'ended' | 'declined' | 'revoked';

export function grantState(grant: Pick<SupportGrant, 'status' | 'running'>): GrantState {
  if (grant.status === 'active') return grant.running ? 'running' : 'ended';
  return grant.status;
}

const COLOURS: Record<GrantState, string> = {
  pending: 'gold',
  running: 'green',
  ended: 'default',
  declined: 'red',
  revoked: 'default',
};

export function GrantStatusTag({ grant, t }: { grant: SupportGrant; t: TFunction }) {
  const state = grantState(grant);
  return (
    <Tag color={COLOURS[state]} data-testid={`support-status-${grant.id}`}>
      {t(`support.status.${state}` as MessageKey)}
    </Tag>
  );
}
