/**
 * On the resident's home, only while a survey of their estate is open and they may answer it:
 * one card that opens the survey (home → survey → submit: three steps). Plain markup
 * (src/app/plain/): the home loads no antd for it.
 */
import FormOutlined from '@ant-design/icons-svg/es/asn/FormOutlined';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { PlainButtonLink, PlainCard } from '../../app/plain/parts';
import { space } from '../../app/tokens';
import { useT } from '../../i18n';
import { useSurveys } from './api';

export function ScoringHomeCard() {
  const t = useT();
  const surveys = useSurveys(undefined, 'open');
  const rows = (surveys.data?.results ?? []).filter((s) => s.actions.includes('answer'));
  if (rows.length === 0) return null;
  return (
    <PlainCard title={t('scoring.home.title')} testId="home-surveys">
      <div style={{ display: 'flex', flexDirection: 'column', gap: space.ms }}>
        {rows.map((survey) => (
          <div
            key={survey.id}
            style={{ display: 'flex', flexDirection: 'column', gap: space.sm }}
            data-testid={`home-survey-${survey.id}`}
          >
            <strong>{survey.title}</strong>
            <span className="p-muted">{t('scoring.home.hint')}</span>
            <PlainButtonLink
              to={`/scoring/surveys/${survey.id}`}
              kind="primary"
              large
              block
              icon={<PlainIcon icon={FormOutlined} />}
              testId={`home-survey-answer-${survey.id}`}
            >
              {t('scoring.surveys.answer')}
            </PlainButtonLink>
          </div>
        ))}
      </div>
    </PlainCard>
  );
}
