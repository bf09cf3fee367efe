/**
 * The firm's home: who is logged in, and the modules on their way.
 */
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  CustomerServiceOutlined,
  FileSearchOutlined,
  StarOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useMe } from '../../app/session';
import { FullPageSpinner } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { RoleTags } from '../users/RoleTags';

interface Module {
  key: string;
  title: MessageKey;
  description: MessageKey;
  icon: ReactNode;
}

export const UPCOMING_MODULES: readonly Module[] = [
  {
    key: 'complaints',
    title: 'home.module.complaints',
    description: 'home.module.complaintsDesc',
    icon: <CustomerServiceOutlined />,
  },
  {
    key: 'supervision',
    title: 'home.module.supervision',
    description: 'home.module.supervisionDesc',
    icon: <FileSearchOutlined />,
  },
  { key: 'scoring', title: 'home.module.scoring', description: 'home.module.scoringDesc', icon: <StarOutlined /> },
  {
    key: 'disclosure',
    title: 'home.module.disclosure',
    description: 'home.module.disclosureDesc',
    icon: <AuditOutlined />,
  },
];

export default function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  useDocumentTitle(t('menu.home'));
  if (!me) return <FullPageSpinner />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.full_name || me.email })}
        </Typography.Title>
        <Typography.Paragraph data-testid="current-user">
          {t('home.signedInAs', { email: me.email })}
        </Typography.Paragraph>
        <Space wrap>
          <Typography.Text type="secondary">{t('home.yourRoles')}:</Typography.Text>
          <RoleTags roles={me.roles} />
        </Space>
      </Card>
      <section aria-labelledby="modules-title">
        <Typography.Title level={3} id="modules-title">
          {t('home.modulesTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {UPCOMING_MODULES.map((module) => (
            <Col xs={24} sm={12} xl={6} key={module.key}>
              <Card
                data-testid={`module-${module.key}`}
                title={
                  <Space>
                    <span aria-hidden>{module.icon}</span>
                    {t(module.title)}
                  </Space>
                }
                extra={<Tag color="default">{t('app.comingSoon')}</Tag>}
                style={{ height: '100%' }}
              >
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t(module.description)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </section>
    </Space>
  );
}
