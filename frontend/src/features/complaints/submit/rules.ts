/** The request form's checks, field by field, as the antd rules were: the message, or null. */
import type { MessageKey, TFunction } from '../../../i18n';
import type { SubmitValues } from './model';

export interface FormShape {
  /** The resident has homes: "where" is asked (a unit or a common area). */
  hasHomes: boolean;
  /** More than one estate to choose from for a common area. */
  manyEstates: boolean;
}

export function fieldError(t: TFunction, name: keyof SubmitValues, v: SubmitValues, shape: FormShape): string | null {
  const choose = (field: MessageKey) => t('complaints.validation.choose', { field: t(field) });
  switch (name) {
    case 'kind':
      return v.kind ? null : choose('complaints.field.kind');
    case 'category':
      return v.category ? null : choose('complaints.field.category');
    case 'place_type':
      return !shape.hasHomes || v.place_type ? null : choose('complaints.field.place');
    case 'unit':
      return v.place_type !== 'unit' || v.unit !== undefined ? null : choose('complaints.field.unit');
    case 'estate':
      return v.place_type !== 'common_area' || !shape.manyEstates || v.estate !== undefined
        ? null
        : choose('complaints.field.estate');
    case 'common_area':
      return v.place_type !== 'common_area' || v.common_area !== undefined ? null : choose('complaints.field.common_area');
    case 'description': {
      const text = v.description ?? '';
      if (!text.trim()) return t('complaints.validation.description');
      if (text.length < 4) return t('complaints.validation.descriptionMin', { min: 4 });
      return null;
    }
    case 'visit_slot':
      return v.kind !== 'repair' || !v.visit_day || v.visit_slot ? null : t('complaints.validation.visitSlot');
    default:
      return null;
  }
}
