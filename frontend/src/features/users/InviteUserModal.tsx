import { Form, Input, Modal, Select, Typography } from 'antd';
import type { FirmUser, UserInvite } from '../../api/types';
import { INVITE_ROLES } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
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
  const modal = useFormModal<UserInvite, FirmUser>({
    submit: (values) => {
      const phone = values.phone?.trim();
      return createUser({
        ...values,
        email: values.email.trim(),
        full_name: values.full_name.trim(),
        ...(phone ? { phone } : { phone: undefined }),
      });
    },
    onSuccess: onInvited,
  });

  return (
    <Modal
      open={open}
      title={t('users.inviteTitle')}
      okText={t('users.inviteSubmit')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'invite-submit' } as Record<string, string>}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('users.inviteHint')}</Typography.Paragraph>
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" requiredMark={false} initialValues={{ role: 'staff' }} onFinish={modal.submit}>
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
