/**
 * The failure state every form screen shares (modals, drawers and the few full-page forms):
 * validate, write, and on failure put the server's field errors under their fields and keep
 * the rest as one sentence for an alert above the form; cancelling forgets both.
 *
 *   const modal = useFormModal<Values, Estate>({ submit: (v) => create.mutateAsync(v), onSuccess: onCreated });
 *   <Modal onOk={modal.submit} onCancel={() => { modal.cancel(); onClose(); }} confirmLoading={modal.submitting}>
 *     <FormFailure message={modal.failure} />
 *     <Form form={modal.form} onFinish={modal.submit}>...</Form>
 *   </Modal>
 */
import { useState, type ReactNode } from 'react';
import { Alert, Form, type FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { formFailureMessage } from './errors';
import { useT } from '../i18n';
import { space } from './tokens';

export interface FormModalOptions<V, R> {
  /** The write, with the validated values. */
  submit: (values: V) => Promise<R>;
  /** After a successful write (and the reset, see `reset`). */
  onSuccess?: (result: R, values: V) => void;
  /** Reset the form after a successful write: all fields (true, the default), some, or none (false). */
  reset?: boolean | (keyof V & string)[];
  /** Server field names that the form calls otherwise (`{ user: 'email' }`). */
  aliases?: Record<string, string>;
  /** The sentence for a failure that names no field (default: the shared wording); null says nothing. */
  fallback?: (error: unknown) => string | null;
  /** Rewords the sentence for the alert (null: the field errors say it all). */
  describe?: (error: unknown, message: string | null) => string | null;
  /** When the fields do not validate: the names of the fields with errors (a wizard shows their step). */
  onInvalid?: (fields: string[]) => void;
  /** An existing form instance (a form shared with a parent); else the hook makes one. */
  form?: FormInstance<V>;
}

export interface FormModal<V> {
  form: FormInstance<V>;
  /** The sentence for the alert above the form, if any. */
  failure: string | null;
  submitting: boolean;
  /** Validate every field, then write (an OK button, a form's onFinish). */
  submit: () => Promise<void>;
  /** Write values that are already validated (a form's onFinish). */
  finish: (values: V) => Promise<void>;
  /** Forget the failure and reset the form (a Cancel button). */
  cancel: () => void;
  /** Forget the failure only. */
  clearFailure: () => void;
}

export function useFormModal<V, R = unknown>(options: FormModalOptions<V, R>): FormModal<V> {
  const t = useT();
  const [ownForm] = Form.useForm<V>();
  const form = options.form ?? ownForm;
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { submit: write, onSuccess, reset = true, aliases, fallback, describe, onInvalid } = options;

  async function finish(values: V) {
    setSubmitting(true);
    setFailure(null);
    try {
      const result = await write(values);
      if (reset === true) form.resetFields();
      else if (reset) form.resetFields(reset as Parameters<typeof form.resetFields>[0]);
      onSuccess?.(result, values);
    } catch (error) {
      const named = isApiError(error) && Object.keys(error.fields).length > 0;
      let message = formFailureMessage(form, error, t, aliases);
      if (!named && fallback) message = fallback(error);
      setFailure(describe ? describe(error, message) : message);
    } finally {
      setSubmitting(false);
    }
  }

  async function submit() {
    let values: V;
    try {
      values = await form.validateFields();
    } catch (info) {
      const fields = (info as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      onInvalid?.(fields.map((f) => String(f.name[0])));
      return;
    }
    await finish(values);
  }

  return {
    form,
    failure,
    submitting,
    submit,
    finish,
    cancel: () => {
      setFailure(null);
      form.resetFields();
    },
    clearFailure: () => setFailure(null),
  };
}

/** The alert above a form that says why the last submit failed; nothing when it did not. */
export function FormFailure({
  message,
  testId,
  action,
  compact,
}: {
  message: string | null;
  testId?: string;
  action?: ReactNode;
  /** Above an inline form: a smaller gap. */
  compact?: boolean;
}) {
  if (!message) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      role="alert"
      data-testid={testId}
      action={action}
      style={{ marginBottom: compact ? space.ms : space.md }}
    />
  );
}
