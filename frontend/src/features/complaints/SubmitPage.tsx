/**
 * "我要报事": a resident reports a repair, complaint or suggestion in three steps, each one
 * screen with big targets (elder mode ×1.5 included): 1 what, 2 where and what happened (with
 * photos), 3 review and submit. Submission is multipart so photos go with it; then the detail.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Steps, Switch, Typography } from 'antd';
import { BulbOutlined, EnvironmentOutlined, HomeOutlined, MessageOutlined, ToolOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/formErrors';
import { hasCapability, useMe } from '../../app/session';
import { FullPageSpinner, LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { useCommonAreas, useEstateChoices, useHomePlaces } from '../estates/api';
import { ComplaintsApiError, complaintsKeys, submitRequest } from './api';
import { BigChoice } from './BigChoice';
import { PhotoPicker, Thumbs } from './PhotoPicker';
import { CATEGORIES, KINDS, type Category, type RequestKind } from './types';
import { categoryLabel, complaintsErrorMessage, kindLabel } from './ui';

type PlaceType = 'unit' | 'common_area';

export interface SubmitValues {
  kind?: RequestKind;
  category?: Category;
  emergency: boolean;
  place_type: PlaceType;
  unit?: number;
  estate?: number;
  common_area?: number;
  description?: string;
}

const KIND_ICONS: Record<RequestKind, ReactNode> = {
  repair: <ToolOutlined />,
  complaint: <MessageOutlined />,
  suggestion: <BulbOutlined />,
};

const STEP_FIELDS: Record<number, (values: Partial<SubmitValues>) => (keyof SubmitValues)[]> = {
  0: () => ['kind', 'category'],
  1: (v) =>
    v.place_type === 'unit' ? ['place_type', 'unit', 'description'] : ['place_type', 'estate', 'common_area', 'description'],
};

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
  const [failure, setFailure] = useState<{ text: string; duplicates: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Only residents (home.view) have homes; staff and others report for a common area.
  const canHaveHome = hasCapability(me, 'home.view');
  const homes = useHomePlaces(canHaveHome);
  const homesReady = !canHaveHome || homes.isSuccess;
  const estates = useEstateChoices();
  const homeList = useMemo(() => (canHaveHome ? (homes.data ?? []) : []), [canHaveHome, homes.data]);
  const estateOptions = useMemo(() => {
    if (estates.data?.length) return estates.data.map((e) => ({ id: e.id, name: e.name }));
    const seen = new Map<number, string>();
    for (const h of homeList) seen.set(h.estate, h.estateName);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [estates.data, homeList]);

  const kind = Form.useWatch('kind', { form, preserve: true });
  const placeType = Form.useWatch('place_type', { form, preserve: true }) ?? 'unit';
  const chosenEstate = Form.useWatch('estate', { form, preserve: true });
  const commonAreas = useCommonAreas(placeType === 'common_area' ? chosenEstate : undefined);

  // Defaults once we know the user's homes: their only unit, or a common area when they have none.
  useEffect(() => {
    if (!homesReady) return;
    if (homeList.length === 0) form.setFieldValue('place_type', 'common_area');
    else if (homeList.length === 1 && form.getFieldValue('unit') === undefined) form.setFieldValue('unit', homeList[0].unit);
  }, [homesReady, homeList, form]);
  useEffect(() => {
    if (estateOptions.length === 1 && form.getFieldValue('estate') === undefined)
      form.setFieldValue('estate', estateOptions[0].id);
  }, [estateOptions, form]);

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
    setStep((s) => Math.min(s + 1, 2));
  }

  function placeLabel(values: Partial<SubmitValues>): string {
    if (values.place_type === 'unit') return homeList.find((h) => h.unit === values.unit)?.label ?? '';
    const area = commonAreas.data?.results.find((a) => a.id === values.common_area)?.name ?? '';
    const estate = estateOptions.length > 1 ? estateOptions.find((e) => e.id === values.estate)?.name : '';
    return [estate, area].filter(Boolean).join(' · ');
  }

  async function submit() {
    try {
      await form.validateFields();
    } catch (info) {
      const names = ((info as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? []).map((f) => String(f.name[0]));
      setStep(names.some((n) => n === 'kind' || n === 'category') ? 0 : 1);
      return;
    }
    const values = form.getFieldsValue(true) as SubmitValues;
    const estate = values.place_type === 'unit' ? homeList.find((h) => h.unit === values.unit)?.estate : values.estate;
    if (!values.kind || !values.category || !values.description || !estate) {
      setStep(0);
      return;
    }
    const body = new FormData();
    body.append('estate', String(estate));
    body.append('kind', values.kind);
    body.append('category', values.category);
    body.append('urgency', values.emergency ? 'emergency' : 'normal');
    if (values.place_type === 'unit' && values.unit) body.append('unit', String(values.unit));
    if (values.place_type === 'common_area' && values.common_area) body.append('common_area', String(values.common_area));
    body.append('description', values.description.trim());
    body.append('channel', 'web');
    for (const file of files) body.append('files', file, file.name);

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
      const fileMessages = isApiError(error) ? (error.fields.files ?? []) : [];
      if (fileMessages.length) setFilesError(fileMessages.join(' '));
      const { mapped, unmapped } = applyFieldErrors(form, error, { place: 'place_type' });
      const rest = unmapped.filter((m) => !fileMessages.includes(m));
      if (mapped.some((name) => name === 'kind' || name === 'category')) setStep(0);
      else if (mapped.length || fileMessages.length) setStep(1);
      const text = rest.length ? rest.join(' ') : mapped.length || fileMessages.length ? null : complaintsErrorMessage(error, t);
      if (text) {
        setFailure({ text, duplicates: error instanceof ComplaintsApiError ? error.duplicates : [] });
      }
    } finally {
      setSubmitting(false);
    }
  }

  const values = form.getFieldsValue(true) as Partial<SubmitValues>;
  const required = (field: string) => ({ required: true, message: t('complaints.validation.choose', { field }) });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 680, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('complaints.submit.title')}
      </Typography.Title>
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
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="submit-error"
          title={failure.text}
          description={
            failure.duplicates.length > 0 ? (
              <Flex gap={8} wrap>
                {failure.duplicates.map((number) => (
                  <Link key={number} to={`/requests?search=${encodeURIComponent(number)}`}>
                    {number}
                  </Link>
                ))}
              </Flex>
            ) : undefined
          }
        />
      )}
      <Form<SubmitValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ emergency: false, place_type: 'unit' }}
      >
        {/* step 1: what */}
        <Card style={{ display: step === 0 ? undefined : 'none' }} data-testid="request-step-1">
          <Form.Item
            name="kind"
            label={<strong>{t('complaints.submit.kindQuestion')}</strong>}
            rules={[required(t('complaints.field.kind'))]}
          >
            <BigChoice<RequestKind>
              testId="field-kind"
              label={t('complaints.field.kind')}
              options={KINDS.map((k) => ({
                value: k,
                label: kindLabel(t, k),
                icon: KIND_ICONS[k],
                hint: t(`complaints.kindHint.${k}`),
              }))}
              onChange={(k) => {
                // Form.Item stores the kind; a repair is most likely in the repair category.
                if (k === 'repair' && !form.getFieldValue('category')) form.setFieldValue('category', 'repair');
              }}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={<strong>{t('complaints.field.category')}</strong>}
            rules={[required(t('complaints.field.category'))]}
          >
            <BigChoice<Category>
              testId="field-category"
              label={t('complaints.field.category')}
              compact
              minWidth="5em"
              options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            />
          </Form.Item>
          <Form.Item name="emergency" valuePropName="checked" style={{ marginBottom: 0 }}>
            <EmergencySwitch label={t('complaints.submit.emergency')} hint={t('complaints.submit.emergencyHint')} />
          </Form.Item>
          {kind === 'complaint' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('complaints.submit.complaintHint')}
            </Typography.Paragraph>
          )}
        </Card>

        {/* step 2: where and what happened */}
        <Card style={{ display: step === 1 ? undefined : 'none' }} data-testid="request-step-2">
          {homeList.length > 0 && (
            <Form.Item
              name="place_type"
              label={<strong>{t('complaints.submit.whereQuestion')}</strong>}
              rules={[required(t('complaints.field.place'))]}
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
            <Form.Item name="unit" label={t('complaints.field.unit')} rules={[required(t('complaints.field.unit'))]}>
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
                <Form.Item name="estate" label={t('complaints.field.estate')} rules={[required(t('complaints.field.estate'))]}>
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
                rules={[required(t('complaints.field.common_area'))]}
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
          <Form.Item label={t('complaints.field.photos')} style={{ marginBottom: 0 }}>
            <PhotoPicker files={files} onChange={setFiles} testId="request-files" error={filesError} />
          </Form.Item>
        </Card>

        {/* step 3: review */}
        <Card style={{ display: step === 2 ? undefined : 'none' }} data-testid="request-step-3">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('complaints.submit.reviewTitle')}
          </Typography.Title>
          <dl
            data-testid="request-review"
            style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '8px 16px', margin: 0 }}
          >
            <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{t('complaints.field.kind')}</dt>
            <dd style={{ margin: 0 }}>
              {values.kind ? kindLabel(t, values.kind) : ''}
              {values.category ? ` · ${categoryLabel(t, values.category)}` : ''}
              {values.emergency ? ` · ${t('complaints.urgency.emergency')}` : ''}
            </dd>
            <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{t('complaints.field.place')}</dt>
            <dd style={{ margin: 0 }}>{placeLabel(values)}</dd>
            <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{t('complaints.field.description')}</dt>
            <dd style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{values.description}</dd>
            <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{t('complaints.field.photos')}</dt>
            <dd style={{ margin: 0 }}>
              {files.length ? <Thumbs files={files} /> : t('complaints.submit.photoCount', { count: 0 })}
            </dd>
          </dl>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('complaints.submit.reviewHint')}
          </Typography.Paragraph>
        </Card>

        <Flex gap={12} style={{ marginTop: 16 }}>
          {step > 0 && (
            <Button
              size="large"
              data-testid="request-back"
              onClick={() => setStep((s) => s - 1)}
              style={{ flex: 1, height: '3em' }}
            >
              {t('complaints.submit.back')}
            </Button>
          )}
          {step < 2 ? (
            <Button type="primary" size="large" data-testid="request-next" onClick={next} style={{ flex: 2, height: '3em' }}>
              {t('complaints.submit.next')}
            </Button>
          ) : (
            <Button
              type="primary"
              size="large"
              data-testid="request-submit"
              loading={submitting}
              onClick={submit}
              style={{ flex: 2, height: '3em' }}
            >
              {t('complaints.submit.submit')}
            </Button>
          )}
        </Flex>
      </Form>
    </Flex>
  );
}

function EmergencySwitch({
  checked,
  onChange,
  label,
  hint,
}: {
  checked?: boolean;
  onChange?: (checked: boolean) => void;
  label: string;
  hint: string;
}) {
  // The whole box is the target (big, for elderly fingers); the switch itself stays the control.
  return (
    <div
      onClick={() => onChange?.(!checked)}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '0.75em 1em',
        borderRadius: 10,
        border: `2px solid ${checked ? '#ff4d4f' : '#d9d9d9'}`,
        background: checked ? '#fff1f0' : '#fff',
        cursor: 'pointer',
      }}
    >
      <Switch
        data-testid="field-urgency"
        aria-label={label}
        checked={!!checked}
        onChange={(value) => onChange?.(value)}
        onClick={(_, event) => event.stopPropagation()}
        style={checked ? { background: '#ff4d4f' } : undefined}
      />
      <span style={{ display: 'flex', flexDirection: 'column' }}>
        <strong style={{ color: checked ? '#cf1322' : undefined }}>{label}</strong>
        <span style={{ fontSize: '0.85em', color: 'rgba(0,0,0,0.55)' }}>{hint}</span>
      </span>
    </div>
  );
}
