/**
 * The lapse banner for whoever manages the firm's billing: past due (with the end of the grace
 * period), locked (management read-only), or a trial that ended. Shown above every page, in
 * plain markup (antd's Alert with an action, drawn in src/app/plain/frame.css): it is in the
 * logged-in frame, which carries no antd.
 */
import CloseCircleFilled from '@ant-design/icons-svg/es/asn/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons-svg/es/asn/ExclamationCircleFilled';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { PlainButtonLink } from '../../app/plain/parts';
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
    <div
      role="alert"
      className={`p-alert p-alert-row ${standing.locked ? 'p-alert-error' : 'p-alert-warning'}`}
      data-testid="billing-banner"
      data-locked={standing.locked ? 'true' : 'false'}
      style={{ marginBottom: '1rem' }}
    >
      <span className="p-alert-icon">
        <PlainIcon icon={standing.locked ? CloseCircleFilled : ExclamationCircleFilled} />
      </span>
      <span className="p-alert-text">{message}</span>
      <PlainButtonLink to="/billing" kind="primary" small testId="billing-banner-pay">
        {t('billing.banner.pay')}
      </PlainButtonLink>
    </div>
  );
}
