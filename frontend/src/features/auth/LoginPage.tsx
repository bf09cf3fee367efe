import { Button, Form, Input, Tabs, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginRequest, Me } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { safeNext } from '../../app/guards';
import { usePreferences } from '../../app/preferences';
import { clearSession, useMe } from '../../app/session';
import { useT } from '../../i18n';
import { login } from './api';
import { AuthLayout } from './AuthLayout';
import { SmsLoginForm } from './SmsLoginForm';
import { emailRules, requiredRule, trimEmail } from './rules';

export default function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { carryOver } = usePreferences();
  const { data: me } = useMe();
  const next = safeNext(params.get('next'));
  const signIn = useFormModal<LoginRequest, Me>({
    submit: async (values) => carryOver(await login({ email: values.email.trim(), password: values.password })),
    reset: false,
    onSuccess: (user) => signedIn(user),
  });
  const signedIn = (user: Me) => {
    clearSession(queryClient, user);
    navigate(next, { replace: true });
  };
  const submitting = signIn.submitting;

  if (me && !submitting) return <Navigate to={next} replace />;

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
      <Tabs
        data-testid="login-tabs"
        items={[
          {
            key: 'password',
            label: <span data-testid="login-tab-password">{t('auth.tab.password')}</span>,
            children: (
              <>
                <FormFailure message={signIn.failure} testId="form-error" />
                <Form form={signIn.form} layout="vertical" onFinish={signIn.finish} requiredMark={false} disabled={submitting}>
                  <Form.Item name="email" label={t('field.email')} normalize={trimEmail} rules={emailRules(t)}>
                    <Input data-testid="field-email" autoComplete="username" inputMode="email" autoFocus />
                  </Form.Item>
                  <Form.Item name="password" label={t('field.password')} rules={[requiredRule(t, 'field.password')]}>
                    <Input.Password data-testid="field-password" autoComplete="current-password" />
                  </Form.Item>
                  <Form.Item>
                    <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={submitting}>
                      {t('auth.login')}
                    </Button>
                  </Form.Item>
                </Form>
                <Link to="/forgot-password" data-testid="forgot-password">
                  {t('auth.forgotPassword')}
                </Link>
              </>
            ),
          },
          {
            key: 'sms',
            label: <span data-testid="login-tab-sms">{t('auth.tab.sms')}</span>,
            children: <SmsLoginForm onSignedIn={signedIn} />,
          },
        ]}
      />
    </AuthLayout>
  );
}
