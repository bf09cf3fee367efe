/** Step 3: everything once more, in words, before it is sent. */
import type { ReactNode } from 'react';
import { colour, flush, space } from '../../../app/tokens';
import { useLocale, useT } from '../../../i18n';
import { Thumbs } from '../PhotoPicker';
import { categoryLabel, kindLabel, visitWindow } from '../ui';
import { visitBounds, type SubmitValues } from './model';
import { StepCard } from './StepCard';
import '../../../app/plain/controls.css';

export function ReviewStep({
  shown,
  values,
  place,
  files,
}: {
  shown: boolean;
  values: Partial<SubmitValues>;
  place: string;
  files: File[];
}) {
  const t = useT();
  const locale = useLocale();
  const visit =
    values.kind === 'repair' && values.visit_day && values.visit_slot ? visitBounds(values.visit_day, values.visit_slot) : null;
  return (
    <StepCard shown={shown} testId="request-step-3">
      <h4 className="p-step-heading">{t('complaints.submit.reviewTitle')}</h4>
      <dl data-testid="request-review" style={LIST}>
        <Entry term={t('complaints.field.kind')}>
          {values.kind ? kindLabel(t, values.kind) : ''}
          {values.category ? ` · ${categoryLabel(t, values.category)}` : ''}
          {values.emergency ? ` · ${t('complaints.urgency.emergency')}` : ''}
        </Entry>
        <Entry term={t('complaints.field.place')}>{place}</Entry>
        <Entry term={t('complaints.field.description')} wrap>
          {values.description}
        </Entry>
        {visit && <Entry term={t('complaints.field.visit')}>{visitWindow(visit[0], visit[1], locale)}</Entry>}
        <Entry term={t('complaints.field.photos')}>
          {files.length ? <Thumbs files={files} /> : t('complaints.submit.photoCount', { count: 0 })}
        </Entry>
      </dl>
      <p className="p-muted" style={HINT}>
        {t('complaints.submit.reviewHint')}
      </p>
    </StepCard>
  );
}

function Entry({ term, wrap, children }: { term: string; wrap?: boolean; children: ReactNode }) {
  return (
    <>
      <dt style={TERM}>{term}</dt>
      <dd style={wrap ? WRAPPED : flush}>{children}</dd>
    </>
  );
}

const LIST = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${space.sm}px ${space.md}px`, margin: 0 } as const;
const TERM = { color: colour.muted } as const;
const WRAPPED = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;
const HINT = { marginTop: space.md, marginBottom: 0 } as const;
