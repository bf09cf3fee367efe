import { Form, Modal, Typography } from 'antd';
import type { FirmUser, UserInvite } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { createUser } from './api';
import { InviteUserFields, inviteBody } from './InviteUserFields';

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
    submit: (values) => createUser(inviteBody(values)),
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
        <InviteUserFields />
        {/* lets Enter submit the form */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
