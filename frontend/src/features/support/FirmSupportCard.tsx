/**
 * The platform console's card on a firm's page: ask the firm for support access with a reason
 * and a duration, follow the answers, and enter the firm while a grant of one's own runs.
 */
import { App, Button, Card, Form, Input, InputNumber, List, Space, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useMe } from '../../app/session';
import { formatDateTime, formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useAskSupport, useEnterFirm, useFirmSupportGrants, type SupportRequest } from './api';
import { grantState, GrantStatusTag } from './status';

type Ask = Omit<SupportRequest, 'firm'>;

export function FirmSupportCard({ firmId }: { firmId: number }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const grants = useFirmSupportGrants(firmId);
  const ask = useAskSupport(firmId);
  const enter = useEnterFirm();
  const modal = useFormModal<Ask, unknown>({
    submit: (values) => ask.mutateAsync(values),
    onSuccess: () => message.success(t('support.platform.asked')),
  });
  const rows = grants.data?.results ?? [];

  return (
    <Card title={t('support.platform.title')} data-testid="firm-support">
      <Typography.Paragraph type="secondary">{t('support.platform.hint')}</Typography.Paragraph>
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" onFinish={modal.finish} initialValues={{ hours: 4, reason: '' }}>
        <Form.Item name="reason" label={t('support.platform.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={500} rows={2} data-testid="field-reason" />
        </Form.Item>
        <Space align="end" wrap>
          <Form.Item name="hours" label={t('support.platform.hours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={72} data-testid="field-hours" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={modal.submitting} data-testid="support-ask">
              {t('support.platform.ask')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
      <List
        size="small"
        loading={grants.isPending}
        dataSource={rows}
        locale={{ emptyText: t('support.platform.none') }}
        renderItem={(g) => {
          const mine = me != null && g.requested_by_email === me.email;
          const running = grantState(g) === 'running';
          return (
            <List.Item
              data-testid={`firm-support-${g.id}`}
              actions={
                running && mine
                  ? [
                      <Button
                        key="enter"
                        type="primary"
                        data-testid={`support-enter-${g.id}`}
                        loading={enter.isPending}
                        onClick={() => enter.mutate(g.id, { onError: (error) => message.error(errorMessage(error, t)) })}
                      >
                        {t('support.platform.enter')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <GrantStatusTag grant={g} t={t} />
                <span>{g.reason}</span>
                <Typography.Text type="secondary">
                  {g.requested_by_email} · {t('support.hours', { count: g.hours })} · {formatDateTime(g.created_at, locale)}
                </Typography.Text>
                {running && g.expires_at ? (
                  <Typography.Text strong>
                    {t('support.platform.until', { until: formatTime(g.expires_at, locale) })}
                  </Typography.Text>
                ) : null}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
