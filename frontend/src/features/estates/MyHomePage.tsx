/**
 * `/my-home`: a resident's own units (estate, building, number, area, current owners and
 * occupants), and a copy of everything the firm holds about them, as a JSON file.
 */
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, HomeOutlined } from '@ant-design/icons';
import { errorMessage } from '../../app/errors';
import { FullPageSpinner, LoadError } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { downloadPersonalData, useMyHome } from './api';
import { formatArea, unitUseLabel } from './labels';
import type { HomeUnit } from './types';
import { fill, fullHeight } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

function People({ names, empty }: { names: string[]; empty: string }) {
  if (!names.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {names.map((name, i) => (
        <Tag key={`${name}-${i}`}>{name}</Tag>
      ))}
    </Space>
  );
}

function UnitCard({ unit }: { unit: HomeUnit }) {
  const t = useT();
  const none = t('common.none');
  return (
    <Card
      data-testid={`home-unit-${unit.id}`}
      title={
        <Space>
          <HomeOutlined aria-hidden />
          <span>{t('estates.myHome.unitTitle', { building: unit.building_name, number: unit.number })}</span>
        </Space>
      }
      style={fullHeight}
    >
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 0 }}>
        {unit.estate_name}
      </Typography.Title>
      {unit.estate_address && <Typography.Paragraph type="secondary">{unit.estate_address}</Typography.Paragraph>}
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'building', label: t('estates.unit.building'), children: unit.building_name },
          { key: 'number', label: t('estates.unit.number'), children: unit.number },
          { key: 'floor', label: t('estates.unit.floor'), children: unit.floor },
          { key: 'area', label: t('estates.unit.area'), children: formatArea(unit.area) || none },
          { key: 'use', label: t('estates.unit.use'), children: unitUseLabel(t, unit.use) },
          { key: 'owners', label: t('estates.unit.owners'), children: <People names={unit.owners} empty={none} /> },
          {
            key: 'occupants',
            label: t('estates.myHome.occupants'),
            children: <People names={unit.occupants} empty={none} />,
          },
        ]}
      />
    </Card>
  );
}

export default function MyHomePage() {
  const t = useT();
  const { message } = App.useApp();
  const home = useMyHome();
  const [downloading, setDownloading] = useState(false);
  useDocumentTitle(t('estates.myHome.title'));

  async function download() {
    setDownloading(true);
    try {
      await downloadPersonalData();
      message.success(t('estates.myHome.downloaded'));
    } catch (error) {
      message.error(errorMessage(error, t));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle>{t('estates.myHome.title')}</PageTitle>
        <Button icon={<DownloadOutlined />} loading={downloading} data-testid="download-personal-data" onClick={download}>
          {t('estates.myHome.download')}
        </Button>
      </Flex>
      {home.isPending ? (
        <FullPageSpinner />
      ) : home.isError ? (
        <LoadError error={home.error} onRetry={() => home.refetch()} />
      ) : home.data.length === 0 ? (
        <Card>
          <Empty description={t('estates.myHome.empty')} data-testid="my-home-empty" />
        </Card>
      ) : (
        <Row gutter={[16, 16]} data-testid="my-home-units">
          {home.data.map((unit) => (
            <Col xs={24} md={12} xl={8} key={unit.id}>
              <UnitCard unit={unit} />
            </Col>
          ))}
        </Row>
      )}
      <Typography.Paragraph type="secondary">{t('estates.myHome.privacy')}</Typography.Paragraph>
    </Space>
  );
}
