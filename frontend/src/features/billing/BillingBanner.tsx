/**
 * The lapse banner for whoever manages the firm's billing: past due (with the end of the grace
 * period), locked (management read-only), or a trial that ended. Shown above every page.
 */
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { hasCapability, useMe, useSite } from '../../app/session';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useBillingSummary } from './api';

export const BILLING_MANAGE = 'billing.manage';

export function BillingBanner() {
  const { data: site } = useSite();
  const { data: me } = useMe();
  const enabled = site?.host_kind === 'firm' && hasCapability(me, BILLING_MANAGE);
  const summary = useBillingSummary(enabled);
  const t = useT();
  const locale = useLocale();
  const standing = summary.data?.standing;
  if (!enabled || !standing?.banner) return null;
  const message = standing.locked
    ? standing.status === 'none'
      ? t('billing.banner.trialOver')
      : t('billing.banner.locked')
    : t('billing.banner.pastDue', { date: formatDate(standing.grace_ends_at, locale) });
  return (
    <Alert
      type={standing.locked ? 'error' : 'warning'}
      showIcon
      data-testid="billing-banner"
      data-locked={standing.locked ? 'true' : 'false'}
      style={{ marginBottom: 16 }}
      message={message}
      action={
        <Link to="/billing">
          <Button size="small" type="primary" data-testid="billing-banner-pay">
            {t('billing.banner.pay')}
          </Button>
        </Link>
      }
    />
  );
}
