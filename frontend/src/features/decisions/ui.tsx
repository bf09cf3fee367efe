/** What both decision screens show: the status tag and how late an item is. */
import { Tag } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import type { Decision } from './types';

const COLORS: Record<string, string> = { open: 'blue', reported: 'gold', done: 'green' };

export function StatusTag({ decision }: { decision: Decision }) {
  const t = useT();
  return (
    <Tag color={COLORS[decision.status]} data-testid={`decision-status-${decision.id}`}>
      {t(`decision.status.${decision.status}` as MessageKey)}
    </Tag>
  );
}

export function LateTag({ decision }: { decision: Decision }) {
  const t = useT();
  if (decision.days_late === 0) return decision.status === 'done' ? null : <Tag>{t('decision.onTime')}</Tag>;
  return (
    <Tag color={decision.status === 'done' ? 'orange' : 'red'} data-testid={`decision-late-${decision.id}`}>
      {t(decision.status === 'done' ? 'decision.lateDone' : 'decision.late', { days: decision.days_late })}
    </Tag>
  );
}
