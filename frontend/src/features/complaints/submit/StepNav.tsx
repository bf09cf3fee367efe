/** Back, next, and on the last step submit: big buttons sharing the row. */
import { Button, Flex } from 'antd';
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
    <Flex gap={space.ms} style={ROW}>
      {step > 0 && (
        <Button size="large" data-testid="request-back" onClick={onBack} style={BACK}>
          {t('complaints.submit.back')}
        </Button>
      )}
      {step < LAST_STEP ? (
        <Button type="primary" size="large" data-testid="request-next" onClick={onNext} style={FORWARD}>
          {t('complaints.submit.next')}
        </Button>
      ) : (
        <Button type="primary" size="large" data-testid="request-submit" loading={submitting} onClick={onSubmit} style={FORWARD}>
          {t('complaints.submit.submit')}
        </Button>
      )}
    </Flex>
  );
}

const ROW = { marginTop: space.md } as const;
const BACK = { flex: 1, height: '3em' } as const;
const FORWARD = { flex: 2, height: '3em' } as const;
