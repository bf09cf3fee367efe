/**
 * One survey. A resident who may answer gets the answer form (step 2 of 3 on a phone); once
 * closed, the link to the period's score. The committee's and the firm's controls come below.
 */
import { Alert, Flex, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ButtonLink } from '../../app/ButtonLink';
import { hasAnyCapability, useMe } from '../../app/session';
import { NotFound, LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { useSurvey } from './api';
import { AnswerPanel } from './AnswerPanel';
import { ControlPanel } from './ControlPanel';
import { ResultsPanel } from './ResultsPanel';
import { MANAGE } from './SurveysPage';
import { SurveyStatusTag, usePeriod } from './ui';

export default function SurveyPage() {
  const t = useT();
  const period = usePeriod();
  const { id: raw } = useParams();
  const id = Number(raw);
  const valid = Number.isInteger(id) && id > 0;
  const survey = useSurvey(valid ? id : 0);
  const { data: me } = useMe();
  const manage = hasAnyCapability(me, MANAGE);
  useDocumentTitle(survey.data?.title ?? t('scoring.surveys.title'));
  if (!valid) return <NotFound />;
  if (survey.isError) return <LoadError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Skeleton active />;
  const s = survey.data;
  return (
    <Flex vertical gap={space.md} style={{ maxWidth: 720, width: '100%' }} data-testid="survey-page">
      <Link to="/scoring/surveys" data-testid="survey-back">
        <ArrowLeftOutlined aria-hidden /> {t('scoring.back')}
      </Link>
      <PageTitle testId="survey-title">{s.title}</PageTitle>
      <Flex wrap gap={space.sm} align="center">
        <SurveyStatusTag status={s.status} />
        <Typography.Text type="secondary">{period(s.period_start, s.period_end)}</Typography.Text>
      </Flex>
      {s.status === 'open' && s.actions.includes('answer') && <AnswerPanel surveyId={s.id} />}
      {manage && s.status !== 'closed' && <ControlPanel survey={s} />}
      {!manage && s.status === 'draft' && <Alert type="info" showIcon title={t('scoring.survey.draft')} />}
      {s.status === 'closed' && (
        <Alert
          type="info"
          showIcon
          title={t('scoring.survey.closed')}
          data-testid="survey-closed"
          action={
            s.score ? (
              <ButtonLink to={`/scoring/scores/${s.score}`} data-testid="survey-score">
                {t('scoring.survey.seeScore')}
              </ButtonLink>
            ) : undefined
          }
        />
      )}
      {s.status === 'closed' && <ResultsPanel surveyId={s.id} />}
    </Flex>
  );
}
