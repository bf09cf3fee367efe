/**
 * The language switch and the elder-mode toggle, shown in the header and on the
 * logged-out screens.
 */
import { Button, Tooltip } from 'antd';
import { FontSizeOutlined, GlobalOutlined } from '@ant-design/icons';
import { useT } from '../i18n';
import { usePreferences } from './preferences';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { locale, setLocale } = usePreferences();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      icon={<GlobalOutlined />}
      lang={next}
      aria-label={t('header.switchLanguageLabel')}
      title={t('header.switchLanguageLabel')}
      onClick={() => setLocale(next)}
    >
      {compact ? (next === 'en' ? 'EN' : '中') : t('header.switchLanguage')}
    </Button>
  );
}

export function ElderToggle({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { elderMode, setElderMode } = usePreferences();
  const stateLabel = elderMode ? t('header.elderModeOn') : t('header.elderModeOff');
  const button = (
    <Button
      data-testid="elder-toggle"
      type={elderMode ? 'primary' : 'text'}
      ghost={false}
      icon={<FontSizeOutlined />}
      aria-pressed={elderMode}
      aria-label={compact ? t('header.elderMode') : undefined}
      onClick={() => setElderMode(!elderMode)}
    >
      {compact ? null : t('header.elderMode')}
    </Button>
  );
  return <Tooltip title={stateLabel}>{button}</Tooltip>;
}
