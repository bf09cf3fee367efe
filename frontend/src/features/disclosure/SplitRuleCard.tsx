/** The estate's split rules (分配规则): shares of the period's gross common-part income. */
import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Form, InputNumber, Typography } from 'antd';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { useT, type MessageKey } from '../../i18n';
import { useSaveSplitRule, useSplitRule } from './api';
import type { SplitRule, SplitRuleBody } from './types';

const FIELDS = ['firm_cost_share', 'owners_share', 'reinvestment_target', 'staff_cost_cap', 'maintenance_fund_minimum'] as const;

export function SplitRuleCard({ estate, editable }: { estate: number; editable: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const rule = useSplitRule(estate);
  const save = useSaveSplitRule(estate);
  const modal = useFormModal<SplitRuleBody, SplitRule>({
    submit: (values) => save.mutateAsync(values),
    onSuccess: () => void message.success(t('disclosure.rule.saved')),
    reset: false,
  });
  const { form } = modal;
  useEffect(() => {
    if (rule.data) form.setFieldsValue(rule.data);
  }, [rule.data, form]);

  if (!editable) {
    return (
      <Card title={t('disclosure.rule.title')} loading={rule.isPending}>
        {rule.data ? (
          <Descriptions column={1} size="small">
            {FIELDS.map((f) => (
              <Descriptions.Item key={f} label={t(`disclosure.rule.${f}` as MessageKey)}>
                {rule.data?.[f] ?? '—'}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('disclosure.rule.none')}</Typography.Text>
        )}
      </Card>
    );
  }
  return (
    <Card title={t('disclosure.rule.title')} loading={rule.isPending}>
      <FormFailure message={modal.failure} />
      <Form form={form} layout="vertical" onFinish={modal.submit}>
        {FIELDS.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={t(`disclosure.rule.${f}` as MessageKey)}
            rules={[{ required: f !== 'maintenance_fund_minimum' }]}
          >
            <InputNumber<string>
              stringMode
              min="0"
              max="100"
              step="0.5"
              precision={2}
              style={{ width: '100%' }}
              data-testid={`field-${f}`}
            />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={modal.submitting} data-testid="rule-save">
          {t('disclosure.rule.save')}
        </Button>
      </Form>
    </Card>
  );
}
