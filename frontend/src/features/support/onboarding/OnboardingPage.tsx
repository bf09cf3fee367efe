/**
 * `/support/onboarding` (firm host): the estate-onboarding wizard a platform admin runs under a
 * support grant (the platform console's firm page opens it), or the firm's admin runs alone.
 * Estates → each estate's import → the firm's managers and staff → done, each step with its
 * progress from the firm's own data (./progress). Without `?step=` it opens at the first step
 * not done, so leaving and coming back picks up where the data is; back / next and the steps
 * themselves move between steps (`?step=`, `&estate=` for the import's estate).
 */
import { Button, Card, Flex, Progress, Result, Space, Steps, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { FullPageSpinner, LoadError } from '../../../app/StatusPages';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { PageTitle } from '../../../components/PageTitle';
import { useT, type MessageKey } from '../../../i18n';
import { listAllEstates, useFirmUsers } from '../../estates/api';
import { EstatesStep } from './EstatesStep';
import { ImportStep } from './ImportStep';
import { InviteStep } from './InviteStep';
import { isStep, onboardingProgress, STEPS, type OnboardingProgress, type StepKey } from './progress';

/** Under ['estates', …]: creating an estate, an import that ends and an assignment refresh it. */
const onboardingEstatesKey = ['estates', 'onboarding'] as const;

export default function OnboardingPage() {
  const t = useT();
  useDocumentTitle(t('support.onboarding.title'));
  const [params, setParams] = useSearchParams();
  const estates = useQuery({ queryKey: onboardingEstatesKey, queryFn: ({ signal }) => listAllEstates(signal) });
  const managers = useFirmUsers('manager', true);
  const staff = useFirmUsers('staff', true);
  const loaded = estates.data && managers.data && staff.data;
  const resume = loaded ? onboardingProgress(estates.data, managers.data.results, staff.data.results).resume : null;
  const asked = params.get('step');
  // Opened without a step: settle on where the data says, so that finishing a step's work
  // (the last import, say) does not move the page away from under the user.
  useEffect(() => {
    if (resume && !isStep(asked)) setParams({ step: resume }, { replace: true });
  }, [resume, asked, setParams]);

  const failed = [estates, managers, staff].find((q) => q.isError);
  if (failed) return <LoadError error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!estates.data || !managers.data || !staff.data) return <FullPageSpinner />;

  const progress = onboardingProgress(estates.data, managers.data.results, staff.data.results);
  // nothing to import into or invite to before an estate exists
  const step: StepKey = isStep(asked) && (asked === 'estates' || progress.complete.estates) ? asked : progress.resume;
  const index = STEPS.indexOf(step);
  const selectedParam = Number(params.get('estate'));
  const selected =
    progress.estates.find((r) => r.estate.id === selectedParam)?.estate.id ??
    (progress.estates.find((r) => r.units === 0) ?? progress.estates[0])?.estate.id ??
    null;
  const go = (next: StepKey, estate?: number) => setParams(estate ? { step: next, estate: String(estate) } : { step: next });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <PageTitle>{t('support.onboarding.title')}</PageTitle>
      <Progress percent={progress.percent} data-testid="onboarding-progress" />
      <Steps
        data-testid="onboarding-steps"
        current={index}
        onChange={(i) => go(STEPS[i])}
        items={STEPS.map((key) => ({
          title: t(`support.wizard.step.${key}` as MessageKey),
          description: <span data-testid={`onboarding-step-${key}`}>{stepSummary(key, progress, t)}</span>,
          status: stepStatus(key, step, progress),
          disabled: key !== 'estates' && !progress.complete.estates,
        }))}
      />
      {step === 'estates' && <EstatesStep rows={progress.estates} />}
      {step === 'import' && (
        <ImportStep
          rows={progress.estates}
          imported={progress.imported}
          selected={selected}
          onSelect={(estate) => go('import', estate)}
        />
      )}
      {step === 'invite' && <InviteStep rows={progress.estates} staffed={progress.staffed} />}
      {step === 'done' && <DoneStep progress={progress} />}
      <Flex justify="space-between" gap={8}>
        <Button
          icon={<ArrowLeftOutlined />}
          disabled={index === 0}
          data-testid="onboarding-back"
          onClick={() => go(STEPS[index - 1])}
        >
          {t('support.wizard.back')}
        </Button>
        {index < STEPS.length - 1 && (
          <Button
            type="primary"
            data-testid="onboarding-next"
            disabled={!progress.complete.estates}
            onClick={() => go(STEPS[index + 1])}
          >
            {t('support.wizard.next', { step: t(`support.wizard.step.${STEPS[index + 1]}` as MessageKey) })}{' '}
            <ArrowRightOutlined />
          </Button>
        )}
      </Flex>
    </Space>
  );
}

function stepStatus(key: StepKey, current: StepKey, progress: OnboardingProgress): 'finish' | 'process' | 'wait' {
  if (key === current) return 'process';
  if (key === 'done') return progress.resume === 'done' ? 'finish' : 'wait';
  return progress.complete[key] ? 'finish' : 'wait';
}

function stepSummary(key: StepKey, progress: OnboardingProgress, t: ReturnType<typeof useT>): string {
  const count = progress.estates.length;
  switch (key) {
    case 'estates':
      return t('support.onboarding.estateCount', { count });
    case 'import':
      return t('support.onboarding.imported', { done: progress.imported, count });
    case 'invite':
      return t('support.wizard.invite.staffed', { done: progress.staffed, count });
    case 'done':
      return t('support.wizard.percent', { percent: progress.percent });
  }
}

function DoneStep({ progress }: { progress: OnboardingProgress }) {
  const t = useT();
  const finished = progress.resume === 'done';
  return (
    <Card data-testid="wizard-done">
      <Result
        status={finished ? 'success' : 'info'}
        title={finished ? t('support.onboarding.done') : t('support.wizard.done.left')}
        subTitle={
          <Space orientation="vertical" size={2}>
            {progress.estates.map((r) => (
              <Typography.Text key={r.estate.id} data-testid={`wizard-summary-${r.estate.code}`}>
                {t('support.wizard.done.estate', {
                  name: r.estate.name,
                  units: r.units,
                  managers: r.managers.length,
                  staff: r.staff.length,
                })}
              </Typography.Text>
            ))}
          </Space>
        }
      />
    </Card>
  );
}
