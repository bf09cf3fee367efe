/** Small shared pieces of the supervision screens: the level and status tags, labels. */
import { Tag } from 'antd';
import { useT, type TFunction } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { SERVICE_LINES, type Level, type ServiceLine } from './types';

const LEVEL_COLOURS: Record<Level, string> = { red: 'red', yellow: 'gold', green: 'green' };
const STATUS_COLOURS: Record<string, string> = { open: 'orange', answered: 'blue', verified: 'green' };

function asLevel(value: string): Level {
  return value === 'red' || value === 'yellow' ? value : 'green';
}

export function LevelTag({ level }: { level: string }) {
  const t = useT();
  const value = asLevel(level);
  return (
    <Tag color={LEVEL_COLOURS[value]} data-testid="rectification-level" data-level={value}>
      {t(`supervision.level.${value}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  const known = status === 'open' || status === 'answered' || status === 'verified';
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="rectification-status">
      {known ? t(`supervision.status.${status}`) : status}
    </Tag>
  );
}

export function lineLabel(t: TFunction, line: string): string {
  return (SERVICE_LINES as readonly string[]).includes(line) ? t(`supervision.line.${line as ServiceLine}` as MessageKey) : line;
}
