/**
 * The platform console's "estate onboarding" card on a firm's page: it starts the onboarding
 * wizard inside the firm. Everything there happens under the platform admin's own support
 * grant (domain.md): with one running, "open the wizard" enters the firm with a one-time ticket
 * straight to `/support/onboarding`; without one it asks the firm for access with an
 * onboarding reason (granted at once under a pre-approval, then entered at once), and while the
 * request waits it says so.
 */
import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { RocketOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useAskSupport, useEnterFirm, useFirmSupportGrants, type SupportGrant, type SupportRequest } from './api';
import { grantState } from './status';

const ONBOARDING_PATH = '/support/onboarding';

type Ask = Omit<SupportRequest, 'firm'>;

export function FirmOnboardingCard({ firmId }: { firmId: number }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const grants = useFirmSupportGrants(firmId);
  const ask = useAskSupport(firmId);
  const enter = useEnterFirm(ONBOARDING_PATH);
  const go = (grant: number) => enter.mutate(grant, { onError: (error) => message.error(errorMessage(error, t)) });
  const form = useFormModal<Ask, SupportGrant>({
    submit: (values) => ask.mutateAsync({ ...values, reason: values.reason.trim() }),
    reset: false,
    onSuccess: (grant) => {
      // pre-approved: the grant already runs, so the wizard opens now
      if (grantState(grant) === 'running') go(grant.id);
      else message.success(t('support.platform.asked'));
    },
  });
  const mine = (grants.data?.results ?? []).filter((g) => me != null && g.requested_by_email === me.email);
  const running = mine.find((g) => grantState(g) === 'running');
  const pending = mine.find((g) => g.status === 'pending');

  let body;
  if (running) {
    body = (
      <Space wrap align="center">
        <Typography.Text data-testid="onboard-running">
          {t('support.wizard.card.running', { grant: running.id, until: formatTime(running.expires_at, locale) })}
        </Typography.Text>
        <Button
          type="primary"
          icon={<RocketOutlined />}
          loading={enter.isPending}
          data-testid="onboard-start"
          onClick={() => go(running.id)}
        >
          {t('support.wizard.card.start')}
        </Button>
      </Space>
    );
  } else if (pending) {
    body = (
      <Typography.Text type="warning" data-testid="onboard-waiting">
        {t('support.wizard.card.waiting', { grant: pending.id })}
      </Typography.Text>
    );
  } else {
    body = (
      <>
        <FormFailure message={form.failure} />
        <Form
          form={form.form}
          layout="vertical"
          onFinish={form.finish}
          initialValues={{ hours: 4, reason: t('support.wizard.card.reason') }}
        >
          <Form.Item name="reason" label={t('support.platform.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} data-testid="onboard-reason" />
          </Form.Item>
          <Space align="end" wrap>
            <Form.Item name="hours" label={t('support.platform.hours')} rules={[{ required: true }]}>
              <InputNumber min={1} max={72} data-testid="onboard-hours" />
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<RocketOutlined />}
                loading={form.submitting || enter.isPending}
                data-testid="onboard-ask"
              >
                {t('support.wizard.card.ask')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      </>
    );
  }

  return (
    <Card title={t('support.wizard.card.title')} data-testid="firm-onboard" loading={grants.isPending}>
      <Typography.Paragraph type="secondary">{t('support.wizard.card.hint')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
