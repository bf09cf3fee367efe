/**
 * Choose one unit of an estate, searching the server as one types ("1-101", "101", an owner's
 * name): estates have thousands of units, too many to list at once. The server searches number,
 * building and owner separately, so "1-101" is sent as building 1 + "101" when building "1" exists.
 * While a search is on its way, the previous results are narrowed to what was typed.
 */
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useT } from '../../../i18n';
import { useBuildings, useUnitSearch } from '../api';
import type { Building } from '../types';
import { fill } from '../../../app/tokens';

export function UnitPicker({
  estate,
  value,
  onChange,
  id,
  'data-testid': testId = 'field-unit',
}: {
  estate: number;
  value?: number;
  onChange?: (value: number) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const buildings = useBuildings(estate);
  const query = splitUnitSearch(search, buildings.data?.results ?? []);
  const units = useUnitSearch(estate, query.search, query.building);
  const found = (units.data?.results ?? []).map((u) => ({
    value: u.id,
    label: `${u.building_name}-${u.number}`,
  }));
  // Until the server has answered what was typed, the previous answer is still on screen: offer
  // only its units that match the typed text, so Enter or a click never picks a unit that the
  // search is about to drop (and the list does not reshuffle under the pointer when it lands).
  const pending = typed.trim() !== search || units.isPlaceholderData;
  const options = pending ? found.filter((o) => o.label.includes(typed.trim())) : found;

  return (
    <Select<number>
      id={id}
      data-testid={testId}
      value={value}
      onChange={onChange}
      placeholder={t('estates.unitPickerPlaceholder')}
      loading={units.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={units.isFetching ? t('app.loading') : t('estates.noUnits')}
      options={options}
      style={fill}
    />
  );
}

/** "3-1201" -> building "3", search "1201" when the estate has a building "3"; else as typed. */
export function splitUnitSearch(
  search: string,
  buildings: Pick<Building, 'id' | 'name'>[],
): { search: string; building?: number } {
  for (const b of [...buildings].sort((x, y) => y.name.length - x.name.length)) {
    if (search.startsWith(`${b.name}-`) && search.length > b.name.length + 1)
      return { search: search.slice(b.name.length + 1), building: b.id };
  }
  return { search };
}
