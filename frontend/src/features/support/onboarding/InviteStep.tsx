/**
 * Step 3: the firm's managers and staff. The users screen's invitation fields (only the roles
 * support access may invite), plus the estates they work on: the invitation is sent, then the
 * person is assigned to each estate chosen (the estate staff tab's assignment), so they see
 * those estates and no others. Below, who works on each estate so far.
 */
import { App, Button, Card, Checkbox, Form, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { FirmUser, InviteRole, UserInvite } from '../../../api/types';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { fill } from '../../../app/tokens';
import { useT } from '../../../i18n';
import { assignStaff } from '../../estates/api';
import { createUser } from '../../users/api';
import { InviteUserFields, inviteBody } from '../../users/InviteUserFields';
import type { EstateProgress } from './progress';

/** What support access may invite (accounts.services.user_invite refuses the rest). */
const ONBOARDING_ROLES = ['manager', 'staff'] as const satisfies readonly InviteRole[];

type InviteValues = UserInvite & { estates: number[] };

export function InviteStep({ rows, staffed }: { rows: EstateProgress[]; staffed: number }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const form = useFormModal<InviteValues, FirmUser>({
    submit: async ({ estates, ...invite }) => {
      const user = await createUser(inviteBody(invite));
      const role = invite.role as (typeof ONBOARDING_ROLES)[number];
      for (const estate of estates) await assignStaff({ estate, user: user.id, role });
      return user;
    },
    reset: ['email', 'full_name', 'phone'],
    onSuccess: (user) => message.success(t('users.invited', { email: user.email })),
  });

  async function finish(values: InviteValues) {
    await form.finish(values);
    // after a failure too: the invitation may be out while an assignment was refused
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['users'] }),
      queryClient.invalidateQueries({ queryKey: ['estates'] }),
    ]);
  }

  const names = (users: FirmUser[]) =>
    users.length === 0 ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      <Space size={4} wrap>
        {users.map((u) => (
          <Tag key={u.id} color={u.invitation_pending ? 'gold' : 'green'}>
            {u.full_name || u.email}
            {u.invitation_pending ? ` · ${t('users.statusInvited')}` : ''}
          </Tag>
        ))}
      </Space>
    );
  const columns: TableColumnsType<EstateProgress> = [
    { title: t('estates.field.name'), key: 'estate', render: (_, r) => r.estate.name },
    { title: t('support.wizard.invite.managers'), key: 'managers', render: (_, r) => names(r.managers) },
    { title: t('support.wizard.invite.staff'), key: 'staff', render: (_, r) => names(r.staff) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Card title={t('support.wizard.invite.title')} data-testid="wizard-invite">
        <Typography.Paragraph type="secondary">{t('support.wizard.invite.hint')}</Typography.Paragraph>
        <FormFailure message={form.failure} />
        <Form<InviteValues>
          form={form.form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ role: 'manager', estates: rows.length === 1 ? [rows[0].estate.id] : [] }}
          onFinish={(values) => void finish(values)}
        >
          <InviteUserFields roles={ONBOARDING_ROLES} />
          <Form.Item
            name="estates"
            label={t('support.wizard.invite.estates')}
            rules={[{ required: true, message: t('support.wizard.invite.estatesRequired') }]}
          >
            <Checkbox.Group
              data-testid="field-estates"
              options={rows.map(({ estate }) => ({ value: estate.id, label: estate.name }))}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<UserAddOutlined />}
            loading={form.submitting}
            data-testid="invite-submit"
          >
            {t('users.inviteSubmit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('support.wizard.invite.who')} data-testid="wizard-staffed">
        <Typography.Paragraph data-testid="wizard-staffed-count">
          {t('support.wizard.invite.staffed', { done: staffed, count: rows.length })}
        </Typography.Paragraph>
        <Table<EstateProgress>
          rowKey={(r) => r.estate.id}
          size="small"
          pagination={false}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `wizard-staff-${r.estate.code}` }) as Record<string, string>}
        />
      </Card>
    </Space>
  );
}
