/**
 * The frame of the logged-out screens: who this site is, language and elder
 * mode, then one card.
 */
import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { ElderToggle, LanguageSwitch } from '../../app/PreferenceControls';
import { siteTitle, useSite } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const { data: site } = useSite();
  useDocumentTitle(title);
  const heading = site ? siteTitle(site, t('app.platformTitle')) : t('app.name');
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', display: 'flex', flexDirection: 'column' }}>
      <Flex justify="space-between" align="center" gap={8} style={{ padding: '12px 16px' }} wrap>
        <Typography.Text strong style={{ fontSize: '1.15em' }} data-testid="site-title">
          {heading}
        </Typography.Text>
        <Flex gap={4} wrap>
          <LanguageSwitch />
          <ElderToggle />
        </Flex>
      </Flex>
      <main id="main" style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '8px 12px 32px' }}>
        <Card style={{ width: '100%', maxWidth: 440, alignSelf: 'flex-start', marginTop: '4vh' }}>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </main>
    </div>
  );
}
