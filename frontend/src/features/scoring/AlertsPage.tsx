/**
 * Score alerts (评分预警): an improvement plan the firm owes after two scores in a row below 70
 * (with its deadline), and, for the committee only, the flag to consider re-tendering after two
 * years of satisfaction below 60 — each with the figures that raised it. The server decides who
 * sees which.
 *
 * An improvement plan is done in two steps, as a rectification is: the firm reports what it did
 * ("标记整改完成"), the estate's committee confirms it or sends it back with its reasons.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../app/errors';
import { hasCapability, useMe } from '../../app/session';
import { LoadError } from '../../app/StatusPages';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLocale, useT, type TFunction } from '../../i18n';
import { useEstateChoices } from '../estates/api';
import { useAlerts, usePlanConfirm, usePlanReport, usePlanSendBack } from './api';
import type { ScoreAlert } from './types';

function figuresText(t: TFunction, alert: ScoreAlert): string {
  const f = (alert.figures ?? {}) as Record<string, unknown[] | undefined>;
  if (alert.kind === 'improvement_plan') {
    const scores = (f.scores ?? []).map(String);
    return t('scoring.alert.planText', { first: scores[0] ?? '—', second: scores[1] ?? '—' });
  }
  const years = (f.years ?? []).map(String);
  const sat = (f.satisfaction ?? []).map(String);
  return t('scoring.alert.retenderText', {
    firstYear: years[0] ?? '—',
    first: sat[0] ?? '—',
    secondYear: years[1] ?? '—',
    second: sat[1] ?? '—',
  });
}

/** A note for the other side (what was done / why it goes back), in a modal. */
function NoteModal({
  open,
  onClose,
  title,
  label,
  hint,
  name,
  okText,
  submit,
  onDone,
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  label: string;
  hint?: string;
  name: 'note' | 'reason';
  okText: string;
  submit: (text: string) => Promise<unknown>;
  onDone: () => void;
  testId: string;
}) {
  const t = useT();
  const modal = useFormModal<Record<string, string>>({
    submit: (v) => submit((v[name] ?? '').trim()),
    onSuccess: () => {
      onClose();
      onDone();
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={modal.submit}
      confirmLoading={modal.submitting}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      okButtonProps={{ 'data-testid': `${testId}-submit` } as Record<string, string>}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} testId={`${testId}-error`} />
      <Form form={modal.form} layout="vertical" onFinish={modal.finish}>
        <Form.Item
          name={name}
          label={label}
          extra={hint}
          rules={[{ required: true, whitespace: true, message: t('scoring.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanActions({ alert }: { alert: ScoreAlert }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const report = usePlanReport(alert.id);
  const confirm = usePlanConfirm(alert.id);
  const sendBack = usePlanSendBack(alert.id);
  const [dialog, setDialog] = useState<'report' | 'send-back' | null>(null);
  const firm = hasCapability(me, 'scoring.draft');
  const committee = hasCapability(me, 'scoring.supervise');
  if (alert.kind !== 'improvement_plan' || alert.done_at) return null;
  return (
    <Flex vertical gap={space.xs} data-testid={`plan-${alert.id}`}>
      {confirm.error && (
        <Alert type="error" showIcon title={errorMessage(confirm.error, t)} data-testid={`plan-error-${alert.id}`} />
      )}
      {alert.reported_at ? (
        <>
          <Tag color="blue" style={{ alignSelf: 'flex-start' }} data-testid={`plan-awaiting-${alert.id}`}>
            {t('scoring.plan.awaiting')}
          </Tag>
          <Typography.Text type="secondary">
            {t('scoring.plan.reported', { date: formatDateTime(alert.reported_at, locale) })}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid={`plan-note-${alert.id}`}>
            {alert.report_note}
          </Typography.Paragraph>
          {committee && (
            <Flex wrap gap={space.sm}>
              <Popconfirm
                title={t('scoring.plan.confirmAsk')}
                onConfirm={() =>
                  confirm.mutateAsync().then(
                    () => void message.success(t('scoring.plan.confirmedOk')),
                    () => undefined,
                  )
                }
                okButtonProps={{ 'data-testid': `plan-confirm-ok-${alert.id}` } as Record<string, string>}
              >
                <Button type="primary" loading={confirm.isPending} data-testid={`plan-confirm-${alert.id}`}>
                  {t('scoring.plan.confirm')}
                </Button>
              </Popconfirm>
              <Button danger onClick={() => setDialog('send-back')} data-testid={`plan-send-back-${alert.id}`}>
                {t('scoring.plan.sendBack')}
              </Button>
            </Flex>
          )}
        </>
      ) : (
        <>
          {alert.returned_note && (
            <Typography.Text type="danger" data-testid={`plan-returned-${alert.id}`}>
              {t('scoring.plan.returned', { reason: alert.returned_note })}
            </Typography.Text>
          )}
          {firm && (
            <Button
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setDialog('report')}
              data-testid={`plan-report-${alert.id}`}
            >
              {t('scoring.plan.report')}
            </Button>
          )}
        </>
      )}
      <NoteModal
        open={dialog === 'report'}
        onClose={() => setDialog(null)}
        title={t('scoring.plan.reportTitle')}
        label={t('scoring.plan.note')}
        hint={t('scoring.plan.noteHint')}
        name="note"
        okText={t('scoring.plan.submit')}
        submit={(note) => report.mutateAsync({ note })}
        onDone={() => void message.success(t('scoring.plan.reportedOk'))}
        testId="plan-report"
      />
      <NoteModal
        open={dialog === 'send-back'}
        onClose={() => setDialog(null)}
        title={t('scoring.plan.sendBackTitle')}
        label={t('scoring.plan.reason')}
        name="reason"
        okText={t('scoring.plan.sendBack')}
        submit={(reason) => sendBack.mutateAsync({ reason })}
        onDone={() => void message.success(t('scoring.plan.sentBackOk'))}
        testId="plan-send-back"
      />
    </Flex>
  );
}

export default function AlertsPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('scoring.alerts.title'));
  const alerts = useAlerts();
  const estates = useEstateChoices();
  const names = new Map((estates.data ?? []).map((e) => [e.id, e.name]));
  const rows = alerts.data?.results ?? [];
  return (
    <Flex vertical gap={space.md} style={{ maxWidth: 720 }}>
      <PageTitle>{t('scoring.alerts.title')}</PageTitle>
      {alerts.isError ? (
        <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !alerts.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('scoring.alerts.none')} data-testid="alerts-none" />
      ) : (
        rows.map((a) => (
          <Card key={a.id} size="small" data-testid={`alert-${a.id}`}>
            <Flex vertical gap={space.xs}>
              <Flex wrap gap={space.sm} align="center">
                <Tag color={a.kind === 'retender' ? 'red' : 'orange'}>{t(`scoring.alert.${a.kind}`)}</Tag>
                <Link to={`/scoring/scores?estate=${a.estate}`}>
                  <Typography.Text strong>{names.get(a.estate) ?? `#${a.estate}`}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">{formatDateTime(a.created_at, locale)}</Typography.Text>
              </Flex>
              <Typography.Text data-testid={`alert-text-${a.id}`}>{figuresText(t, a)}</Typography.Text>
              {a.done_at ? (
                <>
                  <Tag color="green" style={{ alignSelf: 'flex-start' }}>
                    {t('scoring.alert.done')}
                  </Tag>
                  {a.report_note && (
                    <Typography.Paragraph
                      type="secondary"
                      style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                      data-testid={`alert-done-note-${a.id}`}
                    >
                      {t('scoring.plan.doneNote', { date: formatDate(a.done_at, locale), note: a.report_note })}
                    </Typography.Paragraph>
                  )}
                </>
              ) : (
                a.due_on && (
                  <Typography.Text type="warning" data-testid={`alert-due-${a.id}`}>
                    {t('scoring.alert.due', { date: formatDate(a.due_on, locale) })}
                  </Typography.Text>
                )
              )}
              <PlanActions alert={a} />
            </Flex>
          </Card>
        ))
      )}
    </Flex>
  );
}
