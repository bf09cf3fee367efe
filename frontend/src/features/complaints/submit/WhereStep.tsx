/** Step 2: where (one of the resident's units, or a common area of an estate) and what happened, with photos. */
import { useId } from 'react';
import EnvironmentOutlined from '@ant-design/icons-svg/es/asn/EnvironmentOutlined';
import HomeOutlined from '@ant-design/icons-svg/es/asn/HomeOutlined';
import { PlainAlert, PlainItem, PlainTextArea } from '../../../app/plain/controls';
import { PlainIcon } from '../../../app/plain/PlainIcon';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { PhotoPicker } from '../PhotoPicker';
import { complaintsErrorMessage } from '../ui';
import type { PlaceType } from './model';
import { VisitFields } from './VisitFields';
import { StepCard } from './StepCard';
import type { Places } from './usePlaces';
import type { SubmitForm } from './useSubmitForm';

export function WhereStep({
  shown,
  places,
  files,
  onFiles,
  filesError,
  form,
}: {
  form: SubmitForm;
  shown: boolean;
  places: Places;
  files: File[];
  onFiles: (files: File[]) => void;
  filesError: string | null;
}) {
  const t = useT();
  const id = useId();
  const { values, errors, set } = form;
  const { homeList, estateOptions, placeType, commonAreas } = places;
  const descriptionId = `${id}-description`;
  return (
    <StepCard shown={shown} testId="request-step-2">
      {homeList.length > 0 && (
        <PlainItem label={<strong>{t('complaints.submit.whereQuestion')}</strong>} error={errors.place_type}>
          <BigChoice<PlaceType>
            testId="field-place_type"
            label={t('complaints.field.place')}
            compact
            value={values.place_type}
            onChange={(value) => set('place_type', value)}
            options={[
              { value: 'unit', label: t('complaints.submit.placeUnit'), icon: <PlainIcon icon={HomeOutlined} /> },
              {
                value: 'common_area',
                label: t('complaints.submit.placeCommon'),
                icon: <PlainIcon icon={EnvironmentOutlined} />,
              },
            ]}
          />
        </PlainItem>
      )}
      {placeType === 'unit' ? (
        <PlainItem label={t('complaints.field.unit')} error={errors.unit}>
          <BigChoice<number>
            testId="field-unit"
            label={t('complaints.field.unit')}
            compact
            minWidth="8em"
            value={values.unit}
            onChange={(value) => set('unit', value)}
            options={homeList.map((h) => ({ value: h.unit, label: h.label }))}
          />
        </PlainItem>
      ) : (
        <>
          {estateOptions.length > 1 && (
            <PlainItem label={t('complaints.field.estate')} error={errors.estate}>
              <BigChoice<number>
                testId="field-estate"
                label={t('complaints.field.estate')}
                compact
                minWidth="8em"
                value={values.estate}
                onChange={(value) => set('estate', value, { common_area: undefined })}
                options={estateOptions.map((e) => ({ value: e.id, label: e.name }))}
              />
            </PlainItem>
          )}
          <PlainItem label={t('complaints.field.common_area')} error={errors.common_area}>
            {commonAreas.isError ? (
              <PlainAlert type="error" title={complaintsErrorMessage(commonAreas.error, t)} />
            ) : (
              <BigChoice<number>
                testId="field-common_area"
                label={t('complaints.field.common_area')}
                compact
                minWidth="7em"
                value={values.common_area}
                onChange={(value) => set('common_area', value)}
                options={(commonAreas.data?.results ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            )}
          </PlainItem>
        </>
      )}
      <PlainItem
        label={<strong>{t('complaints.submit.whatQuestion')}</strong>}
        htmlFor={descriptionId}
        error={errors.description}
        errorId={`${descriptionId}-error`}
      >
        <PlainTextArea
          id={descriptionId}
          testId="field-description"
          rows={4}
          maxLength={2000}
          value={values.description ?? ''}
          onValue={(value) => set('description', value)}
          invalid={!!errors.description}
          aria-describedby={errors.description ? `${descriptionId}-error` : undefined}
          placeholder={t('complaints.submit.descriptionPlaceholder')}
        />
      </PlainItem>
      {values.kind === 'repair' && <VisitFields form={form} />}
      <PlainItem label={t('complaints.field.photos')} last>
        <PhotoPicker files={files} onChange={onFiles} testId="request-files" error={filesError} />
      </PlainItem>
    </StepCard>
  );
}
