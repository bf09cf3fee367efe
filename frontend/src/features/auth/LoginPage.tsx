/**
 * The login page: e-mail + password, or phone + SMS code (residents). Plain markup (no antd):
 * it is the first screen a resident's phone downloads.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../api/types';
import { checks, EMAIL, PlainButton, PlainFailure, PlainField, usePlainForm } from '../../app/plain';
import { safeNext } from '../../app/guards';
import { usePreferences } from '../../app/preferences';
import { clearSession, useMe } from '../../app/session';
import { useT } from '../../i18n';
import { login } from './api';
import { AuthLayout } from './AuthLayout';
import { SmsLoginForm } from './SmsLoginForm';
import './login.css';
import { trimEmail } from './rules';

export default function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { carryOver } = usePreferences();
  const { data: me } = useMe();
  const next = safeNext(params.get('next'));
  const signIn = usePlainForm({
    initial: { email: '', password: '' },
    normalize: { email: trimEmail },
    checks: {
      email: [
        checks.required(t('validation.required', { field: t('field.email') })),
        checks.pattern(EMAIL, t('validation.email')),
      ],
      password: [checks.required(t('validation.required', { field: t('field.password') }))],
    },
    submit: async (values) => carryOver(await login({ email: values.email.trim(), password: values.password })),
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
      <p className="p-muted auth-subtitle">{t('auth.loginSubtitle')}</p>
      <LoginTabs
        tabs={[
          {
            key: 'password',
            label: <span data-testid="login-tab-password">{t('auth.tab.password')}</span>,
            children: (
              <>
                <PlainFailure message={signIn.failure} testId="form-error" />
                <form onSubmit={signIn.onSubmit} noValidate>
                  <fieldset disabled={submitting} className="auth-fieldset">
                    <PlainField
                      label={t('field.email')}
                      testId="field-email"
                      autoComplete="username"
                      inputMode="email"
                      autoFocus
                      value={signIn.values.email}
                      error={signIn.errors.email}
                      onValue={(value) => signIn.set('email', value)}
                    />
                    <PlainField
                      label={t('field.password')}
                      testId="field-password"
                      type="password"
                      autoComplete="current-password"
                      value={signIn.values.password}
                      error={signIn.errors.password}
                      onValue={(value) => signIn.set('password', value)}
                    />
                    <div className="p-field">
                      <PlainButton data-testid="login-submit" kind="primary" type="submit" block loading={submitting}>
                        {t('auth.login')}
                      </PlainButton>
                    </div>
                  </fieldset>
                </form>
                <Link to="/forgot-password" data-testid="forgot-password" className="p-link">
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

interface LoginTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Two sign-in ways as tabs (WAI-ARIA tabs: arrow keys move between them). Plain markup rather
 * than antd's Tabs, whose tab strip (overflow menu, dropdown) would be most of the login
 * page's download on a phone. A tab's panel is made the first time it is shown, then kept.
 */
function LoginTabs({ tabs }: { tabs: LoginTab[] }) {
  const [active, setActive] = useState(tabs[0].key);
  const [seen, setSeen] = useState<string[]>([tabs[0].key]);
  const show = (key: string) => {
    setActive(key);
    setSeen((keys) => (keys.includes(key) ? keys : [...keys, key]));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const index = tabs.findIndex((tab) => tab.key === active);
    const next = tabs[(index + step + tabs.length) % tabs.length].key;
    show(next);
    document.getElementById(`login-tab-${next}`)?.focus();
  };
  return (
    <div data-testid="login-tabs">
      <div role="tablist" className="login-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            id={`login-tab-${tab.key}`}
            type="button"
            role="tab"
            aria-selected={tab.key === active}
            aria-controls={`login-panel-${tab.key}`}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => show(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) =>
        seen.includes(tab.key) ? (
          <div
            key={tab.key}
            id={`login-panel-${tab.key}`}
            role="tabpanel"
            aria-labelledby={`login-tab-${tab.key}`}
            hidden={tab.key !== active}
          >
            {tab.children}
          </div>
        ) : null,
      )}
    </div>
  );
}
