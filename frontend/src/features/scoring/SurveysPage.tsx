/**
 * The surveys (满意度调查). A resident sees the open and closed surveys of their estates, an
 * open one they may answer first with a big "去填写" (step 1 of 3 on a phone); the firm and the
 * committee pick an estate and see every survey of it, drafts included.
 */
import { useState } from 'react';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ButtonLink } from '../../app/ButtonLink';
import { hasAnyCapability, hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { colour, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useSurveys } from './api';
import { DraftButton } from './DraftSurvey';
import type { Survey } from './types';
import { SurveyStatusTag, usePeriod } from './ui';

export const MANAGE = ['scoring.draft', 'scoring.supervise'] as const;

function SurveyRow({ survey, manage }: { survey: Survey; manage: boolean }) {
  const t = useT();
  const period = usePeriod();
  const canAnswer = survey.actions.includes('answer');
  return (
    <Card size="small" data-testid={`survey-row-${survey.id}`}>
      <Flex vertical gap={space.sm}>
        <Link to={`/scoring/surveys/${survey.id}`} style={{ color: 'inherit' }}>
          <Flex align="center" gap={space.sm}>
            <Typography.Text strong style={{ flex: 1, minWidth: 0, fontSize: '1.05em' }}>
              {survey.title}
            </Typography.Text>
            <RightOutlined aria-hidden style={{ color: colour.faint }} />
          </Flex>
        </Link>
        <Flex wrap gap={space.sm} align="center">
          <SurveyStatusTag status={survey.status} />
          <Typography.Text type="secondary">{period(survey.period_start, survey.period_end)}</Typography.Text>
          {manage && survey.status !== 'draft' && (
            <Typography.Text type="secondary" data-testid={`survey-answered-${survey.id}`}>
              {t('scoring.survey.answeredUnits', { count: survey.answered_units })}
            </Typography.Text>
          )}
        </Flex>
        {canAnswer && (
          <ButtonLink
            to={`/scoring/surveys/${survey.id}`}
            type="primary"
            size="large"
            block
            data-testid={`survey-answer-${survey.id}`}
          >
            {t('scoring.surveys.answer')}
          </ButtonLink>
        )}
      </Flex>
    </Card>
  );
}

export default function SurveysPage() {
  const t = useT();
  useDocumentTitle(t('scoring.surveys.title'));
  const { data: me } = useMe();
  const manage = hasAnyCapability(me, MANAGE);
  const [estate, setEstate] = useState<number | undefined>();
  const surveys = useSurveys(manage ? estate : undefined, undefined, !manage || estate !== undefined);
  const rows = [...(surveys.data?.results ?? [])].sort(
    (a, b) => Number(b.actions.includes('answer')) - Number(a.actions.includes('answer')),
  );
  return (
    <Flex vertical gap={space.md} style={{ maxWidth: 720, width: '100%' }}>
      <PageTitle>{t('scoring.surveys.title')}</PageTitle>
      {manage ? (
        <Flex gap={space.ms} wrap align="center">
          <EstatePicker value={estate} onChange={setEstate} testId="scoring-estate" />
          {estate !== undefined && hasCapability(me, 'scoring.draft') && <DraftButton estate={estate} />}
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('scoring.surveys.residentIntro')}
        </Typography.Paragraph>
      )}
      {surveys.isError ? (
        <LoadError error={surveys.error} onRetry={() => void surveys.refetch()} />
      ) : !surveys.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('scoring.surveys.none')} data-testid="surveys-none" />
      ) : (
        rows.map((survey) => <SurveyRow key={survey.id} survey={survey} manage={manage} />)
      )}
    </Flex>
  );
}
