import { Button, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { usePreferences } from '../../app/preferences';
import { clearSession } from '../../app/session';
import { FullPageSpinner, LoadError } from '../../app/StatusPages';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { roleLabel } from '../users/RoleTags';
import { acceptInvitation, getInvitation } from './api';
import { AuthLayout } from './AuthLayout';
import { passwordConfirmRules, passwordRules, requiredRule } from './rules';
import { gapBelow } from '../../app/tokens';

interface Values {
  full_name: string;
  password: string;
  password_confirm: string;
}

export default function InvitePage() {
  const t = useT();
  const locale = useLocale();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { carryOver } = usePreferences();
  const accept = useFormModal<Values, Me>({
    submit: async (values) =>
      carryOver(await acceptInvitation(token, { full_name: values.full_name.trim(), password: values.password })),
    reset: false,
    onSuccess: (user) => {
      clearSession(queryClient, user);
      navigate('/', { replace: true });
    },
  });
  const submitting = accept.submitting;

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => getInvitation(token),
    retry: false,
    staleTime: Infinity,
  });

  if (invitation.isPending) {
    return (
      <AuthLayout title={t('auth.inviteTitle')}>
        <FullPageSpinner />
      </AuthLayout>
    );
  }
  if (invitation.isError) {
    const invalid = isApiError(invitation.error) && [400, 404, 410].includes(invitation.error.status);
    return (
      <AuthLayout title={t('auth.inviteTitle')}>
        {invalid ? (
          <Result
            status="warning"
            title={t('auth.inviteInvalid')}
            subTitle={t('auth.inviteInvalidHint')}
            data-testid="invite-invalid"
            extra={<Link to="/login">{t('auth.backToLogin')}</Link>}
          />
        ) : (
          <LoadError error={invitation.error} onRetry={() => invitation.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const info = invitation.data;

  return (
    <AuthLayout title={t('auth.inviteTitle')}>
      <Typography.Paragraph data-testid="invite-firm">
        {t('auth.inviteIntro', { firm: info.firm_name, role: roleLabel(t, info.role) })}
      </Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        style={gapBelow}
        items={[
          { key: 'firm', label: t('field.name'), children: info.firm_name },
          {
            key: 'email',
            label: t('field.email'),
            children: <span data-testid="invite-email">{info.email}</span>,
          },
        ]}
      />
      {info.expires_at && (
        <Typography.Paragraph type="secondary">
          {t('auth.inviteExpires', { time: formatDateTime(info.expires_at, locale) })}
        </Typography.Paragraph>
      )}
      <FormFailure message={accept.failure} />
      <Form
        form={accept.form}
        layout="vertical"
        onFinish={accept.finish}
        requiredMark={false}
        disabled={submitting}
        initialValues={{ full_name: info.full_name }}
      >
        <Form.Item name="full_name" label={t('field.full_name')} rules={[requiredRule(t, 'field.full_name')]}>
          <Input data-testid="field-full_name" autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('field.password')}
          rules={passwordRules(t)}
          extra={<Typography.Text type="secondary">{t('auth.passwordHint')}</Typography.Text>}
        >
          <Input.Password data-testid="field-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="password_confirm"
          label={t('field.password_confirm')}
          dependencies={['password']}
          rules={passwordConfirmRules(t)}
        >
          <Input.Password data-testid="field-password_confirm" autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Button data-testid="invite-submit" type="primary" htmlType="submit" block loading={submitting}>
            {t('auth.inviteSubmit')}
          </Button>
        </Form.Item>
      </Form>
    </AuthLayout>
  );
}
