/** A repair's preferred visit time (期望上门时间): a day within 30 days and a slot; optional. */
import { useState } from 'react';
import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { shanghaiDay, visitBounds, VISIT_MAX_DAYS, VISIT_SLOTS, type SubmitValues, type VisitSlot } from './model';

export function VisitFields({ form }: { form: FormInstance<SubmitValues> }) {
  const t = useT();
  const day = Form.useWatch('visit_day', form);
  const [now] = useState(() => Date.now()); // when the form opened: which of today's slots are over
  const slots = Object.keys(VISIT_SLOTS) as VisitSlot[];
  const over = (slot: VisitSlot) => Boolean(day) && new Date(visitBounds(day as string, slot)[1]).getTime() <= now;
  return (
    <>
      <Form.Item
        name="visit_day"
        label={<strong>{t('complaints.field.visit')}</strong>}
        extra={t('complaints.visit.hint')}
        style={{ marginBottom: 8 }}
      >
        <Input
          type="date"
          data-testid="field-visit_day"
          aria-label={t('complaints.field.visitDay')}
          min={shanghaiDay(0)}
          max={shanghaiDay(VISIT_MAX_DAYS - 1)}
          allowClear
          onChange={() => form.setFields([{ name: 'visit_slot', value: undefined, errors: [] }])}
        />
      </Form.Item>
      {day && (
        <Form.Item
          name="visit_slot"
          label={t('complaints.field.visitSlot')}
          rules={[{ required: true, message: t('complaints.validation.visitSlot') }]}
        >
          <BigChoice<VisitSlot>
            testId="field-visit_slot"
            label={t('complaints.field.visitSlot')}
            compact
            minWidth="8em"
            options={slots.map((slot) => ({
              value: slot,
              label: t(`complaints.visit.${slot}`),
              hint: over(slot) ? t('complaints.visit.over') : undefined,
              disabled: over(slot),
            }))}
          />
        </Form.Item>
      )}
    </>
  );
}
