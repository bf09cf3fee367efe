/**
 * Who works on the estate. A firm admin (`estates.staff.assign`) assigns a manager or a staff
 * member from the firm's users of that role, and ends an assignment.
 */
import { App, Button, Card, Form, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/errors';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { LoadError } from '../../../app/StatusPages';
import { fill, inlineForm } from '../../../app/tokens';
import { formatDate } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n';
import { assignStaff, unassignStaff, useEstatesMutation, useFirmUsers, useStaff } from '../api';
import { staffRoleLabel } from '../labels';
import { STAFF_ROLES, type Estate, type StaffAssignment, type StaffRole } from '../types';

interface AssignValues {
  role: StaffRole;
  user: number;
}

export function StaffTab({ estate }: { estate: Estate }) {
  const t = useT();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canAssign = hasCapability(me, 'estates.staff.assign');
  const staff = useStaff(estate.id);
  const assign = useEstatesMutation(assignStaff);
  const unassign = useEstatesMutation(unassignStaff);
  const assigning = useFormModal<AssignValues, StaffAssignment>({
    submit: (values) => assign.mutateAsync({ estate: estate.id, user: values.user, role: values.role }),
    // the role stays for the next assignment
    reset: ['user'],
    onSuccess: (assignment) =>
      message.success(t('estates.staff.assigned', { name: assignment.user_name || assignment.user_email })),
  });
  const form = assigning.form;
  const role = Form.useWatch('role', form) ?? 'staff';
  const users = useFirmUsers(role, canAssign);

  const assigned = new Set((staff.data?.results ?? []).map((a) => `${a.user}:${a.role}`));
  const candidates = (users.data?.results ?? []).filter((u) => u.is_active && !assigned.has(`${u.id}:${role}`));

  const columns: TableColumnsType<StaffAssignment> = [
    {
      title: t('estates.staff.name'),
      key: 'name',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{a.user_name || a.user_email}</Typography.Text>
          <Typography.Text type="secondary">{a.user_email}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('estates.staff.role'),
      dataIndex: 'role',
      render: (r: string) => <Tag color={r === 'manager' ? 'blue' : 'default'}>{staffRoleLabel(t, r)}</Tag>,
    },
    { title: t('estates.staff.since'), dataIndex: 'since', responsive: ['sm'], render: (d: string) => formatDate(d, locale) },
  ];
  if (canAssign) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Popconfirm
          title={t('estates.staff.unassignConfirm', { name: a.user_name || a.user_email })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            unassign
              .mutateAsync(a.id)
              .then(() => message.success(t('estates.staff.unassigned', { name: a.user_name || a.user_email })))
              .catch((error: unknown) => message.error(errorMessage(error, t)))
          }
        >
          <Button size="small" danger data-testid={`unassign-${a.id}`}>
            {t('estates.staff.unassign')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      {canAssign && (
        <Card size="small" title={t('estates.staff.assign')}>
          <FormFailure message={assigning.failure} compact />
          <Form form={form} layout="inline" initialValues={{ role: 'staff' }} onFinish={assigning.finish} style={inlineForm}>
            <Form.Item name="role">
              <Radio.Group
                data-testid="field-role"
                optionType="button"
                buttonStyle="solid"
                onChange={() => form.resetFields(['user'])}
                options={STAFF_ROLES.map((r) => ({ value: r, label: staffRoleLabel(t, r) }))}
              />
            </Form.Item>
            <Form.Item
              name="user"
              style={{ flex: '1 1 240px' }}
              rules={[{ required: true, message: t('validation.required', { field: t('estates.staff.user') }) }]}
            >
              <Select
                data-testid="field-user"
                aria-label={t('estates.staff.user')}
                placeholder={t('estates.staff.user')}
                loading={users.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('estates.staff.noCandidates')}
                options={candidates.map((u) => ({ value: u.id, label: u.full_name ? `${u.full_name} (${u.email})` : u.email }))}
              />
            </Form.Item>
            <Form.Item style={{ marginInlineEnd: 0 }}>
              <Button
                type="primary"
                htmlType="submit"
                icon={<UserAddOutlined />}
                loading={assigning.submitting}
                data-testid="assign-submit"
              >
                {t('estates.staff.assignSubmit')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {staff.isError ? (
        <LoadError error={staff.error} onRetry={() => staff.refetch()} />
      ) : (
        <Table<StaffAssignment>
          rowKey="id"
          size="middle"
          data-testid="staff-table"
          columns={columns}
          dataSource={staff.data?.results ?? []}
          loading={staff.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.staff.empty') }}
        />
      )}
    </Space>
  );
}
