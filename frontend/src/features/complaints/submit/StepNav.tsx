/** Back, next, and on the last step submit: big buttons sharing the row. */
import { PlainButton } from '../../../app/plain';
import { space } from '../../../app/tokens';
import { useT } from '../../../i18n';
import { LAST_STEP } from './model';

export function StepNav({
  step,
  submitting,
  onBack,
  onNext,
  onSubmit,
}: {
  step: number;
  submitting: boolean;
  onBack: () => void;
  onNext: () => void;
  onSubmit: () => void;
}) {
  const t = useT();
  return (
    <div style={ROW}>
      {step > 0 && (
        <PlainButton className="p-btn-large" data-testid="request-back" onClick={onBack} style={BACK}>
          {t('complaints.submit.back')}
        </PlainButton>
      )}
      {step < LAST_STEP ? (
        <PlainButton kind="primary" className="p-btn-large" data-testid="request-next" onClick={onNext} style={FORWARD}>
          {t('complaints.submit.next')}
        </PlainButton>
      ) : (
        <PlainButton
          kind="primary"
          className="p-btn-large"
          data-testid="request-submit"
          loading={submitting}
          onClick={onSubmit}
          style={FORWARD}
        >
          {t('complaints.submit.submit')}
        </PlainButton>
      )}
    </div>
  );
}

const ROW = { display: 'flex', gap: space.ms, marginTop: space.md } as const;
const BACK = { flex: 1, height: '3em' } as const;
const FORWARD = { flex: 2, height: '3em' } as const;
