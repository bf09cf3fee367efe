import { useState } from 'react';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { Link } from 'react-router';
import type { PasswordResetRequest } from '../../api/types';
import { formFailureMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { requestPasswordReset } from './api';
import { AuthLayout } from './AuthLayout';
import { emailRules, trimEmail } from './rules';

export default function ForgotPasswordPage() {
  const t = useT();
  const [form] = Form.useForm<PasswordResetRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function onFinish(values: PasswordResetRequest) {
    setSubmitting(true);
    setFailure(null);
    try {
      await requestPasswordReset({ email: values.email.trim() });
      setSent(true);
    } catch (error) {
      setFailure(formFailureMessage(form, error, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout title={t('auth.forgotTitle')}>
      {sent ? (
        <Result
          status="success"
          title={t('auth.forgotSent')}
          data-testid="reset-requested"
          extra={<Link to="/login">{t('auth.backToLogin')}</Link>}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('auth.forgotHint')}</Typography.Paragraph>
          {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
            <Form.Item name="email" label={t('field.email')} normalize={trimEmail} rules={emailRules(t)}>
              <Input data-testid="field-email" autoComplete="email" inputMode="email" autoFocus />
            </Form.Item>
            <Form.Item>
              <Button data-testid="forgot-submit" type="primary" htmlType="submit" block loading={submitting}>
                {t('auth.forgotSubmit')}
              </Button>
            </Form.Item>
          </Form>
          <Link to="/login">{t('auth.backToLogin')}</Link>
        </>
      )}
    </AuthLayout>
  );
}
