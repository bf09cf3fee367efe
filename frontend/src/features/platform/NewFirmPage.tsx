/**
 * Onboarding a firm in three steps (firm, contact & first admin, review), then
 * watching its provisioning until it is ready or has failed.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Space, Steps, Typography } from 'antd';
import type { FormRule } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import type { Firm, FirmCreate, SlugAvailability } from '../../api/types';
import { ButtonLink } from '../../app/ButtonLink';
import { errorMessage } from '../../app/errors';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useSite } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { emailRules, requiredRule, trimEmail } from '../auth/rules';
import { checkSlug, createFirm, firmsQueryKey, slugQueryKey, useFirm } from './api';
import { ProvisioningStatus } from './ProvisioningStatus';
import { firmHost, isValidSlug, normaliseSlug, SLUG_PROBLEM_MESSAGES, slugProblem } from './slug';
import { gapBelow } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

type FieldName = keyof FirmCreate;

export const WIZARD_STEPS: readonly { title: MessageKey; fields: readonly FieldName[] }[] = [
  { title: 'wizard.step1', fields: ['name', 'slug'] },
  { title: 'wizard.step2', fields: ['contact_name', 'contact_email', 'contact_phone', 'admin_name', 'admin_email'] },
  { title: 'wizard.step3', fields: [] },
];

const PHONE_PATTERN = /^\+?[0-9][0-9\s-]{4,19}$/;

export function slugRule(t: TFunction): FormRule {
  return {
    validator(_, value: string | undefined) {
      const problem = slugProblem(value);
      return problem ? Promise.reject(new Error(t(SLUG_PROBLEM_MESSAGES[problem], { slug: value ?? '' }))) : Promise.resolve();
    },
  };
}

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(id);
  }, [value, delay]);
  return debounced;
}

function SlugAvailabilityHint({ slug }: { slug: string }) {
  const t = useT();
  const debounced = useDebounced(slug, 350);
  const check = useQuery({
    queryKey: slugQueryKey(debounced),
    queryFn: ({ signal }) => checkSlug(debounced, signal),
    enabled: isValidSlug(debounced),
    staleTime: 10_000,
    retry: false,
  });
  if (!isValidSlug(slug)) return null;
  if (slug !== debounced || check.isFetching) {
    return (
      <span data-testid="slug-availability" data-available="checking">
        <LoadingOutlined /> {t('wizard.slugChecking')}
      </span>
    );
  }
  if (!check.data) return null;
  return check.data.available ? (
    <Typography.Text type="success" data-testid="slug-availability" data-available="true">
      <CheckCircleFilled /> {t('wizard.slugAvailable')}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" data-testid="slug-availability" data-available="false">
      <CloseCircleFilled /> {t('wizard.slugUnavailable', { reason: check.data.reason })}
    </Typography.Text>
  );
}

function ProvisioningView({ created, onAnother }: { created: Firm; onAnother: () => void }) {
  const t = useT();
  const { data: firm = created } = useFirm(created.id, created);
  return (
    <ProvisioningStatus
      firm={firm}
      extra={
        firm.provisioning_status === 'pending' ? undefined : (
          <Space wrap>
            <ButtonLink to={`/platform/firms/${firm.id}`} type="primary">
              {t('wizard.toDetail')}
            </ButtonLink>
            <ButtonLink to="/platform/firms">{t('wizard.toList')}</ButtonLink>
            <Button onClick={onAnother}>{t('wizard.createAnother')}</Button>
          </Space>
        )
      }
    />
  );
}

export default function NewFirmPage() {
  const t = useT();
  const { data: site } = useSite();
  const baseDomain = site?.base_domain ?? '';
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FirmCreate>();
  const [step, setStep] = useState(0);
  const [checking, setChecking] = useState(false);
  const [created, setCreated] = useState<Firm | null>(null);
  const wizard = useFormModal<FirmCreate, Firm>({
    form,
    submit: (values) =>
      createFirm({
        ...values,
        name: values.name.trim(),
        contact_name: values.contact_name?.trim() ?? '',
        contact_email: values.contact_email?.trim() ?? '',
        contact_phone: values.contact_phone?.trim() ?? '',
        admin_name: values.admin_name?.trim() ?? '',
        admin_email: values.admin_email.trim(),
      }),
    reset: false,
    onInvalid: (fields) => setStep(stepOf(fields)),
    describe: (error, message) => {
      if (isApiError(error) && error.code === 'slug_taken' && !error.fields.slug) {
        form.setFields([{ name: 'slug', errors: [errorMessage(error, t)] }]);
        setStep(0);
        return null;
      }
      if (isApiError(error)) {
        const withErrors = form
          .getFieldsError()
          .filter((f) => f.errors.length)
          .map((f) => String(f.name[0]));
        if (withErrors.length) setStep(stepOf(withErrors));
      }
      return message;
    },
    onSuccess: (firm) => {
      void queryClient.invalidateQueries({ queryKey: firmsQueryKey() });
      setCreated(firm);
    },
  });
  const { submitting, submit } = wizard;
  const slug = Form.useWatch('slug', form) ?? '';
  useDocumentTitle(t('wizard.title'));

  /** The step to show for a set of fields with errors: the first one holding any. */
  function stepOf(fields: readonly string[]): number {
    const index = WIZARD_STEPS.findIndex((s) => s.fields.some((f) => fields.includes(f)));
    return index === -1 ? step : index;
  }

  async function slugIsFree(value: string): Promise<boolean> {
    let result: SlugAvailability;
    try {
      result = await queryClient.fetchQuery({
        queryKey: slugQueryKey(value),
        queryFn: ({ signal }) => checkSlug(value, signal),
        staleTime: 10_000,
      });
    } catch {
      // The check is a courtesy: the create call checks again and answers 409.
      return true;
    }
    if (!result.available) {
      form.setFields([{ name: 'slug', errors: [t('wizard.slugUnavailable', { reason: result.reason })] }]);
    }
    return result.available;
  }

  async function next() {
    wizard.clearFailure();
    try {
      await form.validateFields([...WIZARD_STEPS[step].fields]);
    } catch {
      return;
    }
    if (step === 0) {
      setChecking(true);
      const free = await slugIsFree(form.getFieldValue('slug'));
      setChecking(false);
      if (!free) return;
    }
    setStep((s) => Math.min(s + 1, WIZARD_STEPS.length - 1));
  }

  function startOver() {
    form.resetFields();
    setCreated(null);
    setStep(0);
  }

  const values = form.getFieldsValue(true) as Partial<FirmCreate>;
  const host = firmHost(slug, baseDomain);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <PageTitle>{t('wizard.title')}</PageTitle>
      <Card>
        {created ? (
          <ProvisioningView created={created} onAnother={startOver} />
        ) : (
          <>
            <Steps
              current={step}
              size="small"
              responsive
              style={{ marginBottom: 24 }}
              items={WIZARD_STEPS.map((s) => ({ title: t(s.title) }))}
            />
            <FormFailure message={wizard.failure} testId="form-error" />
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              disabled={submitting}
              onKeyDown={(event) => {
                // Enter moves on a step instead of submitting (and validating) the whole form.
                if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
                  event.preventDefault();
                  void (step < WIZARD_STEPS.length - 1 ? next() : submit());
                }
              }}
            >
              {/* Every step stays mounted (hidden when not current) so server errors can land on any field. */}
              <div hidden={step !== 0}>
                <Form.Item name="name" label={t('field.name')} rules={[requiredRule(t, 'field.name')]}>
                  <Input data-testid="field-name" autoComplete="organization" maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="slug"
                  label={t('field.slug')}
                  normalize={normaliseSlug}
                  rules={[slugRule(t)]}
                  extra={
                    <Space orientation="vertical" size={0}>
                      <span>{t('wizard.slugHelp')}</span>
                      <span data-testid="slug-preview">{t('wizard.slugPreview', { host })}</span>
                      <SlugAvailabilityHint slug={slug} />
                    </Space>
                  }
                >
                  <Input
                    data-testid="field-slug"
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    maxLength={40}
                    suffix={<Typography.Text type="secondary">.{baseDomain}</Typography.Text>}
                  />
                </Form.Item>
              </div>
              <div hidden={step !== 1}>
                <Form.Item name="contact_name" label={t('field.contact_name')} rules={[requiredRule(t, 'field.contact_name')]}>
                  <Input data-testid="field-contact_name" autoComplete="off" />
                </Form.Item>
                <Form.Item
                  name="contact_email"
                  label={t('field.contact_email')}
                  normalize={trimEmail}
                  rules={[{ type: 'email', message: t('validation.email') }]}
                >
                  <Input data-testid="field-contact_email" inputMode="email" autoComplete="off" />
                </Form.Item>
                <Form.Item
                  name="contact_phone"
                  label={t('field.contact_phone')}
                  rules={[{ pattern: PHONE_PATTERN, message: t('validation.phone') }]}
                >
                  <Input data-testid="field-contact_phone" inputMode="tel" autoComplete="off" />
                </Form.Item>
                <Alert type="info" showIcon title={t('wizard.adminHint')} style={gapBelow} />
                <Form.Item name="admin_name" label={t('field.admin_name')} rules={[requiredRule(t, 'field.admin_name')]}>
                  <Input data-testid="field-admin_name" autoComplete="off" />
                </Form.Item>
                <Form.Item
                  name="admin_email"
                  label={t('field.admin_email')}
                  normalize={trimEmail}
                  rules={emailRules(t, 'field.admin_email')}
                >
                  <Input data-testid="field-admin_email" inputMode="email" autoComplete="off" />
                </Form.Item>
              </div>
              {step === 2 && (
                <div data-testid="wizard-review">
                  <Typography.Paragraph type="secondary">{t('wizard.reviewHint')}</Typography.Paragraph>
                  <Descriptions
                    bordered
                    column={1}
                    size="small"
                    style={{ marginBottom: 24 }}
                    items={[
                      { key: 'name', label: t('field.name'), children: values.name },
                      { key: 'host', label: t('firms.domain'), children: firmHost(values.slug ?? '', baseDomain) },
                      { key: 'contact_name', label: t('field.contact_name'), children: values.contact_name },
                      {
                        key: 'contact_email',
                        label: t('field.contact_email'),
                        children: values.contact_email || t('common.none'),
                      },
                      {
                        key: 'contact_phone',
                        label: t('field.contact_phone'),
                        children: values.contact_phone || t('common.none'),
                      },
                      { key: 'admin_name', label: t('field.admin_name'), children: values.admin_name },
                      { key: 'admin_email', label: t('field.admin_email'), children: values.admin_email },
                    ]}
                  />
                </div>
              )}
              <Flex gap={8} justify="space-between" wrap>
                <Button
                  data-testid="wizard-prev"
                  disabled={step === 0 || submitting}
                  onClick={() => {
                    wizard.clearFailure();
                    setStep((s) => Math.max(0, s - 1));
                  }}
                >
                  {t('wizard.prev')}
                </Button>
                {step < WIZARD_STEPS.length - 1 ? (
                  <Button data-testid="wizard-next" type="primary" loading={checking} onClick={() => void next()}>
                    {t('wizard.next')}
                  </Button>
                ) : (
                  <Button data-testid="wizard-submit" type="primary" loading={submitting} onClick={() => void submit()}>
                    {t('wizard.submit')}
                  </Button>
                )}
              </Flex>
            </Form>
          </>
        )}
      </Card>
    </Space>
  );
}
