/**
 * Step 1: the firm's estates. The estates screen's own "new estate" form (fields, checks and
 * write: estates/components), inline, and the list of the firm's estates made so far.
 */
import { App, Button, Card, Form, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { FormFailure } from '../../../app/useFormModal';
import { fill } from '../../../app/tokens';
import { useT } from '../../../i18n';
import { EstateFields } from '../../estates/components/EstateFields';
import { useNewEstateForm } from '../../estates/components/NewEstateModal';
import type { EstateProgress } from './progress';

export function EstatesStep({ rows }: { rows: EstateProgress[] }) {
  const t = useT();
  const { message } = App.useApp();
  const form = useNewEstateForm((estate) => message.success(t('estates.created', { name: estate.name })));

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Card title={t('support.wizard.estates.list')} data-testid="wizard-estates">
        <List
          size="small"
          dataSource={rows}
          locale={{ emptyText: t('support.wizard.estates.none') }}
          renderItem={({ estate, units }) => (
            <List.Item data-testid={`wizard-estate-${estate.code}`}>
              <Space wrap>
                <Typography.Text strong>{estate.name}</Typography.Text>
                <Tag>{estate.code}</Tag>
                {estate.address && <Typography.Text type="secondary">{estate.address}</Typography.Text>}
                {units > 0 ? (
                  <Tag color="green">{t('support.onboarding.units', { count: units })}</Tag>
                ) : (
                  <Tag>{t('support.onboarding.noUnits')}</Tag>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('estates.newTitle')} data-testid="wizard-new-estate">
        <FormFailure message={form.failure} />
        <Form form={form.form} layout="vertical" requiredMark="optional" onFinish={form.finish}>
          <EstateFields />
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={form.submitting} data-testid="estate-submit">
            {t('support.wizard.estates.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
