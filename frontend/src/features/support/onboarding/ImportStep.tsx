/**
 * Step 2: each estate's buildings and units, through the firm's own import (estates' import
 * tab: template, upload, the same preview and commit, progress). The list shows how many units
 * each estate has; choosing one opens its import below.
 */
import { Button, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { fill } from '../../../app/tokens';
import { useT } from '../../../i18n';
import { EstateImport } from '../../estates/tabs/ImportTab';
import type { EstateProgress } from './progress';

export function ImportStep({
  rows,
  imported,
  selected,
  onSelect,
}: {
  rows: EstateProgress[];
  imported: number;
  selected: number | null;
  onSelect: (estate: number) => void;
}) {
  const t = useT();
  const chosen = rows.find((r) => r.estate.id === selected)?.estate;
  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Card title={t('support.wizard.step.import')} data-testid="wizard-import">
        <Typography.Text data-testid="wizard-import-count">
          {t('support.onboarding.imported', { done: imported, count: rows.length })}
        </Typography.Text>
        <Progress percent={rows.length ? Math.round((imported / rows.length) * 100) : 0} size="small" />
        <List
          size="small"
          dataSource={rows}
          renderItem={({ estate, units }) => (
            <List.Item
              data-testid={`wizard-import-${estate.code}`}
              actions={[
                <Button
                  key="open"
                  size="small"
                  type={estate.id === selected ? 'primary' : 'default'}
                  data-testid={`wizard-import-open-${estate.code}`}
                  onClick={() => onSelect(estate.id)}
                >
                  {units > 0 ? t('support.wizard.import.again') : t('support.onboarding.toImport')}
                </Button>,
              ]}
            >
              <Space wrap>
                <Typography.Text strong>{estate.name}</Typography.Text>
                {units > 0 ? (
                  <Tag color="green" data-testid="wizard-units">
                    {t('support.onboarding.units', { count: units })}
                  </Tag>
                ) : (
                  <Tag data-testid="wizard-units">{t('support.onboarding.noUnits')}</Tag>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {chosen && (
        <div data-testid="wizard-import-estate" data-estate={chosen.id}>
          <Typography.Title level={5}>{t('support.wizard.import.of', { name: chosen.name })}</Typography.Title>
          {/* keyed: another estate starts from an empty upload */}
          <EstateImport key={chosen.id} estate={chosen} />
        </div>
      )}
    </Space>
  );
}
