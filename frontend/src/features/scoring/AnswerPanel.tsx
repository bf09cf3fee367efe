/**
 * The resident's answer on a phone: which home (only when they have several), the six
 * dimensions 1–5 as big buttons (elder mode scales them with the text), an optional comment,
 * submit. A home already answered by this user shows "已提交，可在截止前修改" and can be changed
 * until the committee closes the survey (the server never gives the answer back: it keeps who
 * answered apart from what they answered, so a change rates all six again).
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Result, Skeleton, Typography } from 'antd';
import { CheckCircleOutlined, HomeOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { useT } from '../../i18n';
import { BigChoice } from '../complaints/BigChoice';
import { useAnswer, useMyUnits } from './api';
import { DIMENSIONS, type Dimension, type MyUnit, type Ratings } from './types';
import { dimensionLabel } from './ui';

const SCORES = [1, 2, 3, 4, 5] as const;

/** The six ratings, the comment and submit: shared by the resident and the committee's paper entry. */
export function RatingsForm({
  testId,
  submitLabel,
  pending,
  onSubmit,
  disabled = false,
}: {
  testId: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (ratings: Ratings, comment: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const [ratings, setRatings] = useState<Partial<Record<Dimension, number>>>({});
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const missing = DIMENSIONS.filter((d) => ratings[d] === undefined);
  return (
    <Flex vertical gap={space.md} data-testid={testId}>
      <Typography.Text type="secondary">{t('scoring.survey.rateHint')}</Typography.Text>
      {DIMENSIONS.map((d) => (
        <Flex key={d} vertical gap={space.xs}>
          <Typography.Text strong id={`${testId}-${d}-label`} style={{ fontSize: '1.1em' }}>
            {dimensionLabel(t, d)}
          </Typography.Text>
          <BigChoice<number>
            testId={`${testId}-${d}`}
            label={dimensionLabel(t, d)}
            value={ratings[d]}
            onChange={(v) => setRatings((r) => ({ ...r, [d]: v }))}
            options={SCORES.map((n) => ({ value: n, label: String(n) }))}
            minWidth="2.8em"
            compact
          />
          {tried && ratings[d] === undefined && (
            <Typography.Text type="danger" data-testid={`${testId}-${d}-missing`}>
              {t('scoring.survey.rateThis')}
            </Typography.Text>
          )}
        </Flex>
      ))}
      <Flex vertical gap={space.xs}>
        <Typography.Text strong>{t('scoring.survey.comment')}</Typography.Text>
        <Input.TextArea
          data-testid={`${testId}-comment`}
          aria-label={t('scoring.survey.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </Flex>
      {tried && missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('scoring.survey.missing', { count: missing.length })}
          data-testid={`${testId}-incomplete`}
        />
      )}
      <Button
        type="primary"
        size="large"
        block
        loading={pending}
        disabled={disabled}
        data-testid={`${testId}-submit`}
        onClick={() => {
          setTried(true);
          if (missing.length > 0) return;
          onSubmit(ratings as Ratings, comment.trim());
        }}
      >
        {submitLabel}
      </Button>
    </Flex>
  );
}

function unitHint(t: ReturnType<typeof useT>, unit: MyUnit): string {
  return unit.answered_by_me ? t('scoring.survey.unitAnswered') : t('scoring.survey.unitOpen');
}

export function AnswerPanel({ surveyId }: { surveyId: number }) {
  const t = useT();
  const mine = useMyUnits(surveyId, true);
  const answer = useAnswer(surveyId);
  const [picked, setPicked] = useState<number | undefined>();
  /** Homes whose answer this user is changing (the form shows instead of "submitted"). */
  const [changing, setChanging] = useState<Set<number>>(new Set());
  /** Homes answered from this screen (before the refreshed list says so). */
  const [sent, setSent] = useState<Set<number>>(new Set());
  const [formKey, setFormKey] = useState(0);

  if (mine.isPending) return <Skeleton active />;
  if (mine.isError) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const units = mine.data;
  if (units.length === 0) {
    return <Alert type="info" showIcon title={t('scoring.survey.noHousehold')} data-testid="survey-no-household" />;
  }
  const isBlocked = (u: MyUnit) => u.voice === 'occupant' && u.answered_by === 'owner';
  // first the home picked, else one nobody answered yet, else one this user has not answered
  const unit =
    units.find((u) => u.unit === picked) ??
    units.find((u) => !u.answered && !isBlocked(u)) ??
    units.find((u) => !u.answered_by_me && !isBlocked(u)) ??
    units[0];
  const blocked = isBlocked(unit);
  const submitted = (unit.answered_by_me || sent.has(unit.unit)) && !changing.has(unit.unit) && !blocked;

  return (
    <Card size="small" data-testid="survey-answer">
      <Flex vertical gap={space.md}>
        {units.length > 1 ? (
          <Flex vertical gap={space.xs}>
            <Typography.Text strong>{t('scoring.survey.unit')}</Typography.Text>
            <BigChoice<number>
              testId="survey-unit"
              label={t('scoring.survey.unit')}
              value={unit.unit}
              onChange={(v) => {
                setPicked(v);
                answer.reset();
              }}
              options={units.map((u) => ({
                value: u.unit,
                label: `${u.label} · ${t(u.voice === 'owner' ? 'scoring.voice.owner' : 'scoring.voice.occupant')}`,
                hint: unitHint(t, u),
              }))}
              minWidth="9em"
            />
          </Flex>
        ) : (
          <Flex align="center" gap={space.sm} data-testid="survey-unit">
            <HomeOutlined aria-hidden />
            <Typography.Text strong>
              {unit.label} · {t(unit.voice === 'owner' ? 'scoring.voice.owner' : 'scoring.voice.occupant')}
            </Typography.Text>
          </Flex>
        )}
        {blocked ? (
          <Alert type="warning" showIcon title={t('scoring.survey.ownerAnswered')} data-testid="survey-owner-answered" />
        ) : submitted ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={<span data-testid="survey-submitted">{t('scoring.survey.submitted')}</span>}
            subTitle={t('scoring.survey.submittedHint')}
            extra={
              <Button
                size="large"
                data-testid="survey-change"
                onClick={() => {
                  setChanging((s) => new Set(s).add(unit.unit));
                  setFormKey((k) => k + 1);
                  answer.reset();
                }}
              >
                {t('scoring.survey.change')}
              </Button>
            }
          />
        ) : (
          <>
            {unit.answered && <Alert type="info" showIcon title={t('scoring.survey.replaces')} data-testid="survey-replaces" />}
            {answer.isError && <Alert type="error" showIcon title={errorMessage(answer.error, t)} data-testid="survey-error" />}
            <RatingsForm
              key={`${unit.unit}-${formKey}`}
              testId="survey-form"
              submitLabel={t('scoring.survey.submit')}
              pending={answer.isPending}
              onSubmit={(ratings, comment) =>
                answer.mutate(
                  { unit: unit.unit, ratings, comment },
                  {
                    onSuccess: () => {
                      setSent((s) => new Set(s).add(unit.unit));
                      setChanging((s) => {
                        const next = new Set(s);
                        next.delete(unit.unit);
                        return next;
                      });
                    },
                  },
                )
              }
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
