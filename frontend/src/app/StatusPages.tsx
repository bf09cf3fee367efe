import { Button, Result, Spin } from 'antd';
import { useT } from '../i18n';
import { ButtonLink } from './ButtonLink';
import { errorMessage } from './errors';

export function FullPageSpinner() {
  const t = useT();
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }} role="status" aria-live="polite">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      subTitle={t('app.notFoundHint')}
      extra={
        <ButtonLink to="/" type="primary">
          {t('app.backHome')}
        </ButtonLink>
      }
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('app.forbidden')}
      subTitle={t('app.forbiddenHint')}
      extra={
        <ButtonLink to="/" type="primary">
          {t('app.backHome')}
        </ButtonLink>
      }
    />
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('app.loadFailed')}
      subTitle={errorMessage(error, t)}
      extra={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}
