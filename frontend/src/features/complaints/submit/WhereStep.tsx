/** Step 2: where (one of the resident's units, or a common area of an estate) and what happened, with photos. */
import { Alert, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { PhotoPicker } from '../PhotoPicker';
import { complaintsErrorMessage } from '../ui';
import type { PlaceType, SubmitValues } from './model';
import { VisitFields } from './VisitFields';
import { StepCard } from './StepCard';
import type { Places } from './usePlaces';
import { useChoiceRule } from './rules';

export function WhereStep({
  shown,
  places,
  files,
  onFiles,
  filesError,
  form,
}: {
  form: FormInstance<SubmitValues>;
  shown: boolean;
  places: Places;
  files: File[];
  onFiles: (files: File[]) => void;
  filesError: string | null;
}) {
  const t = useT();
  const required = useChoiceRule();
  const { homeList, estateOptions, placeType, commonAreas } = places;
  const kind = Form.useWatch('kind', form);
  return (
    <StepCard shown={shown} testId="request-step-2">
      {homeList.length > 0 && (
        <Form.Item
          name="place_type"
          label={<strong>{t('complaints.submit.whereQuestion')}</strong>}
          rules={[required('complaints.field.place')]}
        >
          <BigChoice<PlaceType>
            testId="field-place_type"
            label={t('complaints.field.place')}
            compact
            options={[
              { value: 'unit', label: t('complaints.submit.placeUnit'), icon: <HomeOutlined /> },
              { value: 'common_area', label: t('complaints.submit.placeCommon'), icon: <EnvironmentOutlined /> },
            ]}
          />
        </Form.Item>
      )}
      {placeType === 'unit' ? (
        <Form.Item name="unit" label={t('complaints.field.unit')} rules={[required('complaints.field.unit')]}>
          <BigChoice<number>
            testId="field-unit"
            label={t('complaints.field.unit')}
            compact
            minWidth="8em"
            options={homeList.map((h) => ({ value: h.unit, label: h.label }))}
          />
        </Form.Item>
      ) : (
        <>
          {estateOptions.length > 1 && (
            <Form.Item name="estate" label={t('complaints.field.estate')} rules={[required('complaints.field.estate')]}>
              <BigChoice<number>
                testId="field-estate"
                label={t('complaints.field.estate')}
                compact
                minWidth="8em"
                options={estateOptions.map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="common_area"
            label={t('complaints.field.common_area')}
            rules={[required('complaints.field.common_area')]}
          >
            {commonAreas.isError ? (
              <Alert type="error" title={complaintsErrorMessage(commonAreas.error, t)} />
            ) : (
              <BigChoice<number>
                testId="field-common_area"
                label={t('complaints.field.common_area')}
                compact
                minWidth="7em"
                options={(commonAreas.data?.results ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            )}
          </Form.Item>
        </>
      )}
      <Form.Item
        name="description"
        label={<strong>{t('complaints.submit.whatQuestion')}</strong>}
        rules={[
          { required: true, whitespace: true, message: t('complaints.validation.description') },
          { min: 4, message: t('complaints.validation.descriptionMin', { min: 4 }) },
        ]}
      >
        <Input.TextArea
          data-testid="field-description"
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('complaints.submit.descriptionPlaceholder')}
        />
      </Form.Item>
      {kind === 'repair' && <VisitFields form={form} />}
      <Form.Item label={t('complaints.field.photos')} style={LAST_ITEM}>
        <PhotoPicker files={files} onChange={onFiles} testId="request-files" error={filesError} />
      </Form.Item>
    </StepCard>
  );
}

const LAST_ITEM = { marginBottom: 0 } as const;
