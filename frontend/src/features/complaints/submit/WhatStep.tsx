/** Step 1: what it is (kind, category) and whether it is an emergency. */
import type { ReactNode } from 'react';
import { Form, Typography, type FormInstance } from 'antd';
import { BulbOutlined, MessageOutlined, ToolOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { CATEGORIES, KINDS, type Category, type RequestKind } from '../types';
import { categoryLabel, kindLabel } from '../ui';
import { EmergencySwitch } from './EmergencySwitch';
import type { SubmitValues } from './model';
import { StepCard } from './StepCard';
import { useChoiceRule } from './rules';

const KIND_ICONS: Record<RequestKind, ReactNode> = {
  repair: <ToolOutlined />,
  complaint: <MessageOutlined />,
  suggestion: <BulbOutlined />,
};

export function WhatStep({ form, shown }: { form: FormInstance<SubmitValues>; shown: boolean }) {
  const t = useT();
  const required = useChoiceRule();
  const kind = Form.useWatch('kind', { form, preserve: true });
  return (
    <StepCard shown={shown} testId="request-step-1">
      <Form.Item
        name="kind"
        label={<strong>{t('complaints.submit.kindQuestion')}</strong>}
        rules={[required('complaints.field.kind')]}
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
        rules={[required('complaints.field.category')]}
      >
        <BigChoice<Category>
          testId="field-category"
          label={t('complaints.field.category')}
          compact
          minWidth="5em"
          options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
      </Form.Item>
      <Form.Item name="emergency" valuePropName="checked" style={LAST_ITEM}>
        <EmergencySwitch label={t('complaints.submit.emergency')} hint={t('complaints.submit.emergencyHint')} />
      </Form.Item>
      {kind === 'complaint' && (
        <Typography.Paragraph type="secondary" style={HINT}>
          {t('complaints.submit.complaintHint')}
        </Typography.Paragraph>
      )}
    </StepCard>
  );
}

const LAST_ITEM = { marginBottom: 0 } as const;
const HINT = { marginTop: 12, marginBottom: 0 } as const;
