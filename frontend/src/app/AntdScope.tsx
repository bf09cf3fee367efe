/**
 * antd's theme, locale and `App` (message, notification, modal) around the screens built on
 * antd. Loaded lazily by `WithAntd` (./withAntd.tsx): the resident's screens are plain markup,
 * so a resident's phone never downloads antd.
 */
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BASE_FONT_SIZE, ELDER_FONT_SIZE, usePreferences } from './preferences';

export default function AntdScope({ children }: { children: ReactNode }) {
  const { locale, elderMode } = usePreferences();
  const scale = elderMode ? ELDER_FONT_SIZE / BASE_FONT_SIZE : 1;
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: antTheme.defaultAlgorithm,
        token: {
          fontSize: elderMode ? ELDER_FONT_SIZE : BASE_FONT_SIZE,
          controlHeight: Math.round(32 * scale),
          controlHeightSM: Math.round(24 * scale),
          controlHeightLG: Math.round(40 * scale),
          colorPrimary: '#1677ff',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
