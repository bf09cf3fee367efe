/**
 * "我要报事": a resident reports a repair, complaint or suggestion in three steps, each one
 * screen with big targets (elder mode ×1.5 included): 1 what (./submit/WhatStep), 2 where and
 * what happened with photos (./submit/WhereStep), 3 review (./submit/ReviewStep), then submit.
 * Submission is multipart so photos go with it; then the detail.
 */
import { useState } from 'react';
import { Alert, App, Flex, Form, Result, Steps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/formErrors';
import { hasCapability, useMe } from '../../app/session';
import { FullPageSpinner, LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { ComplaintsApiError, complaintsKeys, submitRequest } from './api';
import { LAST_STEP, requestBody, STEP_FIELDS, stepOfField, type SubmitValues } from './submit/model';
import { ReviewStep } from './submit/ReviewStep';
import { StepNav } from './submit/StepNav';
import { usePlaces } from './submit/usePlaces';
import { WhatStep } from './submit/WhatStep';
import { WhereStep } from './submit/WhereStep';
import { complaintsErrorMessage } from './ui';

interface Failure {
  text: string;
  /** Earlier requests a near-duplicate points to. */
  duplicates: string[];
}

export default function SubmitPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  useDocumentTitle(t('complaints.submit.title'));
  const [form] = Form.useForm<SubmitValues>();
  const [step, setStep] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const places = usePlaces(form);
  const { homes, homesReady, estates, homeList, estateOptions } = places;

  if (!homesReady && !homes.isError) return <FullPageSpinner />;
  if (homes.isError) return <LoadError error={homes.error} onRetry={() => homes.refetch()} />;
  if (estates.isPending && homeList.length === 0) return <FullPageSpinner />;
  if (homeList.length === 0 && estateOptions.length === 0) {
    return <Result status="info" title={t('complaints.submit.noPlace')} subTitle={t('complaints.submit.noPlaceHint')} />;
  }

  async function next() {
    try {
      await form.validateFields(STEP_FIELDS[step](form.getFieldsValue(true)));
    } catch {
      return;
    }
    setFailure(null);
    setStep((s) => Math.min(s + 1, LAST_STEP));
  }

  async function submit() {
    try {
      await form.validateFields();
    } catch (info) {
      const names = ((info as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? []).map((f) => String(f.name[0]));
      setStep(Math.min(...names.map(stepOfField), 1));
      return;
    }
    const values = form.getFieldsValue(true) as SubmitValues;
    const body = requestBody(values, places.estateOf(values), files);
    if (!body) {
      setStep(0);
      return;
    }
    setSubmitting(true);
    setFailure(null);
    setFilesError(null);
    try {
      const created = await submitRequest(body);
      queryClient.setQueryData(complaintsKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['complaints', 'list'] });
      message.success(t('complaints.submit.done', { number: created.number }));
      navigate(`/requests/${created.id}`, { replace: true });
    } catch (error) {
      // Field errors go under their fields (and show their step); refused photos under the photos;
      // the rest (a near-duplicate with its links, a limit...) above the steps.
      const fileMessages = isApiError(error) ? (error.fields.files ?? []) : [];
      if (fileMessages.length) setFilesError(fileMessages.join(' '));
      const { mapped, unmapped } = applyFieldErrors(form, error, {
        place: 'place_type',
        preferred_visit_from: 'visit_day',
        preferred_visit_to: 'visit_slot',
      });
      const rest = unmapped.filter((m) => !fileMessages.includes(m));
      if (mapped.length || fileMessages.length) setStep(Math.min(...mapped.map(stepOfField), 1));
      const text = rest.length ? rest.join(' ') : mapped.length || fileMessages.length ? null : complaintsErrorMessage(error, t);
      if (text) setFailure({ text, duplicates: error instanceof ComplaintsApiError ? error.duplicates : [] });
    } finally {
      setSubmitting(false);
    }
  }

  const values = form.getFieldsValue(true) as Partial<SubmitValues>;

  return (
    <Flex vertical gap={space.md} style={COLUMN}>
      <PageTitle>{t('complaints.submit.title')}</PageTitle>
      {hasCapability(me, 'complaints.handle') && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              {t('complaints.submit.staffHint')} <Link to="/desk?record=1">{t('complaints.desk.recordForResident')}</Link>
            </span>
          }
        />
      )}
      <Steps
        current={step}
        size="small"
        responsive={false}
        titlePlacement="vertical"
        items={[
          { title: t('complaints.submit.step1') },
          { title: t('complaints.submit.step2') },
          { title: t('complaints.submit.step3') },
        ]}
      />
      {failure && <SubmitFailure failure={failure} />}
      <Form<SubmitValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ emergency: false, place_type: 'unit' }}
      >
        <WhatStep form={form} shown={step === 0} />
        <WhereStep form={form} shown={step === 1} places={places} files={files} onFiles={setFiles} filesError={filesError} />
        <ReviewStep shown={step === 2} values={values} place={places.placeLabel(values)} files={files} />
        <StepNav step={step} submitting={submitting} onBack={() => setStep((s) => s - 1)} onNext={next} onSubmit={submit} />
      </Form>
    </Flex>
  );
}

/** Why the submission failed; a near-duplicate links the earlier requests to follow instead. */
function SubmitFailure({ failure }: { failure: Failure }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="submit-error"
      title={failure.text}
      description={
        failure.duplicates.length > 0 ? (
          <Flex gap={space.sm} wrap>
            {failure.duplicates.map((number) => (
              <Link key={number} to={`/requests?search=${encodeURIComponent(number)}`}>
                {number}
              </Link>
            ))}
          </Flex>
        ) : undefined
      }
    />
  );
}

const COLUMN = { maxWidth: 680, margin: '0 auto', width: '100%' } as const;
