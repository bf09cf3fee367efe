import { PlainSwitch } from '../../../app/plain/controls';
import { colour, space } from '../../../app/tokens';

/** The emergency switch in a box that is the target as a whole (big, for elderly fingers). */
export function EmergencySwitch({
  checked,
  onChange,
  label,
  hint,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint: string;
}) {
  // The whole box is the target; the switch itself stays the control.
  return (
    <div
      onClick={() => onChange(!checked)}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: space.ms,
        padding: '0.75em 1em',
        borderRadius: 10,
        border: `2px solid ${checked ? colour.danger : colour.border}`,
        background: checked ? colour.dangerBg : '#fff',
        cursor: 'pointer',
      }}
    >
      <PlainSwitch testId="field-urgency" label={label} checked={checked} onChange={onChange} danger />
      <span style={{ display: 'flex', flexDirection: 'column' }}>
        <strong style={{ color: checked ? colour.dangerText : undefined }}>{label}</strong>
        <span style={{ fontSize: '0.85em', color: colour.muted }}>{hint}</span>
      </span>
    </div>
  );
}
