/** A repair's preferred visit time (期望上门时间): a day within 30 days and a slot; optional. */
import { useId, useState } from 'react';
import CloseCircleFilled from '@ant-design/icons-svg/es/asn/CloseCircleFilled';
import { PlainItem } from '../../../app/plain/controls';
import { PlainIcon } from '../../../app/plain/PlainIcon';
import { useT } from '../../../i18n';
import { BigChoice } from '../BigChoice';
import { shanghaiDay, visitBounds, VISIT_MAX_DAYS, VISIT_SLOTS, type VisitSlot } from './model';
import type { SubmitForm } from './useSubmitForm';

export function VisitFields({ form }: { form: SubmitForm }) {
  const t = useT();
  const id = useId();
  const { values, errors, set } = form;
  const day = values.visit_day;
  const [now] = useState(() => Date.now()); // when the form opened: which of today's slots are over
  const slots = Object.keys(VISIT_SLOTS) as VisitSlot[];
  const over = (slot: VisitSlot) => Boolean(day) && new Date(visitBounds(day as string, slot)[1]).getTime() <= now;
  // a new day (or none) forgets the slot: it may be over on that day
  const setDay = (value: string) => set('visit_day', value || undefined, { visit_slot: undefined });
  return (
    <>
      <PlainItem
        label={<strong>{t('complaints.field.visit')}</strong>}
        htmlFor={id}
        extra={<span id={`${id}-hint`}>{t('complaints.visit.hint')}</span>}
        compact
      >
        <div className="p-compact">
          <input
            id={id}
            type="date"
            className="p-input"
            data-testid="field-visit_day"
            aria-label={t('complaints.field.visitDay')}
            aria-describedby={`${id}-hint`}
            min={shanghaiDay(0)}
            max={shanghaiDay(VISIT_MAX_DAYS - 1)}
            value={day ?? ''}
            onChange={(event) => setDay(event.target.value)}
          />
          {day && (
            <button
              type="button"
              className="p-btn"
              aria-label={t('complaints.visit.clearDay')}
              title={t('complaints.visit.clearDay')}
              data-testid="field-visit_day-clear"
              onClick={() => setDay('')}
            >
              <PlainIcon icon={CloseCircleFilled} />
            </button>
          )}
        </div>
      </PlainItem>
      {day && (
        <PlainItem label={t('complaints.field.visitSlot')} error={errors.visit_slot}>
          <BigChoice<VisitSlot>
            testId="field-visit_slot"
            label={t('complaints.field.visitSlot')}
            compact
            minWidth="8em"
            value={values.visit_slot}
            onChange={(slot) => set('visit_slot', slot)}
            options={slots.map((slot) => ({
              value: slot,
              label: t(`complaints.visit.${slot}`),
              hint: over(slot) ? t('complaints.visit.over') : undefined,
              disabled: over(slot),
            }))}
          />
        </PlainItem>
      )}
    </>
  );
}
