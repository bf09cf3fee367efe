/**
 * Where a new firm's setup stands: pending (spinner), ready (its address) or
 * failed (the error and what to do next). `data-status` lets tests wait for it.
 */
import { Alert, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Firm } from '../../api/types';
import { useT } from '../../i18n';

export function ProvisioningStatus({ firm, extra }: { firm: Firm; extra?: ReactNode }) {
  const t = useT();
  const status = firm.provisioning_status;
  return (
    <div data-testid="provisioning-status" data-status={status} aria-live="polite" aria-busy={status === 'pending'}>
      {status === 'pending' && (
        <Result
          icon={<Spin size="large" />}
          title={t('wizard.progressTitle')}
          subTitle={t('wizard.pending', { name: firm.name })}
          extra={extra}
        />
      )}
      {status === 'ready' && (
        <Result
          status="success"
          title={t('wizard.ready', { name: firm.name })}
          subTitle={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <a href={firm.url} target="_blank" rel="noopener noreferrer" data-testid="firm-url">
                  {firm.url}
                </a>
              </Typography.Paragraph>
              {firm.admin_email && (
                <Typography.Text type="secondary">{t('wizard.readyHint', { email: firm.admin_email })}</Typography.Text>
              )}
            </>
          }
          extra={extra}
        />
      )}
      {status === 'failed' && (
        <Result status="error" title={t('wizard.failed', { name: firm.name })} subTitle={t('wizard.failedHint')} extra={extra}>
          {firm.provisioning_error && (
            <Alert
              type="error"
              title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'monospace' }}>{firm.provisioning_error}</pre>}
              data-testid="provisioning-error"
            />
          )}
        </Result>
      )}
    </div>
  );
}
