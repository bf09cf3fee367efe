/**
 * The invitation's fields and body, shared by the users screen's "invite" modal and the
 * onboarding wizard's inline form (which offers only the roles support access may invite).
 */
import { Form, Input, Select } from 'antd';
import type { InviteRole, UserInvite } from '../../api/types';
import { INVITE_ROLES } from '../../api/types';
import { useT } from '../../i18n';
import { emailRules, requiredRule, trimEmail } from '../auth/rules';
import { roleLabel } from './RoleTags';

/** What the API takes: trimmed, and no phone rather than an empty one. */
export function inviteBody(values: UserInvite): UserInvite {
  const phone = values.phone?.trim();
  return {
    ...values,
    email: values.email.trim(),
    full_name: (values.full_name ?? '').trim(),
    ...(phone ? { phone } : { phone: undefined }),
  };
}

export function InviteUserFields({ roles = INVITE_ROLES }: { roles?: readonly InviteRole[] }) {
  const t = useT();
  return (
    <>
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
        <Select data-testid="field-role" options={roles.map((role) => ({ value: role, label: roleLabel(t, role) }))} />
      </Form.Item>
    </>
  );
}
