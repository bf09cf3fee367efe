import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import type { FirmUser, UserInvite } from '../../api/types';
import { INVITE_ROLES } from '../../api/types';
import { formFailureMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { emailRules, requiredRule, trimEmail } from '../auth/rules';
import { createUser } from './api';
import { roleLabel } from './RoleTags';

export function InviteUserModal({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (user: FirmUser) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<UserInvite>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit() {
    let values: UserInvite;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const phone = values.phone?.trim();
      const user = await createUser({
        ...values,
        email: values.email.trim(),
        full_name: values.full_name.trim(),
        ...(phone ? { phone } : { phone: undefined }),
      });
      form.resetFields();
      onInvited(user);
    } catch (error) {
      setFailure(formFailureMessage(form, error, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('users.inviteTitle')}
      okText={t('users.inviteSubmit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        setFailure(null);
        form.resetFields();
        onClose();
      }}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'invite-submit' } as Record<string, string>}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('users.inviteHint')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ role: 'staff' }} onFinish={submit}>
        <Form.Item name="email" label={t('field.email')} normalize={trimEmail} rules={emailRules(t)}>
          <Input data-testid="field-email" inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="full_name" label={t('field.full_name')} rules={[requiredRule(t, 'field.full_name')]}>
          <Input data-testid="field-full_name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('field.phone')}
          rules={[{ pattern: /^\+?[0-9 -]{5,20}$/, message: t('validation.phone') }]}
        >
          <Input data-testid="field-phone" inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('field.role')}
          rules={[{ required: true, message: t('validation.required', { field: t('field.role') }) }]}
        >
          <Select data-testid="field-role" options={INVITE_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))} />
        </Form.Item>
        {/* lets Enter submit the form */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
