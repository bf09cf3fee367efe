/**
 * "我要报事": a resident reports a repair, complaint or suggestion in three steps, each one
 * screen with big targets (elder mode ×1.5 included): 1 what (./submit/WhatStep), 2 where and
 * what happened with photos (./submit/WhereStep), 3 review (./submit/ReviewStep), then submit.
 * Submission is multipart so photos go with it; then the detail. The page's one idempotency
 * key goes with every send: pressing submit again after an error that came after the request
 * was saved (a database restart, a lost answer) finds that request instead of making a second.
 *
 * Plain markup (src/app/plain/: steps, fields, switch, alerts drawn like antd's; the form's
 * state in ./submit/useSubmitForm): the screen a resident opens most loads no antd.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/formErrors';
import { PlainAlert, PlainSteps } from '../../app/plain/controls';
import { toast } from '../../app/plain/toast';
import { hasCapability, useMe } from '../../app/session';
import { FullPageSpinner, LoadError, StatusResult } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { ComplaintsApiError, complaintsKeys, submitRequest } from './api';
import { LAST_STEP, requestBody, STEP_FIELDS, stepOfField, type SubmitValues } from './submit/model';
import { ReviewStep } from './submit/ReviewStep';
import { StepNav } from './submit/StepNav';
import { usePlaces } from './submit/usePlaces';
import { useSubmitForm } from './submit/useSubmitForm';
import { WhatStep } from './submit/WhatStep';
import { WhereStep } from './submit/WhereStep';
import { newClientKey } from './clientKey';
import { complaintsErrorMessage } from './ui';

interface Failure {
  text: string;
  /** Earlier requests a near-duplicate points to. */
  duplicates: string[];
}

/** Every field the form holds, in its order (for the server's field errors). */
const ALL_FIELDS: (keyof SubmitValues)[] = [
  'kind',
  'category',
  'emergency',
  'place_type',
  'unit',
  'estate',
  'common_area',
  'description',
  'visit_day',
  'visit_slot',
];

export default function SubmitPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  useDocumentTitle(t('complaints.submit.title'));
  const form = useSubmitForm();
  const [step, setStep] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [clientKey] = useState(newClientKey);
  const places = usePlaces(form);
  const { homes, homesReady, estates, homeList, estateOptions } = places;

  if (!homesReady && !homes.isError) return <FullPageSpinner />;
  if (homes.isError) return <LoadError error={homes.error} onRetry={() => homes.refetch()} />;
  if (estates.isPending && homeList.length === 0) return <FullPageSpinner />;
  if (homeList.length === 0 && estateOptions.length === 0) {
    // plain markup: antd's Result would add ~9 kB to the page a resident opens most
    return <StatusResult mark="i" title={t('complaints.submit.noPlace')} subTitle={t('complaints.submit.noPlaceHint')} />;
  }

  const shape = { hasHomes: homeList.length > 0, manyEstates: estateOptions.length > 1 };
  const values = form.values;

  function next() {
    if (form.validate(STEP_FIELDS[step](values), shape).length) return;
    setFailure(null);
    setStep((s) => Math.min(s + 1, LAST_STEP));
  }

  async function submit() {
    const failed = form.validate(ALL_FIELDS, shape);
    if (failed.length) {
      setStep(Math.min(...failed.map(stepOfField), 1));
      return;
    }
    const body = requestBody(values, places.estateOf(values), files);
    if (!body) {
      setStep(0);
      return;
    }
    body.append('client_key', clientKey);
    setSubmitting(true);
    setFailure(null);
    setFilesError(null);
    try {
      const created = await submitRequest(body);
      queryClient.setQueryData(complaintsKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['complaints', 'list'] });
      toast(t('complaints.submit.done', { number: created.number }));
      navigate(`/requests/${created.id}`, { replace: true });
    } catch (error) {
      // Field errors go under their fields (and show their step); refused photos under the photos;
      // the rest (a near-duplicate with its links, a limit...) above the steps.
      const fileMessages = isApiError(error) ? (error.fields.files ?? []) : [];
      if (fileMessages.length) setFilesError(fileMessages.join(' '));
      const serverErrors: Partial<Record<keyof SubmitValues, string>> = {};
      const { mapped, unmapped } = applyFieldErrors(
        {
          getFieldsError: () => ALL_FIELDS.map((name) => ({ name: [name], errors: [], warnings: [] })),
          setFields: (fields) => {
            for (const field of fields) serverErrors[field.name as keyof SubmitValues] = (field.errors ?? []).join(' ');
          },
        },
        error,
        { place: 'place_type', preferred_visit_from: 'visit_day', preferred_visit_to: 'visit_slot' },
      );
      if (mapped.length) form.setErrors((current) => ({ ...current, ...serverErrors }));
      const rest = unmapped.filter((m) => !fileMessages.includes(m));
      if (mapped.length || fileMessages.length) setStep(Math.min(...mapped.map(stepOfField), 1));
      const text = rest.length ? rest.join(' ') : mapped.length || fileMessages.length ? null : complaintsErrorMessage(error, t);
      if (text) setFailure({ text, duplicates: error instanceof ComplaintsApiError ? error.duplicates : [] });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div style={COLUMN}>
      <h2 className="p-page-title">{t('complaints.submit.title')}</h2>
      {hasCapability(me, 'complaints.handle') && (
        <PlainAlert
          type="info"
          announce={false}
          title={
            <span>
              {t('complaints.submit.staffHint')}{' '}
              <Link to="/desk?record=1" className="p-link">
                {t('complaints.desk.recordForResident')}
              </Link>
            </span>
          }
        />
      )}
      <PlainSteps
        current={step}
        label={t('complaints.submit.title')}
        titles={[t('complaints.submit.step1'), t('complaints.submit.step2'), t('complaints.submit.step3')]}
      />
      {failure && <SubmitFailure failure={failure} />}
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <WhatStep form={form} shown={step === 0} />
        <WhereStep form={form} shown={step === 1} places={places} files={files} onFiles={setFiles} filesError={filesError} />
        <ReviewStep shown={step === 2} values={values} place={places.placeLabel(values)} files={files} />
        <StepNav step={step} submitting={submitting} onBack={() => setStep((s) => s - 1)} onNext={next} onSubmit={submit} />
      </form>
    </div>
  );
}

/** Why the submission failed; a near-duplicate links the earlier requests to follow instead. */
function SubmitFailure({ failure }: { failure: Failure }) {
  return (
    <PlainAlert
      type="error"
      testId="submit-error"
      title={failure.text}
      description={
        failure.duplicates.length > 0 ? (
          <span style={{ display: 'flex', flexWrap: 'wrap', gap: space.sm }}>
            {failure.duplicates.map((number) => (
              <Link key={number} to={`/requests?search=${encodeURIComponent(number)}`} className="p-link">
                {number}
              </Link>
            ))}
          </span>
        ) : undefined
      }
    />
  );
}

const COLUMN = {
  display: 'flex',
  flexDirection: 'column',
  gap: space.md,
  maxWidth: 680,
  margin: '0 auto',
  width: '100%',
} as const;
