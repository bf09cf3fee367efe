/**
 * Waiting and error screens. Plain markup styled in status.css: they are on every screen's
 * first download (the spinner is every lazy screen's fallback), where antd's Result (with its
 * illustrations) and Spin would cost a phone more than the rest of the frame.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n';
import { errorMessage } from './errors';
import './plain/plain.css';
import './status.css';

export function FullPageSpinner() {
  const t = useT();
  return (
    <div className="status-spinner" role="status" aria-live="polite">
      {t('app.loading')}
    </div>
  );
}

/** A status screen (antd's Result in plain markup): a round mark, a title, a hint, actions. */
export function StatusResult({
  mark,
  error,
  title,
  subTitle,
  extra,
}: {
  mark: string;
  error?: boolean;
  title: string;
  subTitle: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="status-result">
      <span className={error ? 'status-result-icon is-error' : 'status-result-icon'} aria-hidden>
        {mark}
      </span>
      <h2 className="status-result-title">{title}</h2>
      <p className="status-result-subtitle">{subTitle}</p>
      {extra && <div className="status-result-extra">{extra}</div>}
    </div>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <StatusResult
      mark="?"
      title={t('app.notFound')}
      subTitle={t('app.notFoundHint')}
      extra={
        <Link to="/" className="p-btn p-btn-primary">
          {t('app.backHome')}
        </Link>
      }
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <StatusResult
      mark="!"
      title={t('app.forbidden')}
      subTitle={t('app.forbiddenHint')}
      extra={
        <Link to="/" className="p-btn p-btn-primary">
          {t('app.backHome')}
        </Link>
      }
    />
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <StatusResult
      mark="×"
      error
      title={t('app.loadFailed')}
      subTitle={errorMessage(error, t)}
      extra={
        onRetry ? (
          <button type="button" className="p-btn" onClick={onRetry}>
            {t('app.retry')}
          </button>
        ) : undefined
      }
    />
  );
}
