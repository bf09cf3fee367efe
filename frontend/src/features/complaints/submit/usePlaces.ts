/**
 * Where a request can be about: the resident's own units (residents only), the estates the
 * user may report for (from the estates list, else from the homes) and the chosen estate's
 * common areas; and the defaults once they are known (the only unit, the only estate, a common
 * area when there is no home).
 */
import { useEffect, useMemo } from 'react';
import { hasCapability, useMe } from '../../../app/session';
import { useCommonAreas, useEstateChoices, useHomePlaces } from '../../estates/api';
import type { SubmitValues } from './model';
import type { SubmitForm } from './useSubmitForm';

export interface EstateOption {
  id: number;
  name: string;
}

export function usePlaces(form: Pick<SubmitForm, 'values' | 'setDefault'>) {
  const { data: me } = useMe();
  const { setDefault } = form;
  // Only residents (home.view) have homes; staff and others report for a common area.
  const canHaveHome = hasCapability(me, 'home.view');
  const homes = useHomePlaces(canHaveHome);
  const homesReady = !canHaveHome || homes.isSuccess;
  const estates = useEstateChoices();
  const homeList = useMemo(() => (canHaveHome ? (homes.data ?? []) : []), [canHaveHome, homes.data]);
  const estateOptions = useMemo((): EstateOption[] => {
    if (estates.data?.length) return estates.data.map((e) => ({ id: e.id, name: e.name }));
    const seen = new Map<number, string>();
    for (const h of homeList) seen.set(h.estate, h.estateName);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [estates.data, homeList]);

  const placeType = form.values.place_type ?? 'unit';
  const chosenEstate = form.values.estate;
  const commonAreas = useCommonAreas(placeType === 'common_area' ? chosenEstate : undefined);

  // Defaults once we know the user's homes: their only unit, or a common area when they have none.
  useEffect(() => {
    if (!homesReady) return;
    if (homeList.length === 0) setDefault('place_type', 'common_area', true);
    else if (homeList.length === 1) setDefault('unit', homeList[0].unit);
  }, [homesReady, homeList, setDefault]);
  useEffect(() => {
    if (estateOptions.length === 1) setDefault('estate', estateOptions[0].id);
  }, [estateOptions, setDefault]);

  /** "1-101", or "estate · area" (the estate only when there is a choice of estates). */
  function placeLabel(values: Partial<SubmitValues>): string {
    if (values.place_type === 'unit') return homeList.find((h) => h.unit === values.unit)?.label ?? '';
    const area = commonAreas.data?.results.find((a) => a.id === values.common_area)?.name ?? '';
    const estate = estateOptions.length > 1 ? estateOptions.find((e) => e.id === values.estate)?.name : '';
    return [estate, area].filter(Boolean).join(' · ');
  }

  /** The estate the request goes to: the chosen unit's, or the chosen one for a common area. */
  function estateOf(values: SubmitValues): number | undefined {
    return values.place_type === 'unit' ? homeList.find((h) => h.unit === values.unit)?.estate : values.estate;
  }

  return { homes, homesReady, estates, homeList, estateOptions, placeType, commonAreas, placeLabel, estateOf };
}

export type Places = ReturnType<typeof usePlaces>;
