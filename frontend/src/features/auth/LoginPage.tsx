import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginRequest } from '../../api/types';
import { formFailureMessage } from '../../app/errors';
import { safeNext } from '../../app/guards';
import { usePreferences } from '../../app/preferences';
import { clearSession, useMe } from '../../app/session';
import { useT } from '../../i18n';
import { login } from './api';
import { AuthLayout } from './AuthLayout';
import { emailRules, requiredRule, trimEmail } from './rules';

export default function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<LoginRequest>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { carryOver } = usePreferences();
  const { data: me } = useMe();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (me && !submitting) return <Navigate to={next} replace />;

  async function onFinish(values: LoginRequest) {
    setSubmitting(true);
    setFailure(null);
    try {
      const user = await carryOver(await login({ email: values.email.trim(), password: values.password }));
      clearSession(queryClient, user);
      navigate(next, { replace: true });
    } catch (error) {
      setFailure(formFailureMessage(form, error, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
      {failure && (
        <Alert type="error" showIcon title={failure} role="alert" data-testid="form-error" style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
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
    </AuthLayout>
  );
}
