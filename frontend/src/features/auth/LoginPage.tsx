import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Form, Input, Typography } from 'antd';
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
import './login.css';
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
      <LoginTabs
        tabs={[
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
