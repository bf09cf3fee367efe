/**
 * What the firm and the committee do with a survey, by the survey's `actions` (the server's
 * one rule): the firm edits its draft; the committee reviews and opens it, follows the
 * response rate per building, reminds the households that have not answered (at most once a
 * week), enters paper forms (marked paper, counted apart) and closes it, which publishes the
 * period's score. No firm role is offered an answer or a paper entry.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Progress, Table, Typography } from 'antd';
import { BellOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { space } from '../../app/tokens';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { UnitPicker } from '../estates/components/UnitPicker';
import { usePaperAnswer, useRemind, useResponseRates, useSurveyAction, useUpdateSurvey } from './api';
import { RatingsForm } from './AnswerPanel';
import { DIMENSIONS, type Survey } from './types';
import { dimensionLabel } from './ui';

function EditDraft({ survey }: { survey: Survey }) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateSurvey(survey.id);
  const modal = useFormModal<{ title: string; period_end: string }>({
    submit: (v) => update.mutateAsync({ title: v.title.trim(), period_end: v.period_end }),
    reset: false,
    onSuccess: () => void message.success(t('scoring.draft.saved')),
  });
  return (
    <>
      <FormFailure message={modal.failure} testId="survey-edit-error" />
      <Form
        form={modal.form}
        layout="vertical"
        initialValues={{ title: survey.title, period_end: survey.period_end }}
        onFinish={modal.finish}
        data-testid="survey-edit"
      >
        <Form.Item name="title" label={t('scoring.draft.title')} rules={[{ required: true, message: t('scoring.required') }]}>
          <Input maxLength={100} data-testid="survey-edit-title" />
        </Form.Item>
        <Form.Item name="period_end" label={t('scoring.draft.end')} rules={[{ required: true, message: t('scoring.required') }]}>
          <Input type="date" data-testid="survey-edit-end" />
        </Form.Item>
        <Button htmlType="submit" loading={modal.submitting} data-testid="survey-edit-save">
          {t('scoring.draft.save')}
        </Button>
      </Form>
    </>
  );
}

function ResponseRates({ surveyId }: { surveyId: number }) {
  const t = useT();
  const locale = useLocale();
  const rates = useResponseRates(surveyId, true);
  if (rates.isError) return <LoadError error={rates.error} onRetry={() => void rates.refetch()} />;
  const r = rates.data;
  return (
    <Flex vertical gap={space.sm} data-testid="survey-rates">
      <Typography.Text strong>{t('scoring.rates.title')}</Typography.Text>
      {r && (
        <Typography.Text data-testid="survey-rates-total">
          {t('scoring.rates.total', { answered: r.answered, units: r.units, rate: formatNumber(r.rate ?? 0, locale, 2) })}
        </Typography.Text>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="building"
        loading={rates.isPending}
        dataSource={r?.buildings ?? []}
        columns={[
          { key: 'name', title: t('scoring.results.building'), dataIndex: 'name' },
          {
            key: 'count',
            title: t('scoring.rates.answered'),
            render: (_, b) => t('scoring.rates.count', { answered: b.answered, units: b.units }),
          },
          {
            key: 'rate',
            title: t('scoring.rates.rate'),
            render: (_, b) => (
              <Progress
                percent={Number(b.rate ?? 0)}
                size="small"
                format={() => `${formatNumber(b.rate ?? 0, locale, 2)}%`}
                data-testid={`survey-rate-${b.building}`}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}

function PaperEntry({ survey }: { survey: Survey }) {
  const t = useT();
  const { message } = App.useApp();
  const paper = usePaperAnswer(survey.id);
  const [unit, setUnit] = useState<number | undefined>();
  const [round, setRound] = useState(0);
  return (
    <Flex vertical gap={space.sm} data-testid="survey-paper">
      <Typography.Text strong>{t('scoring.paper.title')}</Typography.Text>
      <Typography.Text type="secondary">{t('scoring.paper.hint')}</Typography.Text>
      <UnitPicker estate={survey.estate} value={unit} onChange={setUnit} data-testid="paper-unit" />
      {paper.isError && <Alert type="error" showIcon title={errorMessage(paper.error, t)} data-testid="paper-error" />}
      <RatingsForm
        key={round}
        testId="paper-form"
        submitLabel={t('scoring.paper.submit')}
        pending={paper.isPending}
        disabled={unit === undefined}
        onSubmit={(ratings, comment) =>
          unit !== undefined &&
          paper.mutate(
            { unit, ratings, comment },
            {
              onSuccess: () => {
                void message.success(t('scoring.paper.done'));
                setUnit(undefined);
                setRound((n) => n + 1);
              },
            },
          )
        }
      />
    </Flex>
  );
}

export function ControlPanel({ survey }: { survey: Survey }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const action = useSurveyAction(survey.id);
  const remind = useRemind(survey.id);
  const can = (a: string) => survey.actions.includes(a);
  const firm = hasCapability(me, 'scoring.draft');
  const canRemind = survey.status === 'open' && (can('remind') || firm);
  const failure = action.error ?? remind.error;

  return (
    <Card size="small" title={t('scoring.control.title')} data-testid="survey-control">
      <Flex vertical gap={space.md}>
        {failure && <Alert type="error" showIcon title={errorMessage(failure, t)} data-testid="survey-control-error" />}
        {survey.status === 'draft' && (
          <>
            <Typography.Paragraph style={{ margin: 0 }} data-testid="survey-template">
              {t('scoring.draft.template', { dimensions: DIMENSIONS.map((d) => dimensionLabel(t, d)).join('、') })}
            </Typography.Paragraph>
            {can('edit') && <EditDraft survey={survey} />}
            {can('open') ? (
              <Popconfirm
                title={t('scoring.control.openConfirm')}
                okText={t('scoring.control.open')}
                cancelText={t('scoring.cancel')}
                onConfirm={() => action.mutate('open', { onSuccess: () => void message.success(t('scoring.control.opened')) })}
                okButtonProps={{ 'data-testid': 'survey-open-confirm' }}
              >
                <Button type="primary" icon={<UnlockOutlined />} loading={action.isPending} data-testid="survey-open">
                  {t('scoring.control.open')}
                </Button>
              </Popconfirm>
            ) : (
              <Typography.Text type="secondary" data-testid="survey-waiting">
                {t('scoring.control.waiting')}
              </Typography.Text>
            )}
          </>
        )}
        {survey.status === 'open' && (
          <>
            <Typography.Text data-testid="survey-answered">
              {t('scoring.survey.answeredUnits', { count: survey.answered_units })}
            </Typography.Text>
            {can('close') && <ResponseRates surveyId={survey.id} />}
            {canRemind && (
              <Flex vertical gap={space.xs}>
                <Flex gap={space.sm} wrap align="center">
                  <Button
                    icon={<BellOutlined />}
                    loading={remind.isPending}
                    data-testid="survey-remind"
                    onClick={() =>
                      remind.mutate(undefined, {
                        onSuccess: (r) => void message.success(t('scoring.remind.done', { count: r.reminded })),
                      })
                    }
                  >
                    {t('scoring.remind.button')}
                  </Button>
                  <Typography.Text type="secondary">{t('scoring.remind.rule')}</Typography.Text>
                </Flex>
                {survey.last_reminder_at && (
                  <Typography.Text type="secondary" data-testid="survey-last-reminder">
                    {t('scoring.remind.last', {
                      count: survey.reminders_sent,
                      at: formatDateTime(survey.last_reminder_at, locale),
                    })}
                  </Typography.Text>
                )}
              </Flex>
            )}
            {can('paper') && <PaperEntry survey={survey} />}
            {can('close') && (
              <Popconfirm
                title={t('scoring.control.closeConfirm')}
                okText={t('scoring.control.close')}
                cancelText={t('scoring.cancel')}
                onConfirm={() => action.mutate('close', { onSuccess: () => void message.success(t('scoring.control.closed')) })}
                okButtonProps={{ danger: true, 'data-testid': 'survey-close-confirm' }}
              >
                <Button danger icon={<LockOutlined />} loading={action.isPending} data-testid="survey-close">
                  {t('scoring.control.close')}
                </Button>
              </Popconfirm>
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}
