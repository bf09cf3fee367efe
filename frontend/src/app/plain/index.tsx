/**
 * Plain-markup controls for the screens a resident's phone opens first (login, home, submit):
 * antd's Form, Input, Button and Alert would be most of those screens' download. Drawn in
 * plain.css like antd's; labelled and announced for screen readers as antd's are.
 */
import { useId, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { formFailureMessage } from '../errors';
import { useT } from '../../i18n';
import './plain.css';

type ButtonKind = 'default' | 'primary' | 'text';

export function PlainButton({
  kind = 'default',
  block,
  loading,
  className,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; block?: boolean; loading?: boolean }) {
  const classes = ['p-btn', kind !== 'default' && `p-btn-${kind}`, block && 'p-btn-block', className].filter(Boolean);
  return (
    <button type="button" {...props} className={classes.join(' ')} aria-busy={loading || undefined}>
      {children}
    </button>
  );
}

/** The alert above a form that says why the last submit failed (as `FormFailure`). */
export function PlainFailure({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <div className="p-alert" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}

/** A check on one field: the message to show, or null when the value is fine. */
export type Check = (value: string) => string | null;

export interface PlainForm<V extends Record<string, string>> {
  values: V;
  errors: Partial<Record<keyof V, string>>;
  failure: string | null;
  submitting: boolean;
  set: (name: keyof V, value: string) => void;
  /** Check some fields (all by default); true when they pass. */
  validate: (names?: (keyof V)[]) => boolean;
  /** The form's onSubmit: check every field, then write. */
  onSubmit: (event: { preventDefault: () => void }) => void;
  setFailure: (message: string | null) => void;
}

/**
 * A small form: string fields, their checks, the write and what its failure says (the server's
 * field errors under their fields, the rest as one sentence above the form, as useFormModal).
 */
export function usePlainForm<V extends Record<string, string>, R>(options: {
  initial: V;
  checks: Partial<Record<keyof V, Check[]>>;
  /** Applied to a value as it is typed (e.g. drop spaces from an e-mail address). */
  normalize?: Partial<Record<keyof V, (value: string) => string>>;
  submit: (values: V) => Promise<R>;
  onSuccess?: (result: R) => void;
}): PlainForm<V> {
  const t = useT();
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<Partial<Record<keyof V, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const names = Object.keys(options.initial) as (keyof V)[];

  const errorOf = (name: keyof V, value: string): string | null => {
    for (const check of options.checks[name] ?? []) {
      const message = check(value);
      if (message) return message;
    }
    return null;
  };

  const validate = (only: (keyof V)[] = names): boolean => {
    const next = { ...errors };
    let ok = true;
    for (const name of only) {
      const message = errorOf(name, values[name]);
      if (message) {
        next[name] = message;
        ok = false;
      } else delete next[name];
    }
    setErrors(next);
    return ok;
  };

  const set = (name: keyof V, raw: string) => {
    const value = options.normalize?.[name]?.(raw) ?? raw;
    setValues((current) => ({ ...current, [name]: value }));
    // As antd does: a field with an error is checked again as it is corrected.
    if (errors[name] !== undefined) {
      setErrors((current) => {
        const next = { ...current };
        const message = errorOf(name, value);
        if (message) next[name] = message;
        else delete next[name];
        return next;
      });
    }
  };

  const onSubmit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    if (submitting || !validate()) return;
    setSubmitting(true);
    setFailure(null);
    options
      .submit(values)
      .then((result) => options.onSuccess?.(result))
      .catch((error: unknown) => {
        const serverErrors: Partial<Record<keyof V, string>> = {};
        const target = {
          getFieldsError: () => names.map((name) => ({ name: [String(name)], errors: [], warnings: [] })),
          setFields: (fields: { name: unknown; errors?: string[] }[]) => {
            for (const field of fields) serverErrors[String(field.name) as keyof V] = (field.errors ?? []).join(' ');
          },
        };
        const message = formFailureMessage(target as unknown as Parameters<typeof formFailureMessage>[0], error, t);
        setErrors((current) => ({ ...current, ...serverErrors }));
        setFailure(message);
      })
      .finally(() => setSubmitting(false));
  };

  return { values, errors, failure, submitting, set, validate, onSubmit, setFailure };
}

/** A labelled text input with its error and hint under it. */
export function PlainField({
  label,
  error,
  extra,
  testId,
  onValue,
  after,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  label: ReactNode;
  error?: string | null;
  extra?: ReactNode;
  testId?: string;
  onValue: (value: string) => void;
  /** A button joined to the input's end (e.g. "send the code"). */
  after?: ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const extraId = `${id}-extra`;
  const described = [error ? errorId : null, extra ? extraId : null].filter(Boolean).join(' ') || undefined;
  const field = (
    <input
      {...input}
      id={id}
      className="p-input"
      data-testid={testId}
      aria-invalid={error ? true : undefined}
      aria-describedby={described}
      onChange={(event) => onValue(event.target.value)}
    />
  );
  return (
    <div className="p-field">
      <label className="p-label" htmlFor={id}>
        {label}
      </label>
      {after ? (
        <div className="p-compact">
          {field}
          {after}
        </div>
      ) : (
        field
      )}
      {error && (
        <div id={errorId} className="p-error" role="alert">
          {error}
        </div>
      )}
      {extra && (
        <div id={extraId} className="p-extra">
          {extra}
        </div>
      )}
    </div>
  );
}

/** Checks the auth screens share (as ../../features/auth/rules.ts for antd's forms). */
export const checks = {
  required:
    (message: string): Check =>
    (value) =>
      value.trim() ? null : message,
  pattern:
    (pattern: RegExp, message: string): Check =>
    (value) =>
      !value || pattern.test(value) ? null : message,
};

/** An e-mail address, as antd's `type: 'email'` rule accepts one. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
