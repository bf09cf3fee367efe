import { useState } from 'react';
import { Button, Form, Input, Result, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ButtonLink } from '../../app/ButtonLink';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { confirmPasswordReset } from './api';
import { AuthLayout } from './AuthLayout';
import { passwordConfirmRules, passwordRules } from './rules';

interface Values {
  password: string;
  password_confirm: string;
}

export default function ResetPasswordPage() {
  const t = useT();
  const { uid = '', token = '' } = useParams();
  const [done, setDone] = useState(false);
  const reset = useFormModal<Values>({
    submit: (values) => confirmPasswordReset({ uid, token, password: values.password }),
    reset: false,
    describe: (error, message) =>
      isApiError(error) && ('token' in error.fields || 'uid' in error.fields) ? t('auth.resetInvalidLink') : message,
    onSuccess: () => setDone(true),
  });
  const submitting = reset.submitting;

  return (
    <AuthLayout title={t('auth.resetTitle')}>
      {done ? (
        <Result
          status="success"
          title={t('auth.resetDone')}
          data-testid="reset-done"
          extra={
            <ButtonLink to="/login" type="primary">
              {t('auth.login')}
            </ButtonLink>
          }
        />
      ) : (
        <>
          <FormFailure message={reset.failure} action={<Link to="/forgot-password">{t('auth.forgotPassword')}</Link>} />
          <Form form={reset.form} layout="vertical" onFinish={reset.finish} requiredMark={false} disabled={submitting}>
            <Form.Item
              name="password"
              label={t('field.password')}
              rules={passwordRules(t)}
              extra={<Typography.Text type="secondary">{t('auth.passwordHint')}</Typography.Text>}
            >
              <Input.Password data-testid="field-password" autoComplete="new-password" autoFocus />
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
              <Button data-testid="reset-submit" type="primary" htmlType="submit" block loading={submitting}>
                {t('auth.resetSubmit')}
              </Button>
            </Form.Item>
          </Form>
          <Link to="/login">{t('auth.backToLogin')}</Link>
        </>
      )}
    </AuthLayout>
  );
}
