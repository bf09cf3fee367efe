/**
 * Puts an ApiError's `fields` onto an antd form, field by field, and hands back
 * whatever could not be shown next to a field (non-field errors, fields the form
 * does not have) so the screen can show it in an alert.
 */
import type { FormInstance } from 'antd';
import { isApiError } from './client';

export interface FieldErrorResult {
  /** Names of form fields that received an error, in the form's order. */
  mapped: string[];
  /** Messages with no form field to sit under. */
  unmapped: string[];
}

const NON_FIELD_KEYS = new Set(['non_field_errors', '__all__', 'detail']);

export function applyFieldErrors(
  form: Pick<FormInstance, 'getFieldsError' | 'setFields'>,
  error: unknown,
  aliases: Record<string, string> = {},
): FieldErrorResult {
  const result: FieldErrorResult = { mapped: [], unmapped: [] };
  if (!isApiError(error)) return result;

  const known = form.getFieldsError().map((entry) => String(Array.isArray(entry.name) ? entry.name.join('.') : entry.name));
  const updates: { name: string; errors: string[] }[] = [];
  for (const [serverName, messages] of Object.entries(error.fields)) {
    const name = aliases[serverName] ?? serverName;
    if (!NON_FIELD_KEYS.has(name) && known.includes(name)) {
      updates.push({ name, errors: messages });
    } else {
      result.unmapped.push(...messages);
    }
  }
  if (updates.length) form.setFields(updates);
  result.mapped = known.filter((name) => updates.some((u) => u.name === name));
  return result;
}
