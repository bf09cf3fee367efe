/**
 * The language switch and the elder-mode toggle, shown in the header and on the
 * logged-out screens. Plain markup: they are on the login page.
 */
import FontSizeOutlined from '@ant-design/icons-svg/es/asn/FontSizeOutlined';
import GlobalOutlined from '@ant-design/icons-svg/es/asn/GlobalOutlined';
import { useT } from '../i18n';
import { PlainButton } from './plain';
import { PlainIcon } from './plain/PlainIcon';
import { usePreferences } from './preferences';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { locale, setLocale } = usePreferences();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <PlainButton
      kind="text"
      data-testid="lang-switch"
      lang={next}
      aria-label={t('header.switchLanguageLabel')}
      title={t('header.switchLanguageLabel')}
      onClick={() => setLocale(next)}
    >
      <PlainIcon icon={GlobalOutlined} />
      <span>{compact ? (next === 'en' ? 'EN' : '中') : t('header.switchLanguage')}</span>
    </PlainButton>
  );
}

export function ElderToggle({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { elderMode, setElderMode } = usePreferences();
  const stateLabel = elderMode ? t('header.elderModeOn') : t('header.elderModeOff');
  return (
    <PlainButton
      kind="text"
      className={elderMode ? 'is-on' : undefined}
      data-testid="elder-toggle"
      aria-pressed={elderMode}
      aria-label={compact ? t('header.elderMode') : undefined}
      title={stateLabel}
      onClick={() => setElderMode(!elderMode)}
    >
      <PlainIcon icon={FontSizeOutlined} />
      {compact ? null : <span>{t('header.elderMode')}</span>}
    </PlainButton>
  );
}
