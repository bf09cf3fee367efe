import { useEffect, useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import type { Me, SmsLoginRequest } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { usePreferences } from '../../app/preferences';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT } from '../../i18n';
import { requestSmsCode, smsLogin } from './api';

export const RESEND_SECONDS = 60;
const PHONE = /^\s*(?:\+?86)?[\s-]*1[3-9]\d(?:[\s-]?\d){8}\s*$/;

/** Phone + SMS code (residents). The server answers the same for every number, so the form
 * only ever says "sent"; the button counts down 60 s before the next code. */
export function SmsLoginForm({ onSignedIn }: { onSignedIn: (user: Me) => void }) {
  const t = useT();
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const { carryOver } = usePreferences();
  const signIn = useFormModal<SmsLoginRequest, Me>({
    submit: async (values) => carryOver(await smsLogin({ phone: values.phone.trim(), code: values.code.trim() })),
    reset: false,
    onSuccess: onSignedIn,
  });

  useEffect(() => {
    if (left <= 0) return undefined;
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);

  const send = async () => {
    try {
      await signIn.form.validateFields(['phone']);
    } catch {
      return;
    }
    setSending(true);
    setSendError(null);
    try {
      await requestSmsCode({ phone: String(signIn.form.getFieldValue('phone')).trim() });
      setSent(true);
      setLeft(RESEND_SECONDS);
    } catch (error) {
      setSendError(errorMessage(error, t));
    } finally {
      setSending(false);
    }
  };

  const submitting = signIn.submitting;
  return (
    <>
      <FormFailure message={signIn.failure ?? sendError} testId="sms-form-error" />
      <Form form={signIn.form} layout="vertical" onFinish={signIn.finish} requiredMark={false} disabled={submitting}>
        <Form.Item
          name="phone"
          label={t('auth.sms.phone')}
          rules={[
            { required: true, message: t('auth.sms.phoneRequired') },
            { pattern: PHONE, message: t('auth.sms.phoneInvalid') },
          ]}
        >
          <Input data-testid="field-phone" autoComplete="tel" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item label={t('auth.sms.code')} required={false} extra={sent ? t('auth.sms.sent') : undefined}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.sms.codeInvalid') }]}>
              <Input data-testid="field-sms-code" autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button data-testid="sms-send" onClick={send} loading={sending} disabled={left > 0 || submitting}>
              {left > 0 ? t('auth.sms.resendIn', { seconds: left }) : t('auth.sms.send')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item>
          <Button data-testid="sms-login-submit" type="primary" htmlType="submit" block loading={submitting}>
            {t('auth.login')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
