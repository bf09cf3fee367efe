/**
 * Form rules shared by the auth screens. The server's password validators remain
 * the judge; these only catch the obvious before a round trip.
 */
import type { FormRule } from 'antd';
import type { MessageKey, TFunction } from '../../i18n';

export const PASSWORD_MIN_LENGTH = 8;

export function requiredRule(t: TFunction, field: MessageKey): FormRule {
  return { required: true, whitespace: true, message: t('validation.required', { field: t(field) }) };
}

export function emailRules(t: TFunction, field: MessageKey = 'field.email'): FormRule[] {
  return [requiredRule(t, field), { type: 'email', message: t('validation.email') }];
}

export function passwordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('validation.required', { field: t('field.password') }) },
    { min: PASSWORD_MIN_LENGTH, message: t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH }) },
  ];
}

export function passwordConfirmRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('validation.required', { field: t('field.password_confirm') }) },
    ({ getFieldValue }) => ({
      validator(_, value) {
        if (!value || getFieldValue('password') === value) return Promise.resolve();
        return Promise.reject(new Error(t('validation.passwordMismatch')));
      },
    }),
  ];
}

/** E-mail addresses never contain spaces: drop the ones pasted around them. */
export function trimEmail(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, '') : '';
}
