/**
 * The frame of the logged-out screens: who this site is, language and elder
 * mode, then one card. Plain markup (login.css): it is the login page's frame.
 */
import type { ReactNode } from 'react';
import { ElderToggle, LanguageSwitch } from '../../app/PreferenceControls';
import { siteTitle, useSite } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import '../../app/plain/plain.css';
import './login.css';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const { data: site } = useSite();
  useDocumentTitle(title);
  const heading = site ? siteTitle(site, t('app.platformTitle')) : t('app.name');
  return (
    <div className="auth-frame">
      <div className="auth-bar">
        <strong className="auth-site" data-testid="site-title">
          {heading}
        </strong>
        <div className="auth-prefs">
          <LanguageSwitch />
          <ElderToggle />
        </div>
      </div>
      <main id="main" className="auth-main">
        <div className="p-card auth-card">
          <h2 className="p-title">{title}</h2>
          {children}
        </div>
      </main>
    </div>
  );
}
