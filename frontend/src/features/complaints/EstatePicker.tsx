/** The estate picker of the supervision screens; hidden when there is only one estate to pick. */
import { useEffect } from 'react';
import { Select, Typography } from 'antd';
import { useT } from '../../i18n';
import { useEstateChoices } from '../estates/api';
import { largeText } from '../../app/tokens';

export function useEstateChoice(value: number | undefined, onChange: (estate: number) => void) {
  const estates = useEstateChoices();
  useEffect(() => {
    if (value === undefined && estates.data?.length) onChange(estates.data[0].id);
  }, [value, estates.data, onChange]);
  return estates;
}

export function EstatePicker({
  value,
  onChange,
  testId,
}: {
  value: number | undefined;
  onChange: (estate: number) => void;
  testId: string;
}) {
  const t = useT();
  const estates = useEstateChoice(value, onChange);
  const list = estates.data ?? [];
  if (list.length === 1) {
    return (
      <Typography.Text strong data-testid={testId} data-value={list[0].id} style={largeText}>
        {list[0].name}
      </Typography.Text>
    );
  }
  return (
    <Select<number>
      data-testid={testId}
      aria-label={t('complaints.field.estate')}
      value={value}
      loading={estates.isPending}
      placeholder={t('complaints.field.estate')}
      onChange={onChange}
      style={{ minWidth: 180 }}
      options={list.map((e) => ({ value: e.id, label: e.name }))}
    />
  );
}
