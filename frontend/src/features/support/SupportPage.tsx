/**
 * The firm's admins (support.decide): the platform's support requests waiting for a decision,
 * the access running now (revoke), every record, and the standing pre-approval.
 */
import { App, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import {
  useDecide,
  useEndPreapproval,
  usePreapprovals,
  usePreapprove,
  useSupportGrants,
  type SupportGrant,
  type SupportPreapprove,
} from './api';
import { grantState, GrantStatusTag } from './status';

export default function SupportPage() {
  const t = useT();
  useDocumentTitle(t('support.title'));
  const grants = useSupportGrants();
  const rows = grants.data?.results ?? [];
  const pending = rows.filter((g) => g.status === 'pending');
  const running = rows.filter((g) => grantState(g) === 'running');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <PageTitle>{t('support.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('support.intro')}</Typography.Paragraph>
      {grants.isError ? (
        <LoadError error={grants.error} onRetry={() => grants.refetch()} />
      ) : (
        <>
          <Card title={t('support.pending')} data-testid="support-pending">
            <GrantTable rows={pending} loading={grants.isPending} empty={t('support.pending.empty')} actions="decide" />
          </Card>
          <Card title={t('support.running')} data-testid="support-running">
            <GrantTable rows={running} loading={grants.isPending} empty={t('support.running.empty')} actions="revoke" />
          </Card>
        </>
      )}
      <PreapprovalCard />
      <Card title={t('support.history')} data-testid="support-history">
        <GrantTable rows={rows} loading={grants.isPending} empty={t('support.platform.none')} />
      </Card>
    </Space>
  );
}

function GrantTable({
  rows,
  loading,
  empty,
  actions,
}: {
  rows: SupportGrant[];
  loading: boolean;
  empty: string;
  actions?: 'decide' | 'revoke';
}) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const decide = useDecide();
  const run = (id: number, verb: 'approve' | 'decline' | 'revoke') =>
    decide.mutate(
      { id, verb },
      {
        onSuccess: () =>
          message.success(
            t(verb === 'approve' ? 'support.approved' : verb === 'decline' ? 'support.declined' : 'support.revoked'),
          ),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );
  return (
    <Table<SupportGrant>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: empty }}
      scroll={{ x: true }}
      columns={[
        { key: 'who', title: t('support.col.requestedBy'), dataIndex: 'requested_by_email' },
        { key: 'reason', title: t('support.col.reason'), dataIndex: 'reason' },
        { key: 'hours', title: t('support.col.hours'), render: (_, g) => t('support.hours', { count: g.hours }) },
        {
          key: 'status',
          title: t('support.col.status'),
          render: (_, g) => (
            <Space size={4}>
              <GrantStatusTag grant={g} t={t} />
              {g.preapproval ? <Tag>{t('support.preapproved')}</Tag> : null}
            </Space>
          ),
        },
        { key: 'decided', title: t('support.col.decidedBy'), render: (_, g) => g.decided_by_name || '' },
        { key: 'until', title: t('support.col.until'), render: (_, g) => formatDateTime(g.revoked_at ?? g.expires_at, locale) },
        { key: 'asked', title: t('support.col.asked'), render: (_, g) => formatDateTime(g.created_at, locale) },
        ...(actions
          ? [
              {
                key: 'actions',
                title: '',
                render: (_: unknown, g: SupportGrant) =>
                  actions === 'decide' ? (
                    <Space>
                      <Button
                        type="primary"
                        size="small"
                        data-testid={`support-approve-${g.id}`}
                        onClick={() => run(g.id, 'approve')}
                      >
                        {t('support.approve')}
                      </Button>
                      <Button size="small" data-testid={`support-decline-${g.id}`} onClick={() => run(g.id, 'decline')}>
                        {t('support.decline')}
                      </Button>
                    </Space>
                  ) : (
                    <Popconfirm
                      title={t('support.revokeConfirm')}
                      onConfirm={() => run(g.id, 'revoke')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                    >
                      <Button danger size="small" data-testid={`support-revoke-${g.id}`}>
                        {t('support.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function PreapprovalCard() {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const list = usePreapprovals();
  const preapprove = usePreapprove();
  const end = useEndPreapproval();
  const current = list.data?.results.find((p) => p.open);
  const modal = useFormModal<SupportPreapprove, unknown>({
    submit: (values) => preapprove.mutateAsync(values),
    onSuccess: () => message.success(t('support.pre.saved')),
    reset: false,
  });
  return (
    <Card title={t('support.pre.title')} data-testid="support-preapproval">
      <Typography.Paragraph type="secondary">{t('support.pre.hint')}</Typography.Paragraph>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text data-testid="support-pre-current">
          {current
            ? t('support.pre.current', { until: formatDateTime(current.valid_until, locale), hours: current.max_hours })
            : t('support.pre.none')}
        </Typography.Text>
        {current && (
          <Button
            danger
            data-testid="support-pre-end"
            loading={end.isPending}
            onClick={() =>
              end.mutate(current.id, {
                onSuccess: () => message.success(t('support.pre.ended')),
                onError: (error) => message.error(errorMessage(error, t)),
              })
            }
          >
            {t('support.pre.end')}
          </Button>
        )}
      </Flex>
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="inline" onFinish={modal.finish} initialValues={{ max_hours: 8, days: 14, note: '' }}>
        <Form.Item name="max_hours" label={t('support.pre.maxHours')} rules={[{ required: true }]}>
          <InputNumber min={1} max={72} data-testid="field-max_hours" />
        </Form.Item>
        <Form.Item name="days" label={t('support.pre.days')} rules={[{ required: true }]}>
          <InputNumber min={1} max={90} data-testid="field-days" />
        </Form.Item>
        <Form.Item name="note" label={t('support.pre.note')}>
          <Input maxLength={200} data-testid="field-note" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={modal.submitting} data-testid="support-pre-save">
            {t('support.pre.save')}
          </Button>
        </Form.Item>
      </Form>
      {(list.data?.results.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('support.pre.history')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list.data?.results}
            scroll={{ x: true }}
            columns={[
              { key: 'hours', title: t('support.pre.maxHours'), render: (_, p) => t('support.hours', { count: p.max_hours }) },
              { key: 'until', title: t('support.pre.col.until'), render: (_, p) => formatDateTime(p.valid_until, locale) },
              { key: 'note', title: t('support.pre.note'), dataIndex: 'note' },
              { key: 'by', title: t('support.pre.col.by'), dataIndex: 'created_by_name' },
              {
                key: 'ended',
                title: t('support.pre.col.endedAt'),
                render: (_, p) => (p.ended_at ? `${formatDateTime(p.ended_at, locale)} ${p.ended_by_name}` : ''),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
