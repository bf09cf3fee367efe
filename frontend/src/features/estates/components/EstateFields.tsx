/**
 * An estate's setup fields, shared by "new estate" and the overview's edit form, and the
 * conversion between the form's values and the API's body.
 */
import { Col, Form, Input, InputNumber, Row } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../../../i18n';
import { requiredRule } from '../../auth/rules';
import { DEFAULT_SLA_HOURS, SLA_KEYS, type Estate, type EstateWrite, type SlaHours } from '../types';
import { fill } from '../../../app/tokens';

export interface EstateFormValues {
  name: string;
  code: string;
  address?: string;
  city?: string;
  district?: string;
  total_floor_area?: number | null;
  household_count?: number | null;
  handover_date?: string;
  contract_start?: string;
  contract_end?: string;
  settings?: { sla_hours?: Partial<SlaHours> };
}

const trimmed = (value?: string) => (value ?? '').trim();
const dateOrNull = (value?: string) => (value ? value : null);

export function toEstateWrite(values: EstateFormValues, withSla = false): EstateWrite {
  const body: EstateWrite = {
    name: trimmed(values.name),
    code: trimmed(values.code),
    address: trimmed(values.address),
    city: trimmed(values.city),
    district: trimmed(values.district),
    handover_date: dateOrNull(values.handover_date),
    contract_start: dateOrNull(values.contract_start),
    contract_end: dateOrNull(values.contract_end),
  };
  if (values.total_floor_area !== null && values.total_floor_area !== undefined)
    body.total_floor_area = Number(values.total_floor_area).toFixed(2);
  if (values.household_count !== null && values.household_count !== undefined) body.household_count = values.household_count;
  if (withSla) {
    const sla = values.settings?.sla_hours ?? {};
    body.settings = {
      sla_hours: Object.fromEntries(SLA_KEYS.map((key) => [key, Number(sla[key] ?? DEFAULT_SLA_HOURS[key])])),
    };
  }
  return body;
}

/** The estate's clocks, with the defaults for any the estate does not set. */
export function slaHoursOf(estate: Pick<Estate, 'settings'>): SlaHours {
  const settings = (estate.settings ?? {}) as { sla_hours?: Partial<SlaHours> };
  return { ...DEFAULT_SLA_HOURS, ...(settings.sla_hours ?? {}) };
}

export function estateToForm(estate: Estate): EstateFormValues {
  return {
    name: estate.name,
    code: estate.code,
    address: estate.address,
    city: estate.city,
    district: estate.district,
    total_floor_area: estate.total_floor_area === '' ? null : Number(estate.total_floor_area),
    household_count: estate.household_count,
    handover_date: estate.handover_date ?? '',
    contract_start: estate.contract_start ?? '',
    contract_end: estate.contract_end ?? '',
    settings: { sla_hours: slaHoursOf(estate) },
  };
}

/** The end of the contract may not come before its start (the server says so too). */
function contractEndRule(t: ReturnType<typeof useT>) {
  return ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
    validator(_: unknown, value?: string) {
      const start = getFieldValue('contract_start') as string | undefined;
      if (!value || !start || value >= start) return Promise.resolve();
      return Promise.reject(new Error(t('estates.validation.contractEnd')));
    },
  });
}

export function EstateFields({ withSla = false }: { withSla?: boolean }) {
  const t = useT();
  const half = { xs: 24, sm: 12 };
  return (
    <>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('estates.field.name')} rules={[requiredRule(t, 'estates.field.name')]}>
            <Input data-testid="field-name" maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="code"
            label={t('estates.field.code')}
            extra={t('estates.field.codeHint')}
            rules={[
              requiredRule(t, 'estates.field.code'),
              { pattern: /^[A-Za-z0-9-]{1,20}$/, message: t('estates.validation.code') },
            ]}
          >
            <Input data-testid="field-code" maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('estates.field.address')}>
        <Input data-testid="field-address" maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="city" label={t('estates.field.city')}>
            <Input data-testid="field-city" maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="district" label={t('estates.field.district')}>
            <Input data-testid="field-district" maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="total_floor_area" label={t('estates.field.total_floor_area')}>
            <InputNumber data-testid="field-total_floor_area" min={0} precision={2} suffix="m²" style={fill} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="household_count" label={t('estates.field.household_count')}>
            <InputNumber data-testid="field-household_count" min={0} max={1_000_000} precision={0} style={fill} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="handover_date" label={t('estates.field.handover_date')}>
            <Input type="date" data-testid="field-handover_date" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="contract_start" label={t('estates.field.contract_start')}>
            <Input type="date" data-testid="field-contract_start" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contract_end"
            label={t('estates.field.contract_end')}
            dependencies={['contract_start']}
            rules={[contractEndRule(t)]}
          >
            <Input type="date" data-testid="field-contract_end" />
          </Form.Item>
        </Col>
      </Row>
      {withSla && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, marginBottom: 8, fontSize: 'inherit' }}>{t('estates.sla.title')}</legend>
          <Row gutter={16}>
            {SLA_KEYS.map((key) => (
              <Col xs={12} md={6} key={key}>
                <Form.Item
                  name={['settings', 'sla_hours', key]}
                  label={t(`estates.sla.${key}`)}
                  rules={[{ required: true, message: t('validation.required', { field: t(`estates.sla.${key}`) }) }]}
                >
                  <InputNumber
                    data-testid={`field-sla_hours-${key}`}
                    min={1}
                    max={8760}
                    precision={0}
                    suffix={t('estates.sla.hours')}
                    style={fill}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </fieldset>
      )}
    </>
  );
}
