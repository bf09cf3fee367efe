/** The submission form's values, which fields each step checks, and the multipart body it posts. */
import type { Category, RequestKind } from '../types';

export type PlaceType = 'unit' | 'common_area';
export type VisitSlot = 'morning' | 'afternoon' | 'evening';

/** The visit slots a resident picks from, in Shanghai hours [start, end). */
export const VISIT_SLOTS: Record<VisitSlot, [string, string]> = {
  morning: ['09:00', '12:00'],
  afternoon: ['14:00', '17:00'],
  evening: ['18:00', '20:00'],
};
export const VISIT_MAX_DAYS = 30;

/** The ISO instants of a day + slot in Shanghai time (UTC+8, no daylight saving). */
export function visitBounds(day: string, slot: VisitSlot): [string, string] {
  const [from, to] = VISIT_SLOTS[slot];
  return [new Date(`${day}T${from}:00+08:00`).toISOString(), new Date(`${day}T${to}:00+08:00`).toISOString()];
}

/** Today in Shanghai, plus `days`, as YYYY-MM-DD. */
export function shanghaiDay(days = 0, now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now + days * 86400000));
}

export interface SubmitValues {
  kind?: RequestKind;
  category?: Category;
  emergency: boolean;
  place_type: PlaceType;
  unit?: number;
  estate?: number;
  common_area?: number;
  description?: string;
  /** A repair's preferred visit: a day (YYYY-MM-DD) and a slot, both or neither. */
  visit_day?: string;
  visit_slot?: VisitSlot;
}

export const LAST_STEP = 2;

/** The fields step 1 (what) and step 2 (where and what happened) must have before going on. */
export const STEP_FIELDS: Record<number, (values: Partial<SubmitValues>) => (keyof SubmitValues)[]> = {
  0: () => ['kind', 'category'],
  1: (v) => [
    ...(v.place_type === 'unit'
      ? (['place_type', 'unit', 'description'] as const)
      : (['place_type', 'estate', 'common_area', 'description'] as const)),
    ...(v.kind === 'repair' ? (['visit_day', 'visit_slot'] as const) : []),
  ],
};

/** The step that holds a field: kind and category are on the first, the rest on the second. */
export const stepOfField = (name: string): number => (name === 'kind' || name === 'category' ? 0 : 1);

/** The multipart body (photos included); null when something needed is missing. */
export function requestBody(values: SubmitValues, estate: number | undefined, files: File[]): FormData | null {
  if (!values.kind || !values.category || !values.description || !estate) return null;
  const body = new FormData();
  body.append('estate', String(estate));
  body.append('kind', values.kind);
  body.append('category', values.category);
  body.append('urgency', values.emergency ? 'emergency' : 'normal');
  if (values.place_type === 'unit' && values.unit) body.append('unit', String(values.unit));
  if (values.place_type === 'common_area' && values.common_area) body.append('common_area', String(values.common_area));
  body.append('description', values.description.trim());
  body.append('channel', 'web');
  if (values.kind === 'repair' && values.visit_day && values.visit_slot) {
    const [from, to] = visitBounds(values.visit_day, values.visit_slot);
    body.append('preferred_visit_from', from);
    body.append('preferred_visit_to', to);
  }
  for (const file of files) body.append('files', file, file.name);
  return body;
}
