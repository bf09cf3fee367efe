/** Step 1: what it is (kind, category) and whether it is an emergency. */
import type { ReactNode } from 'react';
import BulbOutlined from '@ant-design/icons-svg/es/asn/BulbOutlined';
import MessageOutlined from '@ant-design/icons-svg/es/asn/MessageOutlined';
import ToolOutlined from '@ant-design/icons-svg/es/asn/ToolOutlined';
import { PlainItem } from '../../../app/plain/controls';
import { PlainIcon } from '../../../app/plain/PlainIcon';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { CATEGORIES, KINDS, type Category, type RequestKind } from '../types';
import { categoryLabel, kindLabel } from '../ui';
import { EmergencySwitch } from './EmergencySwitch';
import { StepCard } from './StepCard';
import type { SubmitForm } from './useSubmitForm';

const KIND_ICONS: Record<RequestKind, ReactNode> = {
  repair: <PlainIcon icon={ToolOutlined} />,
  complaint: <PlainIcon icon={MessageOutlined} />,
  suggestion: <PlainIcon icon={BulbOutlined} />,
};

export function WhatStep({ form, shown }: { form: SubmitForm; shown: boolean }) {
  const t = useT();
  const { values, errors, set } = form;
  return (
    <StepCard shown={shown} testId="request-step-1">
      <PlainItem label={<strong>{t('complaints.submit.kindQuestion')}</strong>} error={errors.kind}>
        <BigChoice<RequestKind>
          testId="field-kind"
          label={t('complaints.field.kind')}
          value={values.kind}
          options={KINDS.map((k) => ({
            value: k,
            label: kindLabel(t, k),
            icon: KIND_ICONS[k],
            hint: t(`complaints.kindHint.${k}`),
          }))}
          onChange={(k) => {
            // a repair is most likely in the repair category
            if (k === 'repair' && !values.category) set('kind', k, { category: 'repair' });
            else set('kind', k);
          }}
        />
      </PlainItem>
      <PlainItem label={<strong>{t('complaints.field.category')}</strong>} error={errors.category}>
        <BigChoice<Category>
          testId="field-category"
          label={t('complaints.field.category')}
          compact
          minWidth="5em"
          value={values.category}
          options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          onChange={(c) => set('category', c)}
        />
      </PlainItem>
      <PlainItem last>
        <EmergencySwitch
          checked={values.emergency}
          onChange={(on) => set('emergency', on)}
          label={t('complaints.submit.emergency')}
          hint={t('complaints.submit.emergencyHint')}
        />
      </PlainItem>
      {values.kind === 'complaint' && (
        <p className="p-muted" style={HINT}>
          {t('complaints.submit.complaintHint')}
        </p>
      )}
    </StepCard>
  );
}

const HINT = { marginTop: 12, marginBottom: 0 } as const;
