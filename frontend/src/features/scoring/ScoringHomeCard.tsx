/**
 * On the resident's home, only while a survey of their estate is open and they may answer it:
 * one card that opens the survey (home → survey → submit: three steps).
 */
import { Card, Flex, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { ButtonLink } from '../../app/ButtonLink';
import { space } from '../../app/tokens';
import { useT } from '../../i18n';
import { useSurveys } from './api';

export function ScoringHomeCard() {
  const t = useT();
  const surveys = useSurveys(undefined, 'open');
  const rows = (surveys.data?.results ?? []).filter((s) => s.actions.includes('answer'));
  if (rows.length === 0) return null;
  return (
    <Card title={t('scoring.home.title')} size="small" data-testid="home-surveys">
      <Flex vertical gap={space.ms}>
        {rows.map((survey) => (
          <Flex key={survey.id} vertical gap={space.sm} data-testid={`home-survey-${survey.id}`}>
            <Typography.Text strong>{survey.title}</Typography.Text>
            <Typography.Text type="secondary">{t('scoring.home.hint')}</Typography.Text>
            <ButtonLink
              to={`/scoring/surveys/${survey.id}`}
              type="primary"
              size="large"
              block
              icon={<FormOutlined />}
              data-testid={`home-survey-answer-${survey.id}`}
            >
              {t('scoring.surveys.answer')}
            </ButtonLink>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
