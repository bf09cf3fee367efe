import { useEffect, useState } from 'react';
import { checks, PlainButton, PlainFailure, PlainField, usePlainForm } from '../../app/plain';
import type { Me } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { usePreferences } from '../../app/preferences';
import { useT } from '../../i18n';
import { requestSmsCode, smsLogin } from './api';

export const RESEND_SECONDS = 60;
const PHONE = /^\s*(?:\+?86)?[\s-]*1[3-9]\d(?:[\s-]?\d){8}\s*$/;

/** Phone + SMS code (residents). The server answers the same for every number, so the form
 * only ever says "sent"; the button counts down 60 s before the next code. Plain markup: it is
 * on the login page. */
export function SmsLoginForm({ onSignedIn }: { onSignedIn: (user: Me) => void }) {
  const t = useT();
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const { carryOver } = usePreferences();
  const signIn = usePlainForm({
    initial: { phone: '', code: '' },
    checks: {
      phone: [checks.required(t('auth.sms.phoneRequired')), checks.pattern(PHONE, t('auth.sms.phoneInvalid'))],
      code: [checks.required(t('auth.sms.codeInvalid')), checks.pattern(/^\d{6}$/, t('auth.sms.codeInvalid'))],
    },
    submit: async (values) => carryOver(await smsLogin({ phone: values.phone.trim(), code: values.code.trim() })),
    onSuccess: onSignedIn,
  });

  useEffect(() => {
    if (left <= 0) return undefined;
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);

  const send = async () => {
    // While sending the button stays enabled (as antd's loading button): a click does nothing.
    if (sending || !signIn.validate(['phone'])) return;
    setSending(true);
    setSendError(null);
    try {
      await requestSmsCode({ phone: signIn.values.phone.trim() });
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
      <PlainFailure message={signIn.failure ?? sendError} testId="sms-form-error" />
      <form onSubmit={signIn.onSubmit} noValidate>
        <fieldset disabled={submitting} className="auth-fieldset">
          <PlainField
            label={t('auth.sms.phone')}
            testId="field-phone"
            autoComplete="tel"
            inputMode="tel"
            maxLength={20}
            value={signIn.values.phone}
            error={signIn.errors.phone}
            onValue={(value) => signIn.set('phone', value)}
          />
          <PlainField
            label={t('auth.sms.code')}
            testId="field-sms-code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            value={signIn.values.code}
            error={signIn.errors.code}
            extra={sent ? t('auth.sms.sent') : undefined}
            onValue={(value) => signIn.set('code', value)}
            after={
              <PlainButton data-testid="sms-send" onClick={() => void send()} loading={sending} disabled={left > 0 || submitting}>
                {left > 0 ? t('auth.sms.resendIn', { seconds: left }) : t('auth.sms.send')}
              </PlainButton>
            }
          />
          <div className="p-field">
            <PlainButton data-testid="sms-login-submit" kind="primary" type="submit" block loading={submitting}>
              {t('auth.login')}
            </PlainButton>
          </div>
        </fieldset>
      </form>
    </>
  );
}
