/**
 * The staff home: who is logged in (e-mail and each role once), for the firm's score keepers
 * the latest scores and open improvement plans, and the modules in service with the screens
 * this user may open, and those on their way.
 */
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, CustomerServiceOutlined, FileSearchOutlined, StarOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ButtonLink } from '../../app/ButtonLink';
import { NAV_ITEMS, visibleNavItems } from '../../app/menu';
import { hasCapability } from '../../app/session';
import { StaffScoringCard } from '../scoring/StaffScoringCard';
import { useT, type MessageKey } from '../../i18n';
import type { Me } from '../../api/types';
import { roleLabel } from '../users/RoleTags';
import { fill, flush, fullHeight } from '../../app/tokens';

interface Module {
  key: string;
  title: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  /** Menu entries (NAV_ITEMS keys) that open the module; absent while it is coming. */
  screens?: readonly string[];
}

export const UPCOMING_MODULES: readonly Module[] = [
  {
    key: 'estates',
    title: 'home.module.estates',
    description: 'home.module.estatesDesc',
    icon: <ApartmentOutlined />,
    screens: ['estates', 'my-home'],
  },
  {
    key: 'complaints',
    title: 'home.module.complaints',
    description: 'home.module.complaintsDesc',
    icon: <CustomerServiceOutlined />,
    screens: ['requests-new', 'requests', 'desk', 'complaints-dashboard', 'complaints-board'],
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

export default function StaffHome({ me }: { me: Me }) {
  const t = useT();
  const roles = [...new Set(me.roles.map((r) => r.role))];
  const mine = visibleNavItems(NAV_ITEMS, { capabilities: me.capabilities, hostKind: 'firm' });

  return (
    <Space orientation="vertical" size="large" style={fill}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.full_name || me.email })}
        </Typography.Title>
        <Space wrap data-testid="current-user">
          <Typography.Text type="secondary">{me.email}</Typography.Text>
          {roles.map((role) => (
            <Tag key={role} color="blue">
              {roleLabel(t, role)}
            </Tag>
          ))}
        </Space>
      </Card>
      {hasCapability(me, 'scoring.draft') && <StaffScoringCard />}
      <section aria-labelledby="modules-title">
        <Typography.Title level={3} id="modules-title">
          {t('home.modulesTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {UPCOMING_MODULES.map((module) => {
            const screens = mine.filter((item) => module.screens?.includes(item.key));
            if (module.screens && screens.length === 0) return null; // live, but not for this user
            return (
              <Col xs={24} sm={12} xl={8} key={module.key}>
                <Card
                  data-testid={`module-${module.key}`}
                  title={
                    <Space>
                      <span aria-hidden>{module.icon}</span>
                      {t(module.title)}
                    </Space>
                  }
                  extra={module.screens ? null : <Tag color="default">{t('app.comingSoon')}</Tag>}
                  style={fullHeight}
                >
                  <Typography.Paragraph type="secondary" style={flush}>
                    {t(module.description)}
                  </Typography.Paragraph>
                  {screens.length > 0 && (
                    <Space wrap style={{ marginTop: 12 }}>
                      {screens.map((item) => (
                        <ButtonLink key={item.key} to={item.path} icon={item.icon} data-testid={`open-${item.key}`}>
                          {t(item.label)}
                        </ButtonLink>
                      ))}
                    </Space>
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      </section>
    </Space>
  );
}
