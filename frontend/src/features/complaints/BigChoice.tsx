/**
 * A row of big, labelled choice buttons (a radio group) for elderly residents: large targets,
 * a visible check on the chosen one (value / onChange, so an antd Form.Item can hold it too).
 * Plain markup: the resident's request form loads no antd.
 */
import type { ReactNode } from 'react';
import CheckCircleFilled from '@ant-design/icons-svg/es/asn/CheckCircleFilled';
import { PlainIcon } from '../../app/plain/PlainIcon';

export interface BigOption<T> {
  value: T;
  label: ReactNode;
  icon?: ReactNode;
  hint?: ReactNode;
  /** Shown greyed and not choosable (e.g. a time slot already over). */
  disabled?: boolean;
}

export function BigChoice<T extends string | number>({
  value,
  onChange,
  options,
  testId,
  label,
  minWidth = '6.5em',
  compact = false,
  id,
}: {
  value?: T;
  onChange?: (value: T) => void;
  options: readonly BigOption<T>[];
  testId: string;
  label: string;
  minWidth?: string;
  compact?: boolean;
  id?: string;
}) {
  return (
    <div
      id={id}
      role="radiogroup"
      aria-label={label}
      data-testid={testId}
      data-value={value ?? ''}
      style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${minWidth}, 1fr))`, gap: 8 }}
    >
      {options.map((option) => {
        const checked = option.value === value;
        return (
          <button
            key={String(option.value)}
            type="button"
            role="radio"
            aria-checked={checked}
            disabled={option.disabled}
            data-testid={`${testId}-${option.value}`}
            onClick={() => onChange?.(option.value)}
            style={{
              position: 'relative',
              display: 'flex',
              flexDirection: compact ? 'row' : 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: compact ? 6 : 4,
              minHeight: compact ? '3em' : '4.5em',
              padding: '0.5em',
              borderRadius: 10,
              border: `2px solid ${checked ? '#1677ff' : '#d9d9d9'}`,
              background: checked ? '#e6f4ff' : '#fff',
              color: checked ? '#0958d9' : option.disabled ? 'rgba(0,0,0,0.35)' : 'rgba(0,0,0,0.88)',
              fontSize: compact ? '1em' : '1.1em',
              fontWeight: checked ? 600 : 400,
              cursor: option.disabled ? 'not-allowed' : 'pointer',
              lineHeight: 1.3,
              fontFamily: 'inherit',
            }}
          >
            {option.icon && (
              <span aria-hidden style={{ fontSize: compact ? '1.1em' : '1.6em' }}>
                {option.icon}
              </span>
            )}
            <span style={{ fontSize: compact ? '1em' : '1.05em', fontWeight: checked ? 600 : 400 }}>{option.label}</span>
            {option.hint && <span style={{ fontSize: '0.8em', color: 'rgba(0,0,0,0.55)' }}>{option.hint}</span>}
            {checked && (
              <span style={{ position: 'absolute', top: 6, right: 6, color: '#1677ff' }}>
                <PlainIcon icon={CheckCircleFilled} />
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
