/** Small shared pieces of the scoring screens: the status tag, labels, the period. */
import { Tag } from 'antd';
import { formatDate } from '../../i18n/format';
import { useLocale, useT, type MessageKey, type TFunction } from '../../i18n';
import type { Locale } from '../../i18n';
import { DIMENSIONS, INPUTS, type Dimension, type InputKey } from './types';

const STATUS_COLOURS: Record<string, string> = { draft: 'default', open: 'green', closed: 'blue' };

export function SurveyStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = status === 'draft' || status === 'open' || status === 'closed';
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="survey-status" data-status={status}>
      {known ? t(`scoring.status.${status}`) : status}
    </Tag>
  );
}

export function dimensionLabel(t: TFunction, key: string): string {
  return (DIMENSIONS as readonly string[]).includes(key) ? t(`scoring.dim.${key as Dimension}` as MessageKey) : key;
}

export function inputLabel(t: TFunction, key: string): string {
  return (INPUTS as readonly string[]).includes(key) ? t(`scoring.input.${key as InputKey}` as MessageKey) : key;
}

export function periodText(t: TFunction, locale: Locale, start: string, end: string): string {
  return t('scoring.period', { start: formatDate(start, locale), end: formatDate(end, locale) });
}

export function usePeriod() {
  const t = useT();
  const locale = useLocale();
  return (start: string, end: string) => periodText(t, locale, start, end);
}
