/** Pieces the disclosure screens share: labels of codes, money and the estate choice. */
import { useState } from 'react';
import { Tag } from 'antd';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { formatMoney } from '../../i18n/format';

export const INCOME_CATEGORIES = [
  'advertising',
  'parking',
  'venue',
  'antenna',
  'charging',
  'parcel_locker',
  'other_income',
] as const;
export const EXPENSE_CATEGORIES = ['repairs', 'committee', 'cleaning', 'staff', 'maintenance_fund', 'other_expense'] as const;

export function categoryKey(code: string): MessageKey {
  return `disclosure.category.${code}` as MessageKey;
}

export function useMoney() {
  const locale = useLocale();
  return (value: string | number | null | undefined) => formatMoney(value ?? 0, locale);
}

const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  signed_off: 'warning',
  published: 'success',
  posted: 'success',
};

export function StatusTag({ status, kind }: { status: string; kind: 'line' | 'statement' }) {
  const t = useT();
  const key = (kind === 'line' ? `disclosure.lineStatus.${status}` : `disclosure.status.${status}`) as MessageKey;
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(key)}
    </Tag>
  );
}

/** The estate a disclosure screen shows; the picker chooses the first one it offers. */
export function useEstate() {
  return useState<number | undefined>(undefined);
}
