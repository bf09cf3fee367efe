/**
 * One sentence for the user out of any failure, by the error's stable `code`: our own
 * wording from the per-code table (src/i18n/errorCodes.ts) in the UI language, else the
 * server's `detail` (the client sends `Accept-Language`, so it is in the UI language too),
 * else a generic line.
 */
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { applyFieldErrors } from '../api/formErrors';
import { hasMessage, type MessageKey, type TFunction } from '../i18n';
import { DETAIL_CODES } from '../i18n/errorCodes';

/** The message key for an API error code, when the table words it (`error.<code>`). */
export function errorKey(code: string): MessageKey | null {
  if (code === 'network_error') return 'error.network';
  const key = `error.${code}`;
  return !DETAIL_CODES.has(code) && hasMessage(key) ? key : null;
}

export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    const key = errorKey(error.code);
    if (key) return t(key);
    if (error.detail) return error.detail;
  }
  return t('error.generic');
}

/**
 * After a failed form submit: put field errors under their fields and return the
 * sentence to show above the form, or null when the fields say it all.
 */
export function formFailureMessage(
  form: Pick<FormInstance, 'getFieldsError' | 'setFields'>,
  error: unknown,
  t: TFunction,
  aliases?: Record<string, string>,
): string | null {
  const { mapped, unmapped } = applyFieldErrors(form, error, aliases);
  if (unmapped.length) return unmapped.join(' ');
  if (mapped.length) return null;
  return errorMessage(error, t);
}
