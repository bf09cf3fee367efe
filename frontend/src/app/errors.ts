/**
 * One sentence for the user out of any failure: our own wording for the codes we
 * know, else the server's `detail` (already in the user's language), else a generic line.
 */
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { applyFieldErrors } from '../api/formErrors';
import { dictionaries, type MessageKey, type TFunction } from '../i18n';

export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.code === 'network_error') return t('error.network');
    const key = `error.${error.code}`;
    if (key in dictionaries['zh-CN']) return t(key as MessageKey);
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
