/**
 * `/support/enter#<ticket>` on a firm host: the platform console opens it with a one-time
 * ticket; this page trades it for a support session and goes to the firm's start page, or to
 * `?next=` when the console asked for a page of this host (the onboarding wizard). The ticket
 * travels in the fragment, so it never reaches a server log.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/errors';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { safeNext, useEnter } from './api';

export default function SupportEnterPage() {
  const t = useT();
  useDocumentTitle(t('support.enter.title'));
  const navigate = useNavigate();
  const enter = useEnter();
  // read once: the effect below clears the fragment
  const [ticket] = useState(() => window.location.hash.replace(/^#/, ''));
  const [next] = useState(() => safeNext(new URLSearchParams(window.location.search).get('next')));
  const started = useRef(false);

  useEffect(() => {
    if (!ticket || started.current) return;
    started.current = true;
    // forget the ticket at once: it is used once, and a reload must not try it again
    window.history.replaceState(null, '', window.location.pathname);
    enter.mutate(ticket, { onSuccess: () => navigate(next, { replace: true }) });
  }, [ticket, next, enter, navigate]);

  if (!ticket) {
    return <Result status="warning" title={t('support.enter.title')} subTitle={t('support.enter.noTicket')} />;
  }
  if (enter.isError) {
    return (
      <Result
        status="error"
        title={t('support.enter.title')}
        subTitle={<span data-testid="support-enter-error">{errorMessage(enter.error, t)}</span>}
        extra={<Button href="/">{t('support.enter.back')}</Button>}
      />
    );
  }
  return <Result icon={<Spin size="large" />} title={t('support.enter.working')} data-testid="support-entering" />;
}
