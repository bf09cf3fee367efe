/** The submission form's values, which fields each step checks, and the multipart body it posts. */
import type { Category, RequestKind } from '../types';

export type PlaceType = 'unit' | 'common_area';

export interface SubmitValues {
  kind?: RequestKind;
  category?: Category;
  emergency: boolean;
  place_type: PlaceType;
  unit?: number;
  estate?: number;
  common_area?: number;
  description?: string;
}

export const LAST_STEP = 2;

/** The fields step 1 (what) and step 2 (where and what happened) must have before going on. */
export const STEP_FIELDS: Record<number, (values: Partial<SubmitValues>) => (keyof SubmitValues)[]> = {
  0: () => ['kind', 'category'],
  1: (v) =>
    v.place_type === 'unit' ? ['place_type', 'unit', 'description'] : ['place_type', 'estate', 'common_area', 'description'],
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
  for (const file of files) body.append('files', file, file.name);
  return body;
}
