/**
 * Plain-markup form pieces for the resident's request form (antd's Form.Item, Steps, Switch,
 * TextArea with a count, Alert), drawn like antd's in controls.css, sizes in rem or em so
 * elder mode scales them: the form a resident opens most loads no antd.
 */
import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import CheckOutlined from '@ant-design/icons-svg/es/asn/CheckOutlined';
import CloseCircleFilled from '@ant-design/icons-svg/es/asn/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons-svg/es/asn/ExclamationCircleFilled';
import InfoCircleFilled from '@ant-design/icons-svg/es/asn/InfoCircleFilled';
import { PlainIcon } from './PlainIcon';
import './plain.css';
import './frame.css';
import './controls.css';

/**
 * One field as antd's vertical Form.Item: its label (a <label> when `htmlFor` names the
 * control, else a caption), the control, its error (announced) and a hint under it.
 */
export function PlainItem({
  label,
  htmlFor,
  error,
  errorId,
  extra,
  last,
  compact,
  children,
}: {
  label?: ReactNode;
  htmlFor?: string;
  error?: string | null;
  /** The error's id, for the control's aria-describedby. */
  errorId?: string;
  extra?: ReactNode;
  /** No space under it (the last item of a card). */
  last?: boolean;
  /** Less space under it (a field the next one belongs to). */
  compact?: boolean;
  children: ReactNode;
}) {
  const classes = ['p-field', last && 'p-field-last', compact && 'p-field-compact'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      {label !== undefined &&
        (htmlFor ? (
          <label className="p-label" htmlFor={htmlFor}>
            {label}
          </label>
        ) : (
          <div className="p-label">{label}</div>
        ))}
      {children}
      {error && (
        <div className="p-error" role="alert" id={errorId}>
          {error}
        </div>
      )}
      {extra && <div className="p-extra">{extra}</div>}
    </div>
  );
}

/** A multi-line input with antd's `showCount` ("12 / 2000") under it. */
export function PlainTextArea({
  value,
  onValue,
  maxLength,
  testId,
  invalid,
  ...props
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  maxLength: number;
  testId?: string;
  invalid?: boolean;
}) {
  return (
    <div className="p-textarea">
      <textarea
        {...props}
        className="p-input"
        value={value}
        maxLength={maxLength}
        data-testid={testId}
        aria-invalid={invalid || undefined}
        onChange={(event) => onValue(event.target.value)}
      />
      <span className="p-textarea-count" aria-hidden>
        {value.length} / {maxLength}
      </span>
    </div>
  );
}

/** antd's Switch: a button with role="switch". */
export function PlainSwitch({
  checked,
  onChange,
  testId,
  label,
  danger,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  label: string;
  /** Red when on (an emergency). */
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      data-testid={testId}
      className={['p-switch', checked && 'is-on', danger && 'is-danger'].filter(Boolean).join(' ')}
      onClick={(event) => {
        event.stopPropagation();
        onChange(!checked);
      }}
    >
      <span className="p-switch-handle" />
    </button>
  );
}

/** antd's small Steps with titles under the dots: done, current and to come. */
export function PlainSteps({ current, titles, label }: { current: number; titles: string[]; label?: string }) {
  return (
    <ol className="p-steps" aria-label={label}>
      {titles.map((title, index) => {
        const state = index < current ? 'is-done' : index === current ? 'is-current' : 'is-wait';
        return (
          <li key={title} className={`p-step ${state}`} aria-current={index === current ? 'step' : undefined}>
            <span className="p-step-dot" aria-hidden>
              {index < current ? <PlainIcon icon={CheckOutlined} /> : index + 1}
            </span>
            <span className="p-step-title">{title}</span>
          </li>
        );
      })}
    </ol>
  );
}

const ALERT_ICONS = { info: InfoCircleFilled, warning: ExclamationCircleFilled, error: CloseCircleFilled } as const;

/** antd's Alert with its icon: a title, and a description under it. */
export function PlainAlert({
  type,
  title,
  description,
  testId,
  announce = true,
}: {
  type: 'info' | 'warning' | 'error';
  title: ReactNode;
  description?: ReactNode;
  testId?: string;
  /** role="alert" (a failure, a refused file); false for a standing hint. */
  announce?: boolean;
}) {
  const id = useId();
  return (
    <div
      className={`p-alert p-alert-row p-alert-${type} p-alert-block`}
      role={announce ? 'alert' : undefined}
      data-testid={testId}
      aria-describedby={description ? id : undefined}
    >
      <span className="p-alert-icon">
        <PlainIcon icon={ALERT_ICONS[type]} />
      </span>
      <div className="p-alert-text">
        <div>{title}</div>
        {description && (
          <div id={id} className="p-alert-description">
            {description}
          </div>
        )}
      </div>
    </div>
  );
}
