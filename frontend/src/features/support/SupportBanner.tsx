/**
 * Above every page of a firm host, in plain markup (the frame carries no antd):
 * - a platform admin acting under support access reads until when, and that residents'
 *   personal data is hidden (me.support);
 * - the firm's admins (support.decide) see that platform support is in the firm while a grant
 *   runs, with a link to the page where they revoke it.
 */
import SafetyCertificateFilled from '@ant-design/icons-svg/es/asn/SafetyCertificateFilled';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { PlainButtonLink } from '../../app/plain/parts';
import { hasCapability, useMe, useSite } from '../../app/session';
import { formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useSupportGrants } from './api';

export const SUPPORT_DECIDE = 'support.decide';

export function SupportBanner() {
  const { data: site } = useSite();
  const { data: me } = useMe();
  const t = useT();
  const locale = useLocale();
  const onFirm = site?.host_kind === 'firm';
  const deciding = onFirm && hasCapability(me, SUPPORT_DECIDE);
  const grants = useSupportGrants(deciding);
  if (!onFirm || !me) return null;
  if (me.support) {
    return (
      <div
        role="status"
        className="p-alert p-alert-row p-alert-warning"
        data-testid="support-acting-bar"
        style={{ marginBottom: '1rem' }}
      >
        <span className="p-alert-icon">
          <PlainIcon icon={SafetyCertificateFilled} />
        </span>
        <span className="p-alert-text">
          {t('support.banner.acting', { grant: me.support.grant, until: formatTime(me.support.expires_at, locale) })}
        </span>
        <PlainButtonLink to="/support/onboarding" small testId="support-onboarding-link">
          {t('support.banner.onboarding')}
        </PlainButtonLink>
      </div>
    );
  }
  const running = deciding ? (grants.data?.results ?? []).filter((g) => g.status === 'active' && g.running) : [];
  if (running.length === 0) return null;
  const first = running[0];
  return (
    <div
      role="status"
      className="p-alert p-alert-row p-alert-warning"
      data-testid="support-banner"
      style={{ marginBottom: '1rem' }}
    >
      <span className="p-alert-icon">
        <PlainIcon icon={SafetyCertificateFilled} />
      </span>
      <span className="p-alert-text">
        {t('support.banner.firm', { who: first.requested_by_email, until: formatTime(first.expires_at, locale) })}
      </span>
      <PlainButtonLink to="/support" small testId="support-banner-view">
        {t('support.banner.view')}
      </PlainButtonLink>
    </div>
  );
}
