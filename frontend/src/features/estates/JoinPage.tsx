/**
 * `/join/:code`: the page behind an estate's QR code, no login needed. A resident picks their
 * building and unit, says who they are and how they relate to the unit, and sends the claim for
 * the estate's staff to review. An unknown or rotated code says so plainly.
 */
import { useState } from 'react';
import { Button, Form, Input, Radio, Result, Select, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { LoadError } from '../../app/StatusPages';
import { useT } from '../../i18n';
import { AuthLayout } from '../auth/AuthLayout';
import { emailRules, requiredRule, trimEmail } from '../auth/rules';
import { submitJoin, useJoinInfo } from './api';
import { relationLabel } from './labels';
import { RELATIONS, type JoinRelation } from './types';

interface JoinValues {
  building: number;
  unit: number;
  full_name: string;
  phone: string;
  email: string;
  relation: JoinRelation;
}

const PHONE = /^\+?[0-9 -]{5,20}$/;

export default function JoinPage() {
  const t = useT();
  const { code = '' } = useParams();
  const info = useJoinInfo(code);
  const [done, setDone] = useState(false);
  const join = useFormModal<JoinValues>({
    submit: (values) =>
      submitJoin(code, {
        unit: values.unit,
        full_name: values.full_name.trim(),
        phone: values.phone.trim(),
        email: values.email.trim(),
        relation: values.relation,
      }),
    reset: false,
    onSuccess: () => setDone(true),
  });
  const { form, submitting } = join;
  const building = Form.useWatch('building', form);

  if (info.isPending) {
    return (
      <AuthLayout title={t('estates.joinPage.title')}>
        <div style={{ display: 'grid', placeItems: 'center', minHeight: 160 }} role="status">
          <Spin description={t('app.loading')} />
        </div>
      </AuthLayout>
    );
  }
  if (info.isError) {
    const invalid = isApiError(info.error) && info.error.status === 404;
    return (
      <AuthLayout title={t('estates.joinPage.title')}>
        {invalid ? (
          <Result
            status="warning"
            title={t('estates.joinPage.invalid')}
            subTitle={t('estates.joinPage.invalidHint')}
            data-testid="join-invalid"
          />
        ) : (
          <LoadError error={info.error} onRetry={() => info.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const estate = info.data;
  if (done) {
    return (
      <AuthLayout title={t('estates.joinPage.title')}>
        <Result
          status="success"
          title={t('estates.joinPage.thanks')}
          subTitle={t('estates.joinPage.thanksHint', { estate: estate.estate_name })}
          data-testid="join-done"
        />
      </AuthLayout>
    );
  }

  // 101, 102, … 1001 in the order residents count them, whatever order the server sends.
  const units = [...(estate.buildings.find((b) => b.id === building)?.units ?? [])].sort((a, b) =>
    a.number.localeCompare(b.number, 'zh-CN', { numeric: true }),
  );

  return (
    <AuthLayout title={t('estates.joinPage.title')}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="join-estate-name">
        {estate.estate_name}
      </Typography.Title>
      {estate.address && <Typography.Paragraph type="secondary">{estate.address}</Typography.Paragraph>}
      <Typography.Paragraph>{t('estates.joinPage.intro')}</Typography.Paragraph>
      <FormFailure message={join.failure} />
      <Form<JoinValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ relation: 'owner' }}
        onFinish={join.finish}
        disabled={submitting}
      >
        <Form.Item
          name="building"
          label={t('estates.unit.building')}
          rules={[{ required: true, message: t('estates.joinPage.chooseBuilding') }]}
        >
          <Select
            data-testid="field-building"
            placeholder={t('estates.joinPage.chooseBuilding')}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={() => form.setFieldValue('unit', undefined)}
            options={estate.buildings.map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item
          name="unit"
          label={t('estates.unit.number')}
          rules={[{ required: true, message: t('estates.joinPage.chooseUnit') }]}
        >
          <Select
            data-testid="field-unit"
            placeholder={building ? t('estates.joinPage.chooseUnit') : t('estates.joinPage.buildingFirst')}
            disabled={!building}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((u) => ({ value: u.id, label: u.number }))}
          />
        </Form.Item>
        <Form.Item
          name="full_name"
          label={t('estates.person.full_name')}
          rules={[requiredRule(t, 'estates.person.full_name'), { max: 100 }]}
        >
          <Input data-testid="field-full_name" autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('estates.person.phone')}
          rules={[requiredRule(t, 'estates.person.phone'), { pattern: PHONE, message: t('validation.phone') }]}
        >
          <Input data-testid="field-phone" inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('estates.person.email')}
          normalize={trimEmail}
          rules={emailRules(t, 'estates.person.email')}
        >
          <Input data-testid="field-email" inputMode="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="relation" label={t('estates.person.relation')}>
          <Radio.Group
            data-testid="field-relation"
            optionType="button"
            buttonStyle="solid"
            options={RELATIONS.map((r) => ({ value: r, label: relationLabel(t, r) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="join-submit">
          {t('estates.joinPage.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
