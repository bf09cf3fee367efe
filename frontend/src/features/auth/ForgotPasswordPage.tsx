import { useState } from 'react';
import { Button, Form, Input, Result, Typography } from 'antd';
import { Link } from 'react-router';
import type { PasswordResetRequest } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { requestPasswordReset } from './api';
import { AuthLayout } from './AuthLayout';
import { emailRules, trimEmail } from './rules';

export default function ForgotPasswordPage() {
  const t = useT();
  const [sent, setSent] = useState(false);
  const request = useFormModal<PasswordResetRequest>({
    submit: (values) => requestPasswordReset({ email: values.email.trim() }),
    reset: false,
    onSuccess: () => setSent(true),
  });
  const submitting = request.submitting;

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
          <FormFailure message={request.failure} />
          <Form form={request.form} layout="vertical" onFinish={request.finish} requiredMark={false} disabled={submitting}>
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
